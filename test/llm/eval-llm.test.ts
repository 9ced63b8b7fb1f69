import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fake-openai-server.ts';
import { runNode, type NodeRun } from '../fakes/run-node.ts';
import { answer } from './helpers.ts';

const EVAL = fileURLToPath(new URL('../../bench/eval.ts', import.meta.url));
const CORPUS = fileURLToPath(new URL('../fixtures/eval-llm/', import.meta.url));

let fake: FakeOpenAiServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function run(args: string[], env: NodeJS.ProcessEnv): Promise<NodeRun> {
  return runNode(EVAL, [CORPUS, ...args], { env });
}

/** One answer per corpus line, in file order (the scam opener the rules miss comes first). */
function scriptCorpusAnswers(server: FakeOpenAiServer): void {
  server.script(
    { kind: 'json', json: answer({ label: 'scam', tactics: ['family_emergency'] }) },
    { kind: 'json', json: answer({ label: 'legitimate', tactics: [], confidence: 0.95 }) },
    { kind: 'json', json: answer({ label: 'scam' }) },
    { kind: 'json', json: answer({ label: 'legitimate', tactics: [], confidence: 0.95 }) },
  );
}

describe('npm run eval -- --llm', () => {
  it('prints rules-only and combined figures side by side as JSON', async () => {
    fake = await startFakeOpenAiServer();
    scriptCorpusAnswers(fake);
    const result = await run(['--llm', '--json'], { LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_MAX_CONCURRENCY: '1' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ mode: 'llm', model: 'fake-model', samples: 4 });
    const row = report.rows.find((candidate: { name: string }) => candidate.name === 'smishx');
    expect(row.rules).toMatchObject({ n: 4, recall: 0.5, falsePositiveRate: 0 });
    expect(row.combined).toMatchObject({ n: 4, recall: 1, falsePositiveRate: 0 });
    expect(row.changed).toBe(1);
    expect(row.unavailable).toBe(0);
    expect(fake.requests.filter((request) => request.route === 'models')).toHaveLength(1);
    fake.assertScriptUsed();
  });

  it('prints a side-by-side table and counts unavailable second opinions', async () => {
    fake = await startFakeOpenAiServer();
    scriptCorpusAnswers(fake);
    fake.script({ kind: 'error', status: 401 });
    const result = await run(['--llm', '--corpus', 'smishx'], { LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_MAX_CONCURRENCY: '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rules only/);
    expect(result.stdout).toMatch(/rules \+ LLM/);
    expect(result.stdout).toMatch(/fake-model/);
    expect(result.stdout).toMatch(/^smishx\s+en\s+4\s+0\.500\s+0\.000\s+0\.667\s+1\.000\s+0\.000\s+1\.000\s+1\s+0$/m);
    // The extra scripted 401 is never used: exactly one call per sample.
    expect(fake.remaining()).toBe(1);
  });

  it('says clearly that no LLM is configured and exits non-zero', async () => {
    const result = await run(['--llm'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no LLM configured: set LLM_MODEL/);
    expect(result.stdout).toBe('');
  });

  it('says the LLM is not reachable and exits non-zero', async () => {
    const closed = await startFakeOpenAiServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const result = await run(['--llm'], { LLM_BASE_URL: baseURL, LLM_MODEL: 'fake-model' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not reachable/);
  });

  it('names a malformed LLM setting', async () => {
    const result = await run(['--llm'], { LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/LLM_MODEL: is not set/);
  });
});
