import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import { buildReply, categoryLabels, CheckRequestSchema, secondOpinionState, type Translate, type Verdict } from '../../../src/core/index.ts';
import type { TelegramContext } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { languageOf } from '../language.ts';
import { allowCheck } from '../rate-limit.ts';
import { createTelegramRenderer } from '../render.ts';
import { editMessageHtml } from '../edit-message.ts';
import { senderIsAdmin } from './admin.ts';
import { encodeGroupCallback } from './callback-data.ts';
import type { GroupComposer, GroupDeps } from './group-deps.ts';
import { groupText } from './group-text.ts';
import { memberLanguage } from './member-language.ts';
import { forwardOriginOf } from '../forward-origin.ts';
import { groupCheckRequest, messageText } from './message-request.ts';
import { changeGroupSettings, moveGroupSettings, readGroupSettings } from './watch-settings.ts';

/** The level at which the passive watch speaks; below it, it stays silent. */
const WARN_LEVEL = 'high';
/** At most this many tactics are named in a warning. */
const MAX_SIGNS = 3;

/** The short warning text (HTML) for a verdict, in the verdict's reply language. */
export function warningHtml(t: Translate, verdict: Verdict): string {
  const language = verdict.replyLanguage;
  const labels = categoryLabels(t, language);
  const signs = verdict.categories.slice(0, MAX_SIGNS).map((category) => escapeHtml(labels[category]));
  const lines = [groupText(t, language, 'warning')];
  if (signs.length > 0) lines.push(groupText(t, language, 'warning_signs', { signs: signs.join(language === 'zh' || language === 'zh-Hant' ? '、' : ', ') }));
  return lines.join('\n');
}

