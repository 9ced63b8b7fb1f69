import { Composer } from 'grammy';
import { detailsKeyOwner, type Peers } from '../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { languageOf } from './language.ts';
import { replyWithCheck } from './check-reply.ts';
import { recheckPlan } from './details-recheck.ts';
import { decodeDetailsCallback, knowFirstMessage, showHeldReply } from './reply-details.ts';

/** The question a worker asks the worker that holds a reply: fold or expand it. */
const PEER_TOPIC = 'telegram:details';
interface PeerTap {
  id: string;
  chatId: number;
  expand: boolean;
  /** The tapped message (the reply's first), whose id a reply sent as the webhook reply does not know yet. */
  messageId?: number;
}

/**
 * Expands or folds a held reply of this worker: the edit, queued after earlier changes to the reply, or
 * undefined when it is not held here (expired, evicted, another chat).
 */
function toggle(shared: TelegramShared, tap: PeerTap): Promise<void> | undefined {
  const held = shared.details.get(tap.id, tap.chatId);
  if (!held) return undefined;
  return shared.details.change(held, async () => {
    knowFirstMessage(held, tap.messageId);
    if (held.expanded === tap.expand) return; // a second tap on an old button
    held.expanded = tap.expand;
    await showHeldReply(shared.api, shared.t, held);
  });
}

/**
 * The Details and Less buttons under a check reply (private chats and groups): expand the message to the full
 * reply, or fold it back, by editing it. With several workers, a tap for a reply another worker holds (its key
 * names the owner) is handed to that worker over `peers`, which edits the message; nothing is stored. A reply
 * held by no worker here (another host, expired, evicted, or sent before a restart) is checked again from the
 * message it answers when it was made from that message's text (details-recheck.ts), without re-checking
 * anything a worker here still holds; otherwise the tap is told why the details are not here, and the button
 * is removed.
 */
export function createDetailsButtons(shared: TelegramShared, peers?: Peers): Composer<TelegramContext> {
  peers?.serve(PEER_TOPIC, (body) => {
    const tap = body as Partial<PeerTap> | null;
    if (typeof tap?.id !== 'string' || typeof tap.chatId !== 'number' || typeof tap.expand !== 'boolean') return false;
    const edit = toggle(shared, { id: tap.id, chatId: tap.chatId, expand: tap.expand, ...(typeof tap.messageId === 'number' ? { messageId: tap.messageId } : {}) });
    if (!edit) return false;
    // The asking worker answers the tap at once; the edit runs here, where the reply is held.
    shared.tasks.track(edit);
    shared.logger.debug('telegram: details tap handled for another worker', { worker: peers.self });
    return true;
  });
  const composer = new Composer<TelegramContext>();
  composer.callbackQuery(/^rd:/, async (ctx) => {
    const button = decodeDetailsCallback(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    if (!button || chatId === undefined) return ctx.answerCallbackQuery();
    const messageId = ctx.callbackQuery.message?.message_id;
    const tap: PeerTap = { id: button.id, chatId, expand: button.expand, ...(messageId !== undefined ? { messageId } : {}) };
    const owner = detailsKeyOwner(button.id);
    let edit: Promise<void> | undefined;
    let shown: boolean;
    if (peers && owner !== undefined && owner !== peers.self) shown = (await peers.ask(owner, PEER_TOPIC, tap)) === true;
    else shown = (edit = toggle(shared, tap)) !== undefined;
    if (shown) {
      await ctx.answerCallbackQuery();
      await edit;
      return;
    }
    const plan = recheckPlan(ctx, button);
    if (plan.kind === 'recheck') {
      await ctx.answerCallbackQuery();
      shared.logger.debug('telegram: details made again from the answered message', { source: plan.origin.source });
      await replyWithCheck(shared, ctx, plan.request, {
        language: plan.origin.language,
        replyToMessageId: plan.replyTo,
        editMessageId: plan.editMessageId,
        detailsSource: plan.origin.source,
        expanded: button.expand,
      });
      return;
    }
    const language = button.origin?.language ?? (await languageOf(shared.store, ctx));
    await ctx.answerCallbackQuery({ text: shared.t(language, plan.key), show_alert: true });
    if (ctx.callbackQuery.message) await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
  });
  return composer;
}
