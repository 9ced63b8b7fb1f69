import { Composer } from 'grammy';
import type { TelegramContext, TelegramShared } from './context.ts';
import { languageOf } from './language.ts';
import { decodeDetailsCallback, showHeldReply } from './reply-details.ts';

/**
 * The Details and Less buttons under a check reply (private chats and groups): expand the message to the full
 * reply, or fold it back, by editing it. A reply no longer held (expired, evicted, or sent before a restart)
 * answers that its details expired, and its button is removed.
 */
export function createDetailsButtons(shared: TelegramShared): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  composer.callbackQuery(/^rd:/, async (ctx) => {
    const button = decodeDetailsCallback(ctx.callbackQuery.data);
    const held = button ? shared.details.get(button.id, ctx.chat?.id) : undefined;
    if (!button || !held) {
      const language = await languageOf(shared.store, ctx);
      await ctx.answerCallbackQuery({ text: shared.t(language, 'telegram.details_expired'), show_alert: true });
      if (ctx.callbackQuery.message) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
      return;
    }
    await ctx.answerCallbackQuery();
    await shared.details.change(held, async () => {
      if (held.expanded === button.expand) return; // a second tap on an old button
      held.expanded = button.expand;
      await showHeldReply(ctx.api, shared.t, held);
    });
  });
  return composer;
}
