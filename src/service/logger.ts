import type { Logger } from '../core/logger.ts';
import type { LogLevel } from './config.ts';

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  level: LogLevel;
  /** Secret values (tokens, API keys, the hashing key) to redact wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; defaults to stderr. */
  write?: (line: string) => void;
  /** Clock, for tests. */
  now?: () => Date;
}

/** What replaces a secret in a log line. */
export const REDACTED = '[redacted]';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Shapes of well-known credentials, redacted even when nobody configured them as secrets. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, // Telegram bot token
  /\bsk-[A-Za-z0-9_-]{16,}\b/g, // OpenAI-style API key
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, // Slack token
  /\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{16,}/g, // Authorization header values
];

/** Every form a secret may take inside a log line: raw, JSON-escaped and URL-encoded. */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Returns `text` with every secret and credential-shaped token replaced by {@link REDACTED}. */
function redactText(text: string, forms: readonly string[]): string {
  let result = text;
  for (const form of forms) result = result.split(form).join(REDACTED);
  for (const pattern of CREDENTIAL_PATTERNS) result = result.replace(pattern, REDACTED);
  return result;
}

/** Turns errors into plain fields and cuts cycles, so every field can be serialized. */
function toPlain(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { name: value.name, message: value.message };
    if ('code' in value) plain.code = (value as { code: unknown }).code;
    if (value.stack) plain.stack = value.stack;
    if (value.cause !== undefined && depth < 4) plain.cause = toPlain(value.cause, seen, depth + 1);
    return plain;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 6) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => toPlain(item, seen, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = toPlain(item, seen, depth + 1);
  return result;
}

/**
 * A Logger writing one JSON object per line (time, level, msg, fields) to stderr. Every configured secret,
 * and anything shaped like a bot token or API key, is redacted from the whole line, messages and fields
 * alike. Callers never pass message text.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = RANK[options.level];
  const forms = secretForms(options.secrets ?? []);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());

  function log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < threshold) return;
    let line: string;
    try {
      const plainFields = fields ? (toPlain(fields, new WeakSet(), 0) as Record<string, unknown>) : {};
      const head = { time: now().toISOString(), level, msg: message };
      // Time, level and message first and never overwritten by a field of the same name.
      line = JSON.stringify(Object.assign({ ...head }, plainFields, head));
    } catch {
      line = JSON.stringify({ time: now().toISOString(), level, msg: message, fields: '[unserializable]' });
    }
    write(`${redactText(line, forms)}\n`);
  }

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}
