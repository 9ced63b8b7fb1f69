import { z } from 'zod';
import { optionalSetting } from '../core/settings.ts';
import { SettingError } from '../core/settings.ts';

/** How to ask for structured output: json_schema first and JSON mode when the server refuses it (auto). */
const RESPONSE_FORMATS = ['auto', 'json_schema', 'json_object'] as const;
/** How to ask for structured output. */
export type ResponseFormatMode = (typeof RESPONSE_FORMATS)[number];

/** The LLM settings, parsed once at start-up from LLM_* variables. */
export interface LlmConfig {
  /** OpenAI-compatible API root, e.g. http://localhost:11434/v1; undefined means api.openai.com. */
  baseUrl: string | undefined;
  model: string;
  /** API key; servers that need none (Ollama, llama.cpp) get a placeholder. Never logged. */
  apiKey: string;
  /** Speech-to-text model for voice notes; undefined turns transcription off. */
  transcribeModel: string | undefined;
  /** Time limit for one transcription, in ms. */
  transcribeTimeoutMs: number;
  /** Largest recording sent for transcription, in bytes. */
  transcribeMaxBytes: number;
  /** Time limit for one attempt, in ms. */
  timeoutMs: number;
  /** How long a second opinion stays cached, in ms; 0 turns the cache off. */
  cacheTtlMs: number;
  responseFormat: ResponseFormatMode;
  /** Most LLM calls in flight at once. */
  maxConcurrency: number;
  /** Most calls waiting for a slot; beyond that a check gets no second opinion instead of waiting. */
  maxQueue: number;
  /** Token budget for the text sent to the model (long transcripts are cut down to it). */
  maxInputTokens: number;
  /** Consecutive failed checks that open the circuit breaker. */
  breakerFailures: number;
  /** How long the breaker stays open before one trial call, in ms. */
  breakerCooldownMs: number;
  /** Prompt folder under prompts/classifier/; undefined means the `current` one. */
  promptVersion: string | undefined;
}

/** Placeholder key for servers that ignore it; the SDK refuses an empty key. */
const NO_API_KEY = 'not-needed';

/** Default time limit for one attempt: 10 s. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** Default cache lifetime: 7 days. */
const DEFAULT_CACHE_TTL_MS = 7 * 24 * 3600 * 1000;

const LlmEnvSchema = z.object({
  LLM_BASE_URL: optionalSetting,
  LLM_MODEL: optionalSetting,
  LLM_API_KEY: optionalSetting,
  LLM_TRANSCRIBE_MODEL: optionalSetting,
  LLM_TRANSCRIBE_TIMEOUT_MS: optionalSetting,
  LLM_TRANSCRIBE_MAX_BYTES: optionalSetting,
  LLM_TIMEOUT_MS: optionalSetting,
  LLM_CACHE_TTL: optionalSetting,
  LLM_RESPONSE_FORMAT: optionalSetting,
  LLM_MAX_CONCURRENCY: optionalSetting,
  LLM_MAX_QUEUE: optionalSetting,
  LLM_MAX_INPUT_TOKENS: optionalSetting,
  LLM_BREAKER_FAILURES: optionalSetting,
  LLM_BREAKER_COOLDOWN_MS: optionalSetting,
  LLM_PROMPT_VERSION: optionalSetting,
});

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration: plain seconds ("3600") or with a unit ("90s", "30m", "12h", "7d"); undefined when malformed. */
export function parseDuration(value: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(value.trim());
  if (!match) return undefined;
  const milliseconds = Number(match[1]) * (DURATION_UNITS[(match[2] ?? '').toLowerCase()] ?? Number.NaN);
  return Number.isSafeInteger(milliseconds) ? milliseconds : undefined;
}

function integer(variable: string, value: string | undefined, fallback: number, min: number, max: number, hint: string): number {
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new SettingError(variable, `"${value}" is not a whole number from ${min} to ${max}; ${hint}`);
  }
  return parsed;
}

function baseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError('LLM_BASE_URL', 'is not a URL; set it to the API root of an OpenAI-compatible server, e.g. http://localhost:11434/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingError('LLM_BASE_URL', `must start with http:// or https://, e.g. http://localhost:11434/v1`);
  }
  return value.replace(/\/+$/, '');
}

