import type { Message } from 'grammy/types';
import type { Language } from '../../../src/core/index.ts';
import { replyWithCheck } from '../check-reply.ts';
import type { DetailsSource } from '../reply-details.ts';
import type { TelegramContext } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { allowCheck } from '../rate-limit.ts';
import type { GroupComposer, GroupDeps } from './group-deps.ts';
import { groupText } from './group-text.ts';
import { memberLanguage } from './member-language.ts';
import { forwardOriginOf } from '../forward-origin.ts';
import { groupCheckRequest, messageText } from './message-request.ts';

/** The message a command replies to, unless that "reply" is only the forum topic the command was sent in. */
function repliedMessage(message: Message): Message | undefined {
  const replied = message.reply_to_message;
  if (!replied || replied.forum_topic_created) return undefined;
  return replied;
}

/** Checks `replied` (its text or caption and forward origin) and answers under it. */
async function checkRepliedMessage(ctx: TelegramContext, deps: GroupDeps, replied: Message, language: Language): Promise<void> {
  const text = messageText(replied);
  if (text === undefined) {
    await ctx.reply(groupText(deps.shared.t, language, 'check_no_text'), { parse_mode: 'HTML' });
    return;
  }
  await checkText(ctx, deps, text, language, 'message', replied);
}

/** Checks `text` (of `replied`, or of the command or mention itself, as `detailsSource` says) and answers. */
async function checkText(ctx: TelegramContext, deps: GroupDeps, text: string, language: Language, detailsSource: DetailsSource, replied?: Message): Promise<void> {
  if (!(await allowCheck(deps.shared, ctx))) return;
  const forwardedFrom = forwardOriginOf(replied?.forward_origin);
  const request = groupCheckRequest(text, language, forwardedFrom);
  const answered = await replyWithCheck(deps.shared, ctx, request, { language, detailsSource, ...(replied ? { replyToMessageId: replied.message_id } : {}) });
  if (!answered) await ctx.reply(groupText(deps.shared.t, language, 'check_no_text'), { parse_mode: 'HTML' });
}

/**
 * /check (as a reply: checks the replied message, with its forward origin; with text: checks the text)
 * and mentions of the bot (`@bot text` checks the text; a bare mention in a reply checks the replied
 * message). Answers in the member's language: the instant verdict, edited when the refined one differs.
 */
export function registerCheckHandlers(composer: GroupComposer, deps: GroupDeps): void {
  composer.command('check', async (ctx) => {
    const language = await memberLanguage(ctx, deps.shared);
    const replied = repliedMessage(ctx.msg);
    if (replied) return checkRepliedMessage(ctx, deps, replied, language);
    const text = ctx.match.trim();
    if (text !== '') return checkText(ctx, deps, text, language, 'command');
    await ctx.reply(groupText(deps.shared.t, language, 'check_usage', { bot: escapeHtml(ctx.me.username) }), { parse_mode: 'HTML' });
  });
}

/** Handles a message that mentions the bot; the caller found the text after the mention. */
export async function handleMention(ctx: TelegramContext, deps: GroupDeps, message: Message, rest: string): Promise<void> {
  const language = await memberLanguage(ctx, deps.shared);
  if (rest !== '') return checkText(ctx, deps, rest, language, 'mention');
  const replied = repliedMessage(message);
  if (replied) return checkRepliedMessage(ctx, deps, replied, language);
  await ctx.reply(groupText(deps.shared.t, language, 'mention_usage', { bot: escapeHtml(ctx.me.username) }), { parse_mode: 'HTML' });
}
