import type { Api } from 'grammy';
import { GrammyError } from 'grammy';
import { answerCheck, type AnswerOptions, type CheckRequest, type Language, type ReplyDocument, type ReplySurface, type Verdict } from '../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { countryOf } from './country.ts';
import { languageOf } from './language.ts';
import { showHeldReply, type DetailsOrigin, type DetailsSource, type FirstPlacement, type HeldReply } from './reply-details.ts';

/** Logs an error by name and code only (a Telegram description may echo content). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { error: 'GrammyError', method: error.method, code: error.error_code };
  return { error: error instanceof Error ? error.name : typeof error };
}

/**
 * The reply surface of one check in a chat: `send` holds the reply (reply-details.ts) and shows its short
 * form with a Details button, `edit` replaces the held reply and updates what is on screen in the form the
 * user chose (short or expanded). A reply the user deleted is left at that rather than answered again.
 */
function telegramSurface(shared: TelegramShared, api: Api, chatId: number, first: FirstPlacement, origin: DetailsOrigin, expanded: boolean): ReplySurface {
  let held: HeldReply | undefined;
  return {
    async send(reply: ReplyDocument) {
      const current = shared.details.hold(chatId, reply, origin, expanded);
      held = current;
      await shared.details.change(current, () => showHeldReply(api, shared.t, current, first));
    },
    async edit(reply: ReplyDocument) {
      const current = held;
      if (!current) return;
      await shared.details.change(current, async () => {
        current.reply = reply;
        await showHeldReply(api, shared.t, current);
      });
    },
  };
}

/** Options for {@link replyWithCheck}. */
export interface ReplyWithCheckOptions extends AnswerOptions {
  /** Message to answer (reply_parameters); default: the message of the update, when there is one. */
  replyToMessageId?: number;
  /** Reply in this language instead of the user's ({@link languageOf}). */
  language?: Language;
  /** A message the bot sent before (a "Reading the screenshot…" progress note) to edit into the answer's first part. */
  editMessageId?: number;
  /** What the checked text was taken from, for a Details tap another server receives (default `other`: not made again). */
  detailsSource?: DetailsSource;
  /** Show the full reply at once (the details made again for a tap, details-recheck.ts). */
  expanded?: boolean;
}

/**
 * Checks `request` and answers in the chat through {@link answerCheck}: the instant verdict at once, edited
 * in place when the refined verdict calls for it; the short form first, with a Details button. The country
 * (report contacts) is the chat's (/country), else the service's. The language defaults to the user's. Returns the instant
 * verdict, or undefined for a request with nothing to check (the caller says so); a check or send that fails
 * is thrown to the bot's one error boundary, which answers with telegram.check_failed.
 */
export async function replyWithCheck(shared: TelegramShared, ctx: TelegramContext, request: CheckRequest, options: ReplyWithCheckOptions = {}): Promise<Verdict | undefined> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error('replyWithCheck needs an update with a chat');
  const language = options.language ?? request.language ?? (await languageOf(shared.store, ctx));
  const replyTo = options.replyToMessageId ?? ctx.msg?.message_id;
  const country = request.country ?? (await countryOf(shared.store, ctx));
  const origin: DetailsOrigin = { source: options.detailsSource ?? 'other', language, ...(country ? { country } : {}) };
  const first = {
    // Without a second opinion nothing edits the reply before a tap (src/core/reply-update.ts): it may ride in the webhook reply.
    idUntilTap: shared.checker.secondOpinion !== 'on',
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(options.editMessageId !== undefined ? { editMessageId: options.editMessageId } : {}),
  };
  const surface = telegramSurface(shared, ctx.api, chatId, first, origin, options.expanded ?? false);
  const context = { checker: shared.checker, logger: shared.logger, tasks: shared.tasks, platform: 'telegram', errorFields };
  const result = await answerCheck(context, surface, { ...request, language, ...(country ? { country } : {}) }, options);
  if (result.status === 'failed') throw result.error;
  return result.status === 'answered' ? result.instant : undefined;
}
