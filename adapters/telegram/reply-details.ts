import type { Api } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { createDetailsCache, isDetailsKey, LanguageSchema, parseCountryCode, type Country, type DetailsCache, type Language, type ReplyDocument, type Translate } from '../../src/core/index.ts';
import { editMessageHtml } from './edit-message.ts';
import { needsResult } from './update-guard.ts';
import { createTelegramRenderer } from './render.ts';

/**
 * How long a check reply's details stay available to its Details button, in milliseconds. A parent reads the
 * reply within minutes, and the refined verdict arrives within seconds; an hour covers both with room.
 */
export const DETAILS_TTL_MS = 60 * 60 * 1000;

/**
 * Most replies held at once. A held reply is at most a few rendered messages (the full reply is usually one
 * message of 1–3 KB, the document about as much again), so 1,000 replies stay under about 10 MB; past that the
 * oldest go first, and their buttons answer "expired" like after a restart.
 */
const MAX_HELD = 1000;

/**
 * Callback data of the Details and Less buttons: `rd:<key>:more` / `rd:<key>:less`, then how the reply was made
 * (`:<source letter>:<language>:<country or nothing>`, see {@link DetailsOrigin}): at most 51 bytes of
 * Telegram's 64. Buttons sent before the origin was added have none.
 */
const CALLBACK = /^rd:([0-9a-z-]{24,29}):(more|less)(?::([mcits]):(en|zh|zh-Hant):([A-Z]{2})?)?$/;

/**
 * What a reply's details were made from, as far as another server needs it to make them again from the
 * message the reply answers (Telegram hands that message over with the tap, details-recheck.ts):
 * - `message`: the text or caption of that message (a text, a caption, `/check` as a reply, one forward);
 * - `command`: the text after the command in it (`/check <text>`);
 * - `mention`: the text beside the bot's mention in it (`@bot <text>`);
 * - `screenshot`: the photos read by OCR (the details are not made again, see details-recheck.ts);
 * - `other`: what that message does not hold (several forwards checked together, a file, a voice note).
 */
export type DetailsSource = 'message' | 'command' | 'mention' | 'screenshot' | 'other';

/** How a reply was made: its source, the request's language and the chat's country (none: the service's). */
export interface DetailsOrigin {
  source: DetailsSource;
  language: Language;
  country?: Country;
}

const SOURCE_LETTERS: Record<DetailsSource, string> = { message: 'm', command: 'c', mention: 'i', screenshot: 's', other: 't' };
const LETTER_SOURCES = new Map(Object.entries(SOURCE_LETTERS).map(([source, letter]) => [letter, source as DetailsSource]));

/** One check reply on screen, held in this process's memory only (never in the store: it quotes the message). */
export interface HeldReply {
  id: string;
  chatId: number;
  reply: ReplyDocument;
  /** What the reply was made from (in the button, so another server can make the details again). */
  origin: DetailsOrigin;
  /** Whether the full reply is shown (after Details) or the short one. */
  expanded: boolean;
  /**
   * The HTML parts on screen and their message ids (the first carries the button). `null`: a first message
   * sent as the webhook reply, whose id Telegram does not return; the first tap on its button brings it
   * ({@link knowFirstMessage}).
   */
  parts: string[];
  messageIds: (number | null)[];
  /** The button on the first message, as sent (to see whether an edit must change it). */
  markup: string;
  /** The user deleted the first message: nothing more is shown. */
  gone: boolean;
  /** Serializes changes to this reply (a tap and the refined verdict's edit may overlap). */
  queue: Promise<unknown>;
}

/** Where the first message of a reply goes when it is first shown. */
export interface FirstPlacement {
  /** The message to answer (reply_parameters). */
  replyTo?: number;
  /** A progress note the bot sent before, edited into the first part unless the user deleted it. */
  editMessageId?: number;
  /**
   * Nothing edits the reply before a tap on its button (no second opinion is coming): a reply of one message
   * may then ride in the webhook's response (update-guard.ts), its id learnt from the first tap.
   */
  idUntilTap?: boolean;
}

/** Gives a reply whose first message went as the webhook reply that message's id, from a tap on its button. */
export function knowFirstMessage(held: HeldReply, messageId: number | undefined): void {
  if (held.messageIds[0] === null && messageId !== undefined) held.messageIds[0] = messageId;
}

/**
 * The check replies whose Details button still works: the core's details cache (src/core/details-cache.ts,
 * one for every adapter) with a time limit renewed on each tap, in this process's memory only, because the
 * details quote the checked message and no message text may be written to the store. Re-running the check
 * is not an option either (that needs the text). With several workers (cluster) each key names the worker
 * that holds it, and a tap another worker receives is handed to that one (details-buttons.ts). After a
 * restart the button answers that the details expired. The callback data carries only the random key.
 */
export class ReplyDetails {
  readonly #cache: DetailsCache<HeldReply>;

