import { z } from 'zod';

/**
 * A missing or malformed environment setting, from any module (service, LLM, an adapter). The message starts
 * with the variable's name and says how to fix it; entry points print it and stop (exit 78 for the service,
 * 2 for the CLI).
 */
export class SettingError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly variable: string;
  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super(`${variable}: ${message}`, options);
    this.name = 'SettingError';
    this.variable = variable;
  }
}

/**
 * Reads an API root setting (an adapter's `*_API_URL`, pointed at a proxy or a test fake): an http(s) URL,
 * returned with one trailing slash (`trailingSlash: true`) or none. `example` and `fallback` complete the
 * error message ("use e.g. <example>, or unset it for <fallback>").
 */
export function parseApiUrl(variable: string, value: string, options: { example: string; fallback: string; trailingSlash: boolean }): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingError(variable, `"${value}" is not a URL; use e.g. ${options.example}, or unset it for ${options.fallback}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SettingError(variable, `"${value}" is not an http(s) URL; unset it for ${options.fallback}`);
  }
  const bare = url.href.replace(/\/+$/, '');
  return options.trailingSlash ? `${bare}/` : bare;
}

/** Reads a TCP port setting (0 picks a free port); `fallback` when unset; `fix` ends the error message. */
export function parsePort(variable: string, value: string | undefined, fallback: number, fix: string): number {
  if (value === undefined) return fallback;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw new SettingError(variable, `"${value}" is not a port number; ${fix}`);
  return port;
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 * 1024, mb: 1024 * 1024, mib: 1024 * 1024 };

/** Parses "262144", "256k", "256KiB" or "1m" into bytes; undefined when malformed. */
export function parseByteSize(value: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = UNITS[(match[2] ?? '').toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** zod schema for one environment variable read as text: unset or blank is undefined, anything else trimmed. */
export const optionalSetting = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/** Abortable pause: resolves after `milliseconds`, or at once when `signal` aborts (it never rejects). */
export function pause(milliseconds: number, signal?: AbortSignal): Promise<void> {
  if (milliseconds <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
