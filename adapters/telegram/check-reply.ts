import type { Api } from 'grammy';
import { GrammyError } from 'grammy';
import { answerCheck, type AnswerOptions, type CheckRequest, type Language, type ReplyDocument, type ReplyRenderer, type ReplySurface, type Verdict } from '../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { editMessageHtml } from './edit-message.ts';
import { languageOf } from './language.ts';
import { createTelegramRenderer } from './render.ts';

/** Logs an error by name and code only (a Telegram description may echo content). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { error: 'GrammyError', method: error.method, code: error.error_code };
  return { error: error instanceof Error ? error.name : typeof error };
}

/**
 * The reply surface of one check in a chat: `send` posts the HTML parts (the first under `replyTo`), `edit`
 * edits the parts that changed, sends parts that are new and deletes parts no longer needed. A reply the user
 * deleted is left at that rather than answered again.
 */
function telegramSurface(api: Api, chatId: number, renderer: ReplyRenderer<string[]>, replyTo?: number, editMessageId?: number): ReplySurface {
  let sentParts: string[] = [];
  const messageIds: number[] = [];
  const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
  return {
    async send(reply: ReplyDocument) {
      sentParts = renderer.render(reply);
      for (const [index, part] of sentParts.entries()) {
        // The first part replaces a progress note the bot sent before, unless the user deleted it.
        if (index === 0 && editMessageId !== undefined && (await editMessageHtml(api, chatId, editMessageId, part)) !== 'gone') {
          messageIds.push(editMessageId);
          continue;
        }
        const replyParameters = index === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {};
        messageIds.push((await api.sendMessage(chatId, part, { ...html, ...replyParameters })).message_id);
      }
    },
    async edit(reply: ReplyDocument) {
      const parts = renderer.render(reply);
      for (const [index, part] of parts.entries()) {
        const messageId = messageIds[index];
        if (messageId === undefined) messageIds.push((await api.sendMessage(chatId, part, html)).message_id);
        else if (part !== sentParts[index] && (await editMessageHtml(api, chatId, messageId, part)) === 'gone') return;
      }
      for (const extra of messageIds.splice(parts.length)) await api.deleteMessage(chatId, extra);
    },
  };
}

/** Options for {@link replyWithCheck}. */
export interface ReplyWithCheckOptions extends AnswerOptions {
  /** Message to answer (reply_parameters); default: the message of the update, when there is one. */
  replyToMessageId?: number;
  /** Reply in this language instead of the user's ({@link languageOf}). */
  language?: Language;
  /** The short form of group warnings. */
  compact?: boolean;
  /** A message the bot sent before (a "Reading the screenshot…" progress note) to edit into the answer's first part. */
  editMessageId?: number;
}

/**
 * Checks `request` and answers in the chat through {@link answerCheck}: the instant verdict at once, edited
 * in place when the refined verdict calls for it. The language defaults to the user's. Returns the instant
 * verdict, or undefined for a request with nothing to check (the caller says so); a check or send that fails
 * is thrown to the bot's one error boundary, which answers with telegram.check_failed.
 */
export async function replyWithCheck(shared: TelegramShared, ctx: TelegramContext, request: CheckRequest, options: ReplyWithCheckOptions = {}): Promise<Verdict | undefined> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) throw new Error('replyWithCheck needs an update with a chat');
  const language = options.language ?? request.language ?? (await languageOf(shared.store, ctx));
  const renderer = createTelegramRenderer(shared.t, options.compact ? { compact: true } : {});
  const surface = telegramSurface(ctx.api, chatId, renderer, options.replyToMessageId ?? ctx.msg?.message_id, options.editMessageId);
  const context = { checker: shared.checker, logger: shared.logger, tasks: shared.tasks, platform: 'telegram', errorFields };
  const result = await answerCheck(context, surface, { ...request, language }, options);
  if (result.status === 'failed') throw result.error;
  return result.status === 'answered' ? result.instant : undefined;
}