  /** A store of held replies on `now` (the bot's clock); `owner` is this worker's peer name, when there are peers. */
  constructor(now: () => number, options: { ttlMs?: number; maxHeld?: number; owner?: string } = {}) {
    this.#cache = createDetailsCache<HeldReply>({
      ttlMs: options.ttlMs ?? DETAILS_TTL_MS,
      maxEntries: options.maxHeld ?? MAX_HELD,
      now,
      renewOnUse: true,
      ...(options.owner !== undefined ? { owner: options.owner } : {}),
    });
  }

  /** Holds a new reply for a chat (short form first); drops expired replies and, past the cap, the oldest. */
  hold(chatId: number, reply: ReplyDocument, origin: DetailsOrigin, expanded = false): HeldReply {
    const held: HeldReply = { id: '', chatId, reply, origin, expanded, parts: [], messageIds: [], markup: '', gone: false, queue: Promise.resolve() };
    held.id = this.#cache.add(held);
    return held;
  }

  /** The held reply with this id in this chat, unless it expired; a tap keeps it for another full period. */
  get(id: string, chatId: number | undefined): HeldReply | undefined {
    const held = this.#cache.get(id);
    return held && held.chatId === chatId ? held : undefined;
  }

  /** Runs `task` on a held reply after every earlier change to it finished. */
  change(held: HeldReply, task: () => Promise<void>): Promise<void> {
    const result = held.queue.then(task, task);
    held.queue = result.catch(() => undefined);
    return result;
  }

  /** How many replies are held, expired ones included until the next hold (for tests and diagnostics). */
  get size(): number {
    return this.#cache.size();
  }
}

/** A tapped Details or Less button: the reply's key, which form is wanted, and how the reply was made (newer buttons). */
export interface DetailsTap {
  id: string;
  expand: boolean;
  origin?: DetailsOrigin;
}

/** Parses the data of a Details or Less button; undefined for anything else. */
export function decodeDetailsCallback(data: string): DetailsTap | undefined {
  const match = CALLBACK.exec(data);
  if (!match || !isDetailsKey(match[1] as string)) return undefined;
  const tap: DetailsTap = { id: match[1] as string, expand: match[2] === 'more' };
  const source = match[3] === undefined ? undefined : LETTER_SOURCES.get(match[3]);
  const language = LanguageSchema.safeParse(match[4]);
  if (source === undefined || !language.success) return tap;
  const country = match[5] === undefined ? undefined : parseCountryCode(match[5]);
  return { ...tap, origin: { source, language: language.data, ...(country ? { country } : {}) } };
}

/** The callback data of a reply's button (see CALLBACK). */
function encodeDetailsCallback(held: HeldReply, action: 'more' | 'less'): string {
  const { source, language, country } = held.origin;
  return `rd:${held.id}:${action}:${SOURCE_LETTERS[source]}:${language}:${country ?? ''}`;
}

/** The button under a reply: Details when folded, Less when expanded, none when the short form says it all. */
function detailsMarkup(t: Translate, held: HeldReply, hasMore: boolean): InlineKeyboardMarkup | undefined {
  if (!hasMore) return undefined;
  const [key, action] = held.expanded ? ['telegram.details_less_button', 'less'] : ['telegram.details_button', 'more'];
  return { inline_keyboard: [[{ text: t(held.reply.language, key), callback_data: encodeDetailsCallback(held, action as 'more' | 'less') }]] };
}

/**
 * Puts a held reply on screen in its current form: the first time, sends its parts (the first under
 * `first.replyTo`, or into `first.editMessageId`); later, edits the parts that changed (text or button),
 * sends parts that are new and deletes parts no longer needed. A first message the user deleted stops it.
 */
export async function showHeldReply(api: Api, t: Translate, held: HeldReply, first: FirstPlacement = {}): Promise<void> {
  if (held.gone) return;
  const short = createTelegramRenderer(t, { short: true }).render(held.reply);
  const full = createTelegramRenderer(t).render(held.reply);
  const parts = held.expanded ? full : short;
  const markup = detailsMarkup(t, held, full.join('\n') !== short.join('\n'));
  const markupKey = JSON.stringify(markup ?? null);
  const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
  for (const [index, part] of parts.entries()) {
    const buttons = index === 0 && markup ? { reply_markup: markup } : {};
    const messageId = held.messageIds[index];
    if (messageId === undefined) {
      if (index === 0 && first.editMessageId !== undefined && (await editMessageHtml(api, held.chatId, first.editMessageId, part, buttons)) !== 'gone') {
        held.messageIds.push(first.editMessageId);
        continue;
      }
      const replyTo = index === 0 && first.replyTo !== undefined ? { reply_parameters: { message_id: first.replyTo, allow_sending_without_reply: true } } : {};
      const send = () => api.sendMessage(held.chatId, part, { ...html, ...replyTo, ...buttons });
      // A reply of several messages goes over HTTP whole: a first part in the webhook's response could reach
      // the chat after the second, sent over HTTP.
      const sent = (index === 0 && parts.length === 1 && first.idUntilTap === true ? await send() : await needsResult(send)) as Message | true;
      held.messageIds.push(sent === true ? null : sent.message_id);
      continue;
    }
    // Sent as the webhook reply and not tapped yet: nothing can edit it (idUntilTap promised no edit comes).
    if (messageId === null) continue;
    const changed = part !== held.parts[index] || (index === 0 && markupKey !== held.markup);
    if (changed && (await editMessageHtml(api, held.chatId, messageId, part, buttons)) === 'gone' && index === 0) {
      held.gone = true;
      return;
    }
  }
  for (const extra of held.messageIds.splice(parts.length)) {
    if (extra === null) continue;
    // A part older than 48 hours cannot be deleted any more; it stays, which is harmless.
    await api.deleteMessage(held.chatId, extra).catch(() => undefined);
  }
  held.parts = parts;
  held.markup = markupKey;
}