/** True when the environment asks for an LLM second opinion at all (any of the main LLM_* variables set). */
function llmRequested(env: NodeJS.ProcessEnv): boolean {
  return ['LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEY', 'LLM_TRANSCRIBE_MODEL'].some((name) => Boolean(env[name]?.trim()));
}

/**
 * Reads the LLM settings from the environment. Returns undefined when no LLM is configured (rules only);
 * throws an {@link SettingError} naming the variable and the fix when a setting is missing or malformed.
 */
export function parseLlmConfig(env: NodeJS.ProcessEnv): LlmConfig | undefined {
  if (!llmRequested(env)) return undefined;
  const values = LlmEnvSchema.parse(env);
  const url = baseUrl(values.LLM_BASE_URL);
  if (values.LLM_MODEL === undefined) {
    throw new SettingError(
      'LLM_MODEL',
      'is not set; name the chat model (e.g. gpt-4o-mini, or qwen2.5:7b-instruct on Ollama), or unset every LLM_* variable to run rules-only',
    );
  }
  if (url === undefined && values.LLM_API_KEY === undefined) {
    throw new SettingError(
      'LLM_API_KEY',
      'is not set; set your OpenAI API key, or set LLM_BASE_URL to a local OpenAI-compatible server (Ollama, vLLM, llama.cpp) that needs none',
    );
  }
  const responseFormat = values.LLM_RESPONSE_FORMAT ?? 'auto';
  if (!(RESPONSE_FORMATS as readonly string[]).includes(responseFormat)) {
    throw new SettingError('LLM_RESPONSE_FORMAT', `must be one of ${RESPONSE_FORMATS.join(', ')} (auto tries json_schema, then JSON mode)`);
  }
  let cacheTtlMs = DEFAULT_CACHE_TTL_MS;
  if (values.LLM_CACHE_TTL !== undefined) {
    const parsed = parseDuration(values.LLM_CACHE_TTL);
    if (parsed === undefined) {
      throw new SettingError('LLM_CACHE_TTL', `"${values.LLM_CACHE_TTL}" is not a duration; use seconds or a unit, e.g. 3600, 12h or 7d (0 turns the cache off)`);
    }
    cacheTtlMs = parsed;
  }
  const promptVersion = values.LLM_PROMPT_VERSION;
  if (promptVersion !== undefined && !/^[a-z0-9][a-z0-9._-]{0,31}$/i.test(promptVersion)) {
    throw new SettingError('LLM_PROMPT_VERSION', 'must name a folder under prompts/classifier/, e.g. v1');
  }
  return {
    baseUrl: url,
    model: values.LLM_MODEL,
    apiKey: values.LLM_API_KEY ?? NO_API_KEY,
    transcribeModel: values.LLM_TRANSCRIBE_MODEL,
    timeoutMs: integer('LLM_TIMEOUT_MS', values.LLM_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 100, 600_000, 'the default is 10000 (10 s)'),
    transcribeTimeoutMs: integer('LLM_TRANSCRIBE_TIMEOUT_MS', values.LLM_TRANSCRIBE_TIMEOUT_MS, 60_000, 1000, 3_600_000, 'the default is 60000 (60 s)'),
    transcribeMaxBytes: integer('LLM_TRANSCRIBE_MAX_BYTES', values.LLM_TRANSCRIBE_MAX_BYTES, 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024, 'the default is 26214400 (25 MB)'),
    cacheTtlMs,
    responseFormat: responseFormat as ResponseFormatMode,
    maxConcurrency: integer('LLM_MAX_CONCURRENCY', values.LLM_MAX_CONCURRENCY, 4, 1, 1000, 'the default is 4'),
    maxQueue: integer('LLM_MAX_QUEUE', values.LLM_MAX_QUEUE, 64, 0, 100_000, 'the default is 64'),
    maxInputTokens: integer('LLM_MAX_INPUT_TOKENS', values.LLM_MAX_INPUT_TOKENS, 3000, 200, 1_000_000, 'the default is 3000'),
    breakerFailures: integer('LLM_BREAKER_FAILURES', values.LLM_BREAKER_FAILURES, 5, 1, 1000, 'the default is 5'),
    breakerCooldownMs: integer('LLM_BREAKER_COOLDOWN_MS', values.LLM_BREAKER_COOLDOWN_MS, 30_000, 0, 86_400_000, 'the default is 30000 (30 s)'),
    promptVersion,
  };
}
