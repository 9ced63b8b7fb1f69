import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReply, secondOpinionState } from '../../src/core/reply.ts';
import { ruleset, t } from '../fakes/texts.ts';
import { createChecker } from '../../src/service/checker-factory.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fake-openai-server.ts';
import { answer, memoryLogger } from './helpers.ts';

let fake: FakeOpenAiServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const options = { logger: memoryLogger(), cache: new Keyv(), secret: 'factory-secret-0123456789' };

describe('createChecker', () => {
  it('runs rules-only without LLM settings, says why, and replies say rules only', async () => {
    const setup = await createChecker({ ...options, env: {} });
    expect(setup.checker.secondOpinion).toBe('off');
    expect(setup.offReason).toMatch(/LLM_MODEL not set/);
    expect(setup.transcriber).toBeUndefined();
    expect(setup.transcriberOffReason).toMatch(/LLM_TRANSCRIBE_MODEL/);
    const verdict = await setup.checker.check({ kind: 'message', text: 'Transfer the money to a safe account now.' }).refined;
    expect(buildReply(verdict, { secondOpinion: secondOpinionState(verdict), ruleset }).footer[0]).toBe(t('en', 'core.footer.rules_only'));
  });

  it('builds the LLM checker and the transcriber when LLM settings are present; the details carry no key', async () => {
    fake = await startFakeOpenAiServer([{ kind: 'json', json: answer() }]);
    const env = { LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_API_KEY: 'sk-very-secret-key', LLM_TRANSCRIBE_MODEL: 'whisper-fake' };
    const setup = await createChecker({ ...options, env });
    expect(setup.checker.secondOpinion).toBe('on');
    expect(setup.offReason).toBeUndefined();
    expect(setup.details).toMatchObject({ model: 'fake-model', endpoint: fake.baseURL.replace(/\/v1$/, ''), prompts: 'v1' });
    expect(JSON.stringify(setup.details)).not.toContain('sk-very-secret-key');
    expect(setup.transcriber?.model).toBe('whisper-fake');
    const refined = await setup.checker.check({ kind: 'message', text: 'Please settle the handling charge today.', language: 'en' }).refined;
    expect(refined.secondOpinion.status).toBe('ok');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-very-secret-key');
    fake.assertScriptUsed();
  });

  it('fails fast on a malformed LLM setting, naming the variable', async () => {
    await expect(createChecker({ ...options, env: { LLM_MODEL: 'm', LLM_BASE_URL: 'ftp://x' } })).rejects.toThrow(/^LLM_BASE_URL: /);
    await expect(createChecker({ ...options, env: { LLM_MODEL: 'm', LLM_BASE_URL: 'http://x/v1', LLM_TIMEOUT_MS: 'soon' } })).rejects.toThrow(/^LLM_TIMEOUT_MS: /);
  });
});
