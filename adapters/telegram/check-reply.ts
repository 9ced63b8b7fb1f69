import { GrammyError } from 'grammy';
import type { Logger } from '../../src/core/adapter.ts';
import type { Checker } from '../../src/core/checker.ts';
import type { SecondOpinionState } from '../../src/core/reply.ts';
import { instantReplyState, replyUpdate } from '../../src/core/reply-update.ts';
import type { Language } from '../../src/core/request.ts';
import type { RenderVerdictOptions, ReplyWithCheckResult, TelegramShared } from './context.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import { editMessageHtml } from './edit-message.ts';

/** Dependencies of {@link createReplyWithCheck}. */
export interface ReplyWithCheckDeps {
  checker: Checker;
  logger: Logger;
  languageOf: TelegramShared['languageOf'];
  renderVerdictHtml: (verdict: Verdict, options: RenderVerdictOptions) => string[];
}

/** Logs an error by name and code only (a Telegram description may echo content). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { error: 'GrammyError', method: error.method, code: error.error_code };
  return { error: error instanceof Error ? error.name : typeof error };
}

/**
 * Creates `replyWithCheck`: answers with the instant rules verdict at once, then, when the refined verdict
 * arrives, edits the same messages in place if `outcome.changed(refined)`; when nothing changed it only
 * replaces a "second opinion pending" footer. Long replies span several messages.
 */
export function createReplyWithCheck(deps: ReplyWithCheckDeps): TelegramShared['replyWithCheck'] {
  return async (ctx, request, options = {}) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) throw new Error('replyWithCheck needs an update with a chat');
    const language: Language = options.language ?? request.language ?? (await deps.languageOf(ctx));
    const forwardedFrom = options.forwardedFrom ?? request.source?.forwardedFrom;
    const replyTo = options.replyToMessageId ?? ctx.msg?.message_id;
    const render = (verdict: Verdict, secondOpinion: SecondOpinionState): string[] =>
      deps.renderVerdictHtml(verdict, {
        secondOpinion,
        ...(forwardedFrom ? { forwardedFrom } : {}),
        ...(options.compact ? { compact: true } : {}),
        ...(options.notes ? { notes: options.notes } : {}),
      });

    // A throwing checker reaches the bot's error boundary, which answers with telegram.check_failed.
    const started = performance.now();
    const outcome = deps.checker.check({ ...request, language });
    // One line per check, like Discord and Slack: kind, size, level and time; never the text or who sent it.
    deps.logger.info('telegram: check answered', {
      kind: request.kind,
      chars: request.text.length,
      level: outcome.instant.level,
      ms: Math.round(performance.now() - started),
    });
    const firstState = instantReplyState(deps.checker, outcome.instant);
    const sentParts = render(outcome.instant, firstState);
    const messageIds: number[] = [];
    for (const [index, part] of sentParts.entries()) {
      if (index === 0 && options.editMessageId !== undefined && (await editMessageHtml(ctx.api, chatId, options.editMessageId, part)) !== 'gone') {
        messageIds.push(options.editMessageId);
        continue;
      }
      const message = await ctx.api.sendMessage(chatId, part, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(index === 0 && replyTo !== undefined ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
      messageIds.push(message.message_id);
    }

    const settled = outcome.refined.then(
      async (refined) => {
        const update = replyUpdate(outcome, refined, firstState);
        if (!update) return;
        const parts = render(update.verdict, update.secondOpinion);
        for (const [index, part] of parts.entries()) {
          const messageId = messageIds[index];
          if (messageId === undefined) {
            const message = await ctx.api.sendMessage(chatId, part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
            messageIds.push(message.message_id);
          } else if (part !== sentParts[index]) {
            // The user deleted the reply: leave it at that rather than answer again.
            if ((await editMessageHtml(ctx.api, chatId, messageId, part)) === 'gone') return;
          }
        }
        for (const extra of messageIds.splice(parts.length)) await ctx.api.deleteMessage(chatId, extra);
      },
    ).catch((error: unknown) => {
      deps.logger.warn('telegram: could not update a reply with the second opinion', errorFields(error));
    });
    return { instant: outcome.instant, messageIds, settled } satisfies ReplyWithCheckResult;
  };
}
