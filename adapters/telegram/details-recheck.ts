import type { Message } from 'grammy/types';
import { MAX_TEXT_LENGTH, type CheckRequest } from '../../src/core/index.ts';
import type { TelegramContext } from './context.ts';
import { forwardOriginOf } from './forward-origin.ts';
import { textAfterBotMention } from './group/mention.ts';
import { messageText } from './group/message-request.ts';
import type { DetailsOrigin, DetailsTap } from './reply-details.ts';

/** How a tap whose reply no worker of this process holds can be answered. */
export type RecheckPlan =
  /** Check `request` again and edit the tapped message into the reply; it answers `replyTo`. */
  | { kind: 'recheck'; request: CheckRequest; origin: DetailsOrigin; replyTo: number; editMessageId: number }
  /** Say why not, with this text (telegram.*). */
  | { kind: 'explain'; key: string };

/** The text a reply of `origin` checked, taken again from the message it answers; undefined when it holds none. */
function checkedText(ctx: TelegramContext, origin: DetailsOrigin, replied: Message): string | undefined {
  if (origin.source === 'message') return messageText(replied);
  if (origin.source === 'mention') return textAfterBotMention(replied, ctx.me.username) || undefined;
  if (origin.source !== 'command') return undefined;
  const command = replied.entities?.[0];
  if (command?.type !== 'bot_command' || command.offset !== 0 || replied.text === undefined) return undefined;
  return replied.text.slice(command.length).trim() || undefined;
}

/**
 * What to do with a Details tap whose reply is not held here: another host of the service answered it (hosts
 * share the store but not their memory, and the reply is never stored because it quotes the message), or
 * this one restarted or let it expire. Telegram hands the tapped message over with the tap, and with it the
 * message the reply answers (`reply_to_message`), so a reply made from the text of that message is checked
 * again, with the same checker, in the language and country the button recorded: nothing is stored and no
 * text crosses between hosts. Other replies are explained:
 * - screenshots: re-reading the photo (its file_id can be downloaded again) would take an OCR worker from
 *   people waiting for a new check for about a second of CPU (bench/ocr.ts: 0.80 s mean, p90 1.09 s), and an
 *   album's reply answers its first photo only, so the details would be of a different check; the answer
 *   says plainly that they stay on the server that read the screenshot, and to send it again;
 * - several forwards checked together, a file, a voice note: the answered message does not hold the text
 *   (only the last forward is answered; a file or a recording would be downloaded and transcribed again);
 * - buttons older than the recorded origin, or a message that is gone: "no longer available", and why.
 */
export function recheckPlan(ctx: TelegramContext, tap: DetailsTap): RecheckPlan {
  const origin = tap.origin;
  if (!origin || origin.source === 'other') return { kind: 'explain', key: 'telegram.details_expired' };
  if (origin.source === 'screenshot') return { kind: 'explain', key: 'telegram.details_screenshot_elsewhere' };
  const tapped = ctx.callbackQuery?.message;
  const replied = tapped && 'reply_to_message' in tapped ? tapped.reply_to_message : undefined;
  const text = tapped && replied ? checkedText(ctx, origin, replied) : undefined;
  if (!tapped || !replied || text === undefined) return { kind: 'explain', key: 'telegram.details_message_gone' };
  const forwardedFrom = origin.source === 'message' ? forwardOriginOf(replied.forward_origin) : undefined;
  const request: CheckRequest = {
    kind: 'message',
    text: text.slice(0, MAX_TEXT_LENGTH),
    language: origin.language,
    ...(origin.country ? { country: origin.country } : {}),
    source: { platform: 'telegram', chatType: ctx.chat?.type === 'private' ? 'private' : 'group', ...(forwardedFrom ? { forwardedFrom } : {}) },
  };
  return { kind: 'recheck', request, origin, replyTo: replied.message_id, editMessageId: tapped.message_id };
}
