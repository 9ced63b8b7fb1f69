import OpenAI, { toFile } from 'openai';
import { sourceLanguage, type Language } from '../core/request.ts';
import type { LlmConfig } from './config.ts';
import { LlmError } from './errors.ts';
import { toLlmError } from './openai-errors.ts';

/** Turns a voice note or audio file into text. What adapters receive for voice messages. */
export interface Transcriber {
  /** The speech-to-text model, for logs. */
  readonly model: string;
  /** Largest accepted recording, in bytes. */
  readonly maxBytes: number;
  /**
   * The recording's text. `fileName` carries the format (voice.ogg, note.m4a, call.mp3); `language` is a
   * hint. Rejects with a {@link TranscriptionError} whose `textKey` is a user-facing text id.
   */
  transcribe(audio: Uint8Array, fileName: string, language?: Language): Promise<string>;
}

/** Why a recording could not be transcribed. */
export type TranscriptionErrorCode = 'too_large' | 'empty' | 'timeout' | 'failed';

/**
 * A failed transcription: a code, a message for logs (never the audio or its text) and `textKey`, the id of
 * the sentence to show the user (`t(language, error.textKey, error.textVars)`).
 */
export class TranscriptionError extends Error {
  readonly code: TranscriptionErrorCode;
  readonly textKey: string;
  readonly textVars: Record<string, string | number>;
  constructor(code: TranscriptionErrorCode, message: string, options: { cause?: unknown; textVars?: Record<string, string | number> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranscriptionError';
    this.code = code;
    this.textKey = code === 'too_large' ? 'llm.transcribe_too_large' : 'llm.transcribe_failed';
    this.textVars = options.textVars ?? {};
  }
}

/** Default largest recording: 25 MB, the OpenAI audio API's own limit. */
const DEFAULT_MAX_AUDIO_BYTES = 25 * 1024 * 1024;
/** Default time limit for one transcription: 60 s (a few minutes of audio). */
const DEFAULT_TRANSCRIBE_TIMEOUT_MS = 60_000;

/** Options for {@link createTranscriber}. */
export interface TranscriberOptions {
  /** An OpenAI client for any OpenAI-compatible server (create it with maxRetries: 0). */
  client: OpenAI;
  model: string;
  timeoutMs?: number;
  maxBytes?: number;
}

/** A {@link Transcriber} over the audio transcriptions API (`POST /audio/transcriptions`) of the configured endpoint. */
export function createTranscriber(options: TranscriberOptions): Transcriber {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_AUDIO_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TRANSCRIBE_TIMEOUT_MS;
  return {
    model: options.model,
    maxBytes,
    async transcribe(audio, fileName, language) {
      if (audio.byteLength === 0) throw new TranscriptionError('empty', 'the recording is empty');
      if (audio.byteLength > maxBytes) {
        throw new TranscriptionError('too_large', `the recording is ${audio.byteLength} bytes, more than the ${maxBytes} allowed`, {
          textVars: { limit: Math.floor(maxBytes / (1024 * 1024)) },
        });
      }
      const deadline = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        deadline.abort();
      }, timeoutMs);
      try {
        const file = await toFile(audio, fileName.replace(/[^\w.-]/g, '_') || 'audio.ogg');
        const result = await options.client.audio.transcriptions.create(
          { file, model: options.model, response_format: 'json', ...(language ? { language: sourceLanguage(language) } : {}) },
          { timeout: timeoutMs, maxRetries: 0, signal: deadline.signal },
        );
        const text = typeof result === 'string' ? result : result.text;
        if (typeof text !== 'string' || text.trim() === '') throw new TranscriptionError('empty', 'the transcription came back empty');
        return text.trim();
      } catch (error) {
        if (error instanceof TranscriptionError) throw error;
        const failure = error instanceof LlmError ? error : toLlmError(error, timedOut);
        if (failure.code === 'timeout') throw new TranscriptionError('timeout', `transcription did not finish within ${timeoutMs} ms`, { cause: failure });
        throw new TranscriptionError('failed', `transcription failed: ${failure.message}`, { cause: failure });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * An OpenAI client for the configured endpoint. The SDK's own retries are off (the classifier retries once
 * itself) and so is its own logging: it would write plain lines through `console` (whatever OPENAI_LOG says),
 * past the service's JSON logger and its secret redaction.
 */
export function createLlmClient(config: Pick<LlmConfig, 'baseUrl' | 'apiKey' | 'timeoutMs'>): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
    maxRetries: 0,
    timeout: config.timeoutMs,
    logLevel: 'off',
  });
}

/**
 * The transcriber for the LLM settings, or undefined when transcription is not configured (no LLM, or no
 * LLM_TRANSCRIBE_MODEL): adapters then tell the user to send the text (text id `llm.transcribe_not_configured`).
 */
export function transcriberFromConfig(config: LlmConfig | undefined, client?: OpenAI): Transcriber | undefined {
  if (!config?.transcribeModel) return undefined;
  return createTranscriber({
    client: client ?? createLlmClient(config),
    model: config.transcribeModel,
    timeoutMs: config.transcribeTimeoutMs,
    maxBytes: config.transcribeMaxBytes,
  });
}
