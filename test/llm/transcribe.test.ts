import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../fakes/texts.ts';
import { parseLlmConfig } from '../../src/llm/config.ts';
import { createTranscriber, TranscriptionError, transcriberFromConfig } from '../../src/llm/transcribe.ts';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../fakes/fake-openai-server.ts';

let fake: FakeOpenAiServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const AUDIO = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1, 2, 3, 4, 5, 6, 7, 8]);

async function transcriber(options: { timeoutMs?: number; maxBytes?: number } = {}) {
  fake = await startFakeOpenAiServer();
  const client = new OpenAI({ baseURL: fake.baseURL, apiKey: 'sk-test', maxRetries: 0 });
  return createTranscriber({ client, model: 'whisper-fake', timeoutMs: options.timeoutMs ?? 3000, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
}

async function failure(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}

describe('createTranscriber against the fake audio transcriptions API', () => {
  it('uploads the recording with the model, file name and language, and returns the text', async () => {
    const voice = await transcriber();
    fake!.script({ kind: 'transcription', text: '  Mum, it is me, I lost my phone.  ' });
    await expect(voice.transcribe(AUDIO, 'voice.ogg', 'en')).resolves.toBe('Mum, it is me, I lost my phone.');
    const [request] = fake!.requests;
    expect(request?.route).toBe('transcription');
    expect(request?.form).toMatchObject({ model: 'whisper-fake', language: 'en', response_format: 'json' });
    expect(request?.file).toMatchObject({ name: 'voice.ogg', size: AUDIO.byteLength });
    fake!.assertScriptUsed();
  });

  it('refuses a recording over the size limit without calling the server, with a user text naming the limit', async () => {
    const voice = await transcriber({ maxBytes: 2 * 1024 * 1024 });
    const error = await failure(voice.transcribe(new Uint8Array(2 * 1024 * 1024 + 1), 'big.ogg'));
    expect(error.code).toBe('too_large');
    expect(t('en', error.textKey, error.textVars)).toMatch(/limit 2 MB/);
    expect(t('zh', error.textKey, error.textVars)).toMatch(/2 MB/);
    expect(fake!.requests).toHaveLength(0);
  });

  it('refuses an empty recording', async () => {
    const voice = await transcriber();
    expect((await failure(voice.transcribe(new Uint8Array(0), 'empty.ogg'))).code).toBe('empty');
  });

  it('reports a timeout when the server does not answer in time', async () => {
    const voice = await transcriber({ timeoutMs: 1000 });
    fake!.script({ kind: 'hang', route: 'transcription' });
    const error = await failure(voice.transcribe(AUDIO, 'voice.ogg'));
    expect(error.code).toBe('timeout');
    expect(error.textKey).toBe('llm.transcribe_failed');
    fake!.assertScriptUsed();
  });

  it('reports a server error clearly (no retry) and an empty transcript as empty', async () => {
    const voice = await transcriber();
    fake!.script({ kind: 'error', status: 500, route: 'transcription' }, { kind: 'transcription', text: '   ' });
    const error = await failure(voice.transcribe(AUDIO, 'voice.ogg'));
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(/HTTP 500/);
    expect((await failure(voice.transcribe(AUDIO, 'voice.ogg'))).code).toBe('empty');
    fake!.assertScriptUsed();
  });
});

describe('transcriberFromConfig', () => {
  it('is undefined without an LLM or without LLM_TRANSCRIBE_MODEL', () => {
    expect(transcriberFromConfig(undefined)).toBeUndefined();
    expect(transcriberFromConfig(parseLlmConfig({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm' }))).toBeUndefined();
  });

  it('uses LLM_TRANSCRIBE_MODEL and its limits', () => {
    const config = parseLlmConfig({ LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'm', LLM_TRANSCRIBE_MODEL: 'whisper-1', LLM_TRANSCRIBE_MAX_BYTES: '1048576' });
    const voice = transcriberFromConfig(config);
    expect(voice?.model).toBe('whisper-1');
    expect(voice?.maxBytes).toBe(1048576);
  });
});