/** /watch on|off (admins only) and /watch (status, anyone). */
export function registerWatchCommand(composer: GroupComposer, deps: GroupDeps): void {
  composer.command('watch', async (ctx) => {
    const { store } = deps.shared;
    const language = await memberLanguage(ctx, deps.shared);
    const argument = ctx.match.trim().toLowerCase();
    const wanted = argument === 'on' ? true : argument === 'off' ? false : undefined;
    if (wanted === undefined) {
      const settings = await readGroupSettings(store, ctx.chat.id);
      await ctx.reply(groupText(deps.shared.t, language, settings.watch ? 'watch_status_on' : 'watch_status_off'), { parse_mode: 'HTML' });
      return;
    }
    if (!(await senderIsAdmin(ctx))) {
      await ctx.reply(groupText(deps.shared.t, language, 'watch_admins_only'), { parse_mode: 'HTML', reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
      return;
    }
    // The group's language stays as /lang set it; a group without one takes the admin's.
    await changeGroupSettings(store, ctx.chat.id, (current) => ({
      ...current,
      watch: wanted,
      language: current.language ?? language,
      ...(ctx.from ? { changedBy: ctx.from.id } : {}),
      changedAt: deps.shared.clock.now(),
    }));
    deps.shared.logger.info('group watch changed', { chatId: ctx.chat.id, watch: wanted });
    await ctx.reply(groupText(deps.shared.t, language, wanted ? 'watch_on' : 'watch_off'), { parse_mode: 'HTML' });
  });
}

/**
 * A basic group upgraded to a supergroup gets a new chat id (it happens, for one, when the bot is made an
 * admin, as /watch asks): the watch setting moves with it. Telegram posts the move in both chats.
 */
export function registerGroupMigration(composer: GroupComposer, deps: GroupDeps): void {
  const move = async (fromChatId: number, toChatId: number): Promise<void> => {
    if (await moveGroupSettings(deps.shared.store, fromChatId, toChatId)) deps.shared.logger.info('group settings moved to the supergroup', { fromChatId, toChatId });
  };
  composer.on('message:migrate_to_chat_id', (ctx) => move(ctx.chat.id, ctx.message.migrate_to_chat_id));
  composer.on('message:migrate_from_chat_id', (ctx) => move(ctx.message.migrate_from_chat_id, ctx.chat.id));
}

/** Sends the warning for one message, at most once per chat and message (whatever the number of deliveries). */
async function warnOnce(api: Api, deps: GroupDeps, chatId: number, messageId: number, verdict: Verdict): Promise<void> {
  if (!(await deps.ledger.claim(chatId, messageId))) return;
  try {
    await api.sendMessage(chatId, warningHtml(deps.shared.t, verdict), {
      parse_mode: 'HTML',
      reply_parameters: { message_id: messageId, allow_sending_without_reply: true },
      reply_markup: {
        inline_keyboard: [[{ text: groupText(deps.shared.t, verdict.replyLanguage, 'warning_details_button'), callback_data: encodeGroupCallback({ kind: 'details', chatId, messageId }) }]],
      },
    });
  } catch (error) {
    deps.ledger.release(chatId, messageId);
    throw error;
  }
  await deps.ledger.record(chatId, messageId, verdict);
  deps.shared.logger.info('group warning sent', { chatId, messageId, categories: verdict.categories });
}

/**
 * Passive watch of one ordinary group message. Does nothing (returns false) when the watch is off.
 * Otherwise checks (in the group's language: /lang in the group, else that of the admin who turned the watch
 * on; and with the group's /country) the text quietly and warns only at level high: on the instant verdict, or else on the
 * refined one when that rises to high (awaited in the background). Silent on everything else.
 */
export async function watchMessage(ctx: TelegramContext, deps: GroupDeps, message: Message): Promise<boolean> {
  const chatId = message.chat.id;
  const settings = await readGroupSettings(deps.shared.store, chatId);
  if (!settings.watch) return false;
  const text = messageText(message);
  // Other bots are not watched; anonymous admins and channel posts (sent "by a bot" on behalf of a chat) are.
  const fromOtherBot = message.from?.is_bot === true && message.sender_chat === undefined;
  if (text === undefined || fromOtherBot) return true;
  if (!(await allowCheck(deps.shared, ctx, { silent: true }))) return true;
  const language = settings.language ?? (await languageOf(deps.shared.store, ctx));
  // The watch has no reply to send, so it checks without answerCheck; the request is validated all the same.
  const request = CheckRequestSchema.safeParse({
    ...groupCheckRequest(text, language, forwardOriginOf(message.forward_origin)),
    ...(settings.country ? { country: settings.country } : {}),
  });
  if (!request.success) return true;
  const outcome = deps.shared.checker.check(request.data);
  const api = ctx.api;
  if (outcome.instant.level === WARN_LEVEL) {
    await warnOnce(api, deps, chatId, message.message_id, outcome.instant);
    return true;
  }
  deps.shared.tasks.track(
    outcome.refined.then(async (refined) => {
      if (refined.level === WARN_LEVEL) await warnOnce(api, deps, chatId, message.message_id, refined);
    }),
  );
  return true;
}

/** The Details button of a warning: replaces the warning by the full reply (kept without quotes). */
export async function showWarningDetails(ctx: TelegramContext, deps: GroupDeps, chatId: number, messageId: number): Promise<void> {
  const language = await languageOf(deps.shared.store, ctx);
  const verdict = ctx.chat?.id === chatId ? await deps.ledger.verdict(chatId, messageId) : undefined;
  const warning = ctx.callbackQuery?.message;
  if (!verdict || !warning) {
    await ctx.answerCallbackQuery({ text: groupText(deps.shared.t, language, 'warning_details_gone'), show_alert: true });
    return;
  }
  const reply = buildReply(verdict, { secondOpinion: secondOpinionState(verdict), ruleset: deps.shared.checker.ruleset });
  const [first, ...rest] = createTelegramRenderer(deps.shared.t).render(reply);
  await ctx.answerCallbackQuery();
  // A second tap finds the details already shown ("not modified"): nothing more to do.
  const edit = first === undefined ? 'unchanged' : await editMessageHtml(ctx.api, chatId, warning.message_id, first);
  if (edit === 'unchanged') return;
  if (edit === 'gone' && first !== undefined) await ctx.api.sendMessage(chatId, first, { parse_mode: 'HTML' });
  for (const part of rest) {
    await ctx.api.sendMessage(chatId, part, { parse_mode: 'HTML', reply_parameters: { message_id: warning.message_id, allow_sending_without_reply: true } });
  }
}
