import { createHmac } from 'node:crypto';
import type Keyv from 'keyv';
import type { Logger } from '../core/logger.ts';
import { normalize } from '../core/normalize.ts';
import { OpinionSchema, type Opinion } from './classification.ts';

/** What makes two second opinions interchangeable: the same folded text, asked the same way. */
export interface OpinionKeyParts {
  text: string;
  kind: 'message' | 'transcript';
  language: string;
  model: string;
  promptVersion: string;
}

/**
 * The cache key: an HMAC-SHA256 under the service secret of the normalized text (case, width, homoglyphs,
 * invisible characters and whitespace folded) plus everything that changes the answer. The same scam
 * forwarded by a thousand people, with or without a stray zero-width space, maps to one key; without the
 * secret nobody can test whether a given text was checked.
 */
export function opinionKey(secret: string, parts: OpinionKeyParts): string {
  const hmac = createHmac('sha256', secret);
  for (const part of [parts.promptVersion, parts.model, parts.kind, parts.language, normalize(parts.text).text.trim()]) {
    hmac.update(part);
    hmac.update('\u0000');
  }
  return `opinion:${hmac.digest('hex')}`;
}

/** Second opinions kept by keyed hash: label, confidence and tactics only — no message text, no model words. */
export interface OpinionCache {
  get(key: string): Promise<Opinion | undefined>;
  set(key: string, opinion: Opinion): Promise<void>;
}

/**
 * An {@link OpinionCache} over a Keyv area. Entries expire after `ttlMs` (0 turns the cache off). Store
 * errors and entries that no longer validate count as misses: the cache can only save calls, never fail a check.
 */
export function createOpinionCache(options: { store: Keyv; ttlMs: number; logger?: Logger }): OpinionCache {
  return {
    async get(key) {
      if (options.ttlMs <= 0) return undefined;
      try {
        const parsed = OpinionSchema.safeParse(await options.store.get(key));
        return parsed.success ? parsed.data : undefined;
      } catch (error) {
        options.logger?.warn('LLM cache read failed', { error: (error as Error).name });
        return undefined;
      }
    },
    async set(key, opinion) {
      if (options.ttlMs <= 0) return;
      // The model's own words (explanation, reasoning) may echo the message: only the judgement is kept.
      const { label, confidence, tactics } = opinion;
      try {
        await options.store.set(key, { label, confidence, tactics, explanation: '' }, options.ttlMs);
      } catch (error) {
        options.logger?.warn('LLM cache write failed', { error: (error as Error).name });
      }
    },
  };
}
