import type { MiddlewareFn } from 'grammy';
import { z } from 'zod';
import type { Claims, Logger } from '../../src/core/index.ts';
import type { TelegramContext } from './context.ts';

const ChatSchema = z.looseObject({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) });
const MessageSchema = z.looseObject({ message_id: z.number().int(), date: z.number(), chat: ChatSchema });
const UserSchema = z.looseObject({ id: z.number().int(), is_bot: z.boolean() });

/** The shape an update must have before any handler sees it; everything else is ignored. */
const UpdateShapeSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: MessageSchema.optional(),
  edited_message: MessageSchema.optional(),
  channel_post: MessageSchema.optional(),
  callback_query: z.looseObject({ id: z.string(), from: UserSchema, data: z.string().optional() }).optional(),
});

/** Drops updates whose shape is wrong (logged by update id and field, never content). */
export function createUpdateGuard(logger: Logger): MiddlewareFn<TelegramContext> {
  return async (ctx, next) => {
    const parsed = UpdateShapeSchema.safeParse(ctx.update);
    if (!parsed.success) {
      const updateId = (ctx.update as { update_id?: unknown } | undefined)?.update_id;
      const issue = parsed.error.issues[0];
      logger.warn('telegram: malformed update ignored', { updateId: typeof updateId === 'number' ? updateId : undefined, field: issue?.path.join('.') });
      return;
    }
    await next();
  };
}

/**
 * Processes each update_id once, in every process on the store: the id is claimed atomically when the
 * update arrives (`dedup:<id>`, TTL), before any reply, so a webhook retry, a replayed batch, a second
 * instance or a restart after kill -9 never answers it twice. A store that cannot be reached falls back to
 * this process's memory (answered rather than dropped).
 */
export function createDeduplicator(claims: Claims, ttlMs: number, logger: Logger): MiddlewareFn<TelegramContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (!(await claims.claim(`dedup:${id}`, ttlMs))) {
      logger.debug('telegram: duplicate update ignored', { updateId: id });
      return;
    }
    await next();
  };
}
