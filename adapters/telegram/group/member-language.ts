import type { Language } from '../../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from '../context.ts';
import { languageOf } from '../language.ts';
import { readGroupSettings } from './watch-settings.ts';

/**
 * The language to answer a group message in: the member's (their /lang, else their Telegram language).
 * A message sent on behalf of a chat (an anonymous admin, a linked channel) comes with no person and no
 * language, so it gets the group's language (/lang in the group, else the one the watch was turned on in), else the default.
 */
export async function memberLanguage(ctx: TelegramContext, shared: TelegramShared): Promise<Language> {
  if (ctx.msg?.sender_chat && ctx.chat) {
    const settings = await readGroupSettings(shared.store, ctx.chat.id);
    if (settings.language) return settings.language;
  }
  return languageOf(shared.store, ctx);
}
