import type { TelegramContext } from '../context.ts';

/** Statuses of chat members who may change group settings. */
const ADMIN_STATUSES = new Set(['creator', 'administrator']);

/**
 * Whether the sender of the current message administers the chat: asks Telegram (getChatMember). A message
 * sent on behalf of the group itself (an anonymous admin) counts as an admin. Any API error means no.
 */
export async function senderIsAdmin(ctx: TelegramContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (ctx.message?.sender_chat?.id === chat.id) return true;
  const user = ctx.from;
  if (!user) return false;
  try {
    const member = await ctx.api.getChatMember(chat.id, user.id);
    return ADMIN_STATUSES.has(member.status);
  } catch {
    return false;
  }
}
