import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startService } from '../../src/service/main.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fake-openai-server.ts';
import { answer } from './helpers.ts';

let fake: FakeOpenAiServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const KEY = 'sk-service-wiring-secret-key';

describe('the service with an LLM configured', () => {
  it('logs the second opinion on (model, endpoint, no key), and the API serves the refined verdict', async () => {
    fake = await startFakeOpenAiServer([{ kind: 'json', json: answer({ label: 'scam', tactics: ['payment'] }) }]);
    const lines: string[] = [];
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-llm-'));
    const env = { PORT: '0', STORE_URL: 'memory:', LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_API_KEY: KEY, LOG_LEVEL: 'debug' };
    const service = await startService(env, { cwd, logWrite: (line) => lines.push(line) });
    try {
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok', secondOpinion: 'on' });
      const response = await fetch(`${service.url}/v1/check?wait=refined`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'message', text: 'Hi it is Sam from the office, I need a quick favour, reply when you see this.', language: 'en' }),
      });
      const body = (await response.json()) as { verdict: { level: string; secondOpinion: { status: string } }; reply: { footer: string[] } };
      expect(body.verdict.level).toBe('high');
      expect(body.verdict.secondOpinion.status).toBe('ok');
    } finally {
      await service.stop();
    }
    const records = lines.map((line) => JSON.parse(line) as Record<string, string>);
    const on = records.find((record) => record.msg === 'second opinion on');
    expect(on).toMatchObject({ model: 'fake-model', endpoint: new URL(fake.baseURL).origin, prompts: 'v1' });
    expect(records.some((record) => record.msg === 'voice-note transcription off')).toBe(true);
    expect(lines.join('')).not.toContain(KEY);
    expect(lines.join('')).not.toContain('quick favour');
    fake.assertScriptUsed();
  });

  it('logs neither the text nor the key when the model fails, even with OPENAI_LOG=debug and an error that echoes both', async () => {
    const text = 'Hi it is Sam from the office, I need a quick favour, reply when you see this.';
    const echo = `upstream rejected Bearer ${KEY} for input: ${text}`;
    fake = await startFakeOpenAiServer([
      { kind: 'error', status: 500, message: echo },
      { kind: 'error', status: 500, message: echo },
    ]);
    // The SDK reads OPENAI_LOG itself and logs through console, past the service's redacting logger.
    vi.stubEnv('OPENAI_LOG', 'debug');
    const consoleLines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(JSON.stringify(args)));
    }
    const lines: string[] = [];
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-llm-'));
    const env = { PORT: '0', STORE_URL: 'memory:', LLM_BASE_URL: fake.baseURL, LLM_MODEL: 'fake-model', LLM_API_KEY: KEY, LOG_LEVEL: 'debug' };
    const service = await startService(env, { cwd, logWrite: (line) => lines.push(line) });
    try {
      const response = await fetch(`${service.url}/v1/check?wait=refined`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'message', text, language: 'en' }),
      });
      const body = (await response.json()) as { verdict: { secondOpinion: { status: string } }; reply: { footer: string[] } };
      expect(body.verdict.secondOpinion.status).toBe('unavailable');
      expect(body.reply.footer.join(' ')).toMatch(/second opinion was unavailable/i);
    } finally {
      await service.stop();
    }
    expect(lines.some((line) => line.includes('LLM second opinion failed'))).toBe(true);
    const everything = [...lines, ...consoleLines].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('quick favour');
    expect(consoleLines).toEqual([]);
    fake.assertScriptUsed();
  });
});
