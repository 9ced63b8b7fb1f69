import type Keyv from 'keyv';
import type { TelegramClock, TelegramFeatureConfig } from './context.ts';

/** What {@link RateLimiter.take} decided. */
export interface RateDecision {
  allowed: boolean;
  /** True for the first refusal in a window: the caller sends its polite note then, and only then. */
  notify: boolean;
}

/** Per-user and per-chat fixed-window limits, counted in the store (keys `rate:*`, no content). */
export interface RateLimiter {
  take(userId: number | undefined, chatId: number | undefined, options?: { claimNotice?: boolean }): Promise<RateDecision>;
}

/** Creates the check rate limiter. */
export function createRateLimiter(store: Keyv, config: TelegramFeatureConfig, clock: TelegramClock): RateLimiter {
  const window = config.rateWindowMs;
  async function count(key: string, ttl: number): Promise<number> {
    const current = ((await store.get<number>(key)) ?? 0) + 1;
    await store.set(key, current, ttl);
    return current;
  }
  return {
    async take(userId, chatId, options = {}) {
      const index = Math.floor(clock.now() / window);
      const ttl = window * 2;
      const over: string[] = [];
      if (userId !== undefined && (await count(`rate:u:${userId}:${index}`, ttl)) > config.userChecksPerWindow) over.push(`u:${userId}`);
      if (chatId !== undefined && chatId !== userId && (await count(`rate:c:${chatId}:${index}`, ttl)) > config.chatChecksPerWindow) {
        over.push(`c:${chatId}`);
      }
      if (over.length === 0) return { allowed: true, notify: false };
      const noticeKey = `rate:notice:${chatId ?? userId}:${index}`;
      if (options.claimNotice === false || (await store.get(noticeKey))) return { allowed: false, notify: false };
      await store.set(noticeKey, true, ttl);
      return { allowed: false, notify: true };
    },
  };
}
