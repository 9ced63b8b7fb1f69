import type { Claims } from '../../src/core/index.ts';
import type { TelegramClock, TelegramContext, TelegramFeatureConfig, TelegramShared } from './context.ts';
import { languageOf } from './language.ts';

/** What {@link RateLimiter.take} decided. */
export interface RateDecision {
  allowed: boolean;
  /** True for the first refusal in a window: the caller sends its polite note then, and only then. */
  notify: boolean;
}

/**
 * Per-user and per-chat fixed-window limits, counted with the store's atomic counters (keys `rate:*`, no
 * content), so every process and instance on the store shares one budget and no increment is lost.
 */
export interface RateLimiter {
  take(userId: number | undefined, chatId: number | undefined, options?: { claimNotice?: boolean }): Promise<RateDecision>;
}

/** Creates the check rate limiter on `claims` (counters with expiry, and a claim for the one notice per window). */
export function createRateLimiter(claims: Claims, config: TelegramFeatureConfig, clock: TelegramClock): RateLimiter {
  const window = config.rateWindowMs;
  return {
    async take(userId, chatId, options = {}) {
      const index = Math.floor(clock.now() / window);
      const ttl = window * 2;
      const over: string[] = [];
      if (userId !== undefined && (await claims.count(`rate:u:${userId}:${index}`, ttl)) > config.userChecksPerWindow) over.push(`u:${userId}`);
      if (chatId !== undefined && chatId !== userId && (await claims.count(`rate:c:${chatId}:${index}`, ttl)) > config.chatChecksPerWindow) {
        over.push(`c:${chatId}`);
      }
      if (over.length === 0) return { allowed: true, notify: false };
      if (options.claimNotice === false) return { allowed: false, notify: false };
      // Two refusals at once in two processes: only the one that claims the notice sends it.
      return { allowed: false, notify: await claims.claim(`rate:notice:${chatId ?? userId}:${index}`, ttl) };
    },
  };
}

/**
 * Per-user and per-chat rate limit for checks. Returns false when over the limit; then, unless `silent`, it
 * sends a polite note once per window. Passive watch calls it with silent: true.
 */
export async function allowCheck(shared: TelegramShared, ctx: TelegramContext, options: { silent?: boolean } = {}): Promise<boolean> {
  // A message sent on behalf of a chat (anonymous admin, channel) has a shared bot user as `from`:
  // count it by that chat, or every group's anonymous admins would share one budget.
  const senderId = ctx.msg?.sender_chat?.id ?? ctx.from?.id;
  const decision = await shared.limiter.take(senderId, ctx.chat?.id, { claimNotice: !options.silent });
  if (decision.allowed) return true;
  shared.logger.info('telegram: rate limited', { chatType: ctx.chat?.type });
  if (decision.notify && ctx.chat) await ctx.api.sendMessage(ctx.chat.id, shared.t(await languageOf(shared.store, ctx), 'telegram.rate_limited'));
  return false;
}
