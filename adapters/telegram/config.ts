import { z } from 'zod';
import { optionalSetting, SettingError } from '../../src/core/index.ts';
import type { TelegramFeatureConfig } from './context.ts';

/** Default limits and timings of the Telegram bot. */
export const DEFAULT_TELEGRAM_FEATURES: TelegramFeatureConfig = {
  userChecksPerWindow: 20,
  chatChecksPerWindow: 60,
  rateWindowMs: 60_000,
  burstWindowMs: 2_000,
  maxDocumentBytes: 256 * 1024,
  maxAudioBytes: 20 * 1024 * 1024,
  checkinTimeoutMs: 10 * 60_000,
  dedupTtlMs: 24 * 60 * 60_000,
};

/** Webhook settings, present when TELEGRAM_WEBHOOK_URL is set. */
export interface TelegramWebhookConfig {
  /** Public HTTPS URL Telegram posts updates to. */
  url: string;
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; requests without it are rejected with 401. */
  secret: string;
  /** Where the local webhook server listens. */
  host: string;
  port: number;
  /** Path the local server accepts updates on (the public URL's path). */
  path: string;
}

/** Settings of the Telegram adapter, parsed once at start-up. */
export interface TelegramConfig {
  token: string;
  /** Bot API root for a self-hosted Bot API server or a test fake; default https://api.telegram.org. */
  apiRoot?: string;
  /** Long polling when undefined. */
  webhook?: TelegramWebhookConfig;
  features: TelegramFeatureConfig;
  /** Retry policy for 429 and 5xx answers. */
  retry: { maxAttempts: number; maxDelayMs: number };
}


const TelegramEnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalSetting,
  TELEGRAM_API_ROOT: optionalSetting,
  TELEGRAM_WEBHOOK_URL: optionalSetting,
  TELEGRAM_WEBHOOK_SECRET: optionalSetting,
  TELEGRAM_WEBHOOK_LISTEN: optionalSetting,
  TELEGRAM_USER_CHECKS_PER_MINUTE: optionalSetting,
  TELEGRAM_CHAT_CHECKS_PER_MINUTE: optionalSetting,
  TELEGRAM_BURST_MS: optionalSetting,
  TELEGRAM_MAX_DOCUMENT_KB: optionalSetting,
  TELEGRAM_CHECKIN_TIMEOUT_MINUTES: optionalSetting,
});

function positiveInteger(variable: string, value: string | undefined, fallback: number, hint: string): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw new SettingError(variable, `"${value}" is not a whole number of at least 1; ${hint}`);
  return number;
}

function parseUrl(variable: string, value: string, hint: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new SettingError(variable, `"${value}" is not a URL; ${hint}`);
  }
}

function parseListen(value: string | undefined): { host: string; port: number } {
  if (value === undefined) return { host: '127.0.0.1', port: 8443 };
  const match = /^(?:(.+):)?(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port > 65535) {
    throw new SettingError('TELEGRAM_WEBHOOK_LISTEN', `"${value}" is not host:port or a port; use e.g. 0.0.0.0:8443 (0 picks a free port)`);
  }
  return { host: match[1]?.replace(/^\[|\]$/g, '') ?? '127.0.0.1', port };
}

/**
 * Parses the Telegram settings from the environment. Returns undefined when TELEGRAM_BOT_TOKEN is not set
 * (the adapter stays off); throws a {@link SettingError} naming the variable when a value is wrong.
 */
export function loadTelegramConfig(env: NodeJS.ProcessEnv = process.env): TelegramConfig | undefined {
  const parsed = TelegramEnvSchema.parse(env);
  const token = parsed.TELEGRAM_BOT_TOKEN;
  if (token === undefined) return undefined;
  if (!/^\d+:[\w-]+$/.test(token)) {
    throw new SettingError('TELEGRAM_BOT_TOKEN', 'does not look like a bot token (digits, a colon, then letters); copy it from @BotFather, or unset it to leave Telegram off');
  }
  let apiRoot: string | undefined;
  if (parsed.TELEGRAM_API_ROOT !== undefined) {
    apiRoot = parseUrl('TELEGRAM_API_ROOT', parsed.TELEGRAM_API_ROOT, 'use e.g. http://127.0.0.1:8081 for a self-hosted Bot API server, or unset it').href.replace(/\/$/, '');
  }

  let webhook: TelegramWebhookConfig | undefined;
  if (parsed.TELEGRAM_WEBHOOK_URL !== undefined) {
    const url = parseUrl('TELEGRAM_WEBHOOK_URL', parsed.TELEGRAM_WEBHOOK_URL, 'use the public HTTPS URL of this service, e.g. https://bot.example.org/telegram, or unset it for long polling');
    const secret = parsed.TELEGRAM_WEBHOOK_SECRET;
    if (secret === undefined) {
      throw new SettingError('TELEGRAM_WEBHOOK_SECRET', 'must be set when TELEGRAM_WEBHOOK_URL is set: a random value of letters, digits, _ and - (openssl rand -hex 32)');
    }
    if (!/^[A-Za-z0-9_-]{16,256}$/.test(secret)) {
      throw new SettingError('TELEGRAM_WEBHOOK_SECRET', 'must be 16 to 256 letters, digits, _ or - (openssl rand -hex 32)');
    }
    webhook = { url: url.href, secret, ...parseListen(parsed.TELEGRAM_WEBHOOK_LISTEN), path: url.pathname || '/' };
  } else if (parsed.TELEGRAM_WEBHOOK_SECRET !== undefined) {
    throw new SettingError('TELEGRAM_WEBHOOK_SECRET', 'is set but TELEGRAM_WEBHOOK_URL is not; set the public URL too, or unset the secret for long polling');
  }

  const defaults = DEFAULT_TELEGRAM_FEATURES;
  const features: TelegramFeatureConfig = {
    ...defaults,
    userChecksPerWindow: positiveInteger('TELEGRAM_USER_CHECKS_PER_MINUTE', parsed.TELEGRAM_USER_CHECKS_PER_MINUTE, defaults.userChecksPerWindow, 'e.g. 20'),
    chatChecksPerWindow: positiveInteger('TELEGRAM_CHAT_CHECKS_PER_MINUTE', parsed.TELEGRAM_CHAT_CHECKS_PER_MINUTE, defaults.chatChecksPerWindow, 'e.g. 60'),
    burstWindowMs: positiveInteger('TELEGRAM_BURST_MS', parsed.TELEGRAM_BURST_MS, defaults.burstWindowMs, 'the time in milliseconds to collect forwarded messages, e.g. 2000'),
    maxDocumentBytes:
      positiveInteger('TELEGRAM_MAX_DOCUMENT_KB', parsed.TELEGRAM_MAX_DOCUMENT_KB, defaults.maxDocumentBytes / 1024, 'the largest transcript file in KB, e.g. 256') * 1024,
    checkinTimeoutMs:
      positiveInteger('TELEGRAM_CHECKIN_TIMEOUT_MINUTES', parsed.TELEGRAM_CHECKIN_TIMEOUT_MINUTES, defaults.checkinTimeoutMs / 60_000, 'e.g. 10') * 60_000,
  };
  return {
    token,
    ...(apiRoot ? { apiRoot } : {}),
    ...(webhook ? { webhook } : {}),
    features,
    retry: { maxAttempts: 4, maxDelayMs: 30_000 },
  };
}
