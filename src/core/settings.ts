import { z } from 'zod';

/**
 * A missing or malformed environment setting, from any module (service, LLM, an adapter). The message starts
 * with the variable's name and says how to fix it; entry points print it and stop (exit 78 for the service,
 * 2 for the CLI).
 */
export class SettingError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string, options?: { cause?: unknown }) {
    super(`${variable}: ${message}`, options);
    this.name = 'SettingError';
    this.variable = variable;
  }
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
