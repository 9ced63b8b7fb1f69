import type { Transformer } from 'grammy';
import { pause } from '../../src/core/index.ts';

/** Options for {@link createRetryTransformer}. */
export interface RetryOptions {
  /** Attempts per call, the first included (default 4). */
  maxAttempts?: number;
  /** Longest wait before one retry, in ms; a 429 asking for longer is not retried (default 30 s). */
  maxDelayMs?: number;
  /** Milliseconds per second of `retry_after` (1000; tests use less). */
  secondMs?: number;
  /** Wait before retrying a 5xx answer, doubled per attempt (default 250 ms). */
  serverErrorDelayMs?: number;
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each retry, for logging. */
  onRetry?: (info: { method: string; attempt: number; delayMs: number; errorCode: number }) => void;
}

/**
 * An API transformer that retries calls Telegram answered with 429 (after `retry_after`, capped) or a 5xx
 * (short backoff). getUpdates is left to grammY's own polling loop.
 */
export function createRetryTransformer(options: RetryOptions = {}): Transformer {
  const maxAttempts = options.maxAttempts ?? 4;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const secondMs = options.secondMs ?? 1000;
  const serverErrorDelayMs = options.serverErrorDelayMs ?? 250;
  const sleep = options.sleep ?? pause;
  return async (previous, method, payload, signal) => {
    let attempt = 1;
    for (;;) {
      const result = await previous(method, payload, signal);
      if (result.ok || method === 'getUpdates' || attempt >= maxAttempts || signal?.aborted) return result;
      let delayMs: number;
      if (result.error_code === 429) {
        delayMs = (result.parameters?.retry_after ?? 1) * secondMs;
        if (delayMs > maxDelayMs) return result;
      } else if (result.error_code >= 500) {
        delayMs = Math.min(serverErrorDelayMs * 2 ** (attempt - 1), maxDelayMs);
      } else {
        return result;
      }
      options.onRetry?.({ method, attempt, delayMs, errorCode: result.error_code });
      await sleep(delayMs, signal as AbortSignal | undefined);
      attempt += 1;
    }
  };
}
