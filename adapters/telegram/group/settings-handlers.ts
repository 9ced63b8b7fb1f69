import { InlineKeyboard } from 'grammy';
import { LANGUAGES, type Language, type Translate } from '../../../src/core/index.ts';
import type { TelegramContext } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { parseLanguage } from '../language.ts';
import { senderIsAdmin } from './admin.ts';
import type { GroupComposer, GroupDeps } from './group-deps.ts';
import { groupText } from './group-text.ts';
import { memberLanguage } from './member-language.ts';
import { formatClockTime, parseTimeZone } from './time-zone.ts';
import { changeGroupSettings, readGroupSettings } from './watch-settings.ts';

/** Callback data of the group language buttons (`gl:<language>`). */
const GROUP_LANGUAGE_CALLBACK = /^gl:(en|zh|zh-Hant|es|fr)$/;

function languageLabel(t: Translate, language: Language, option: Language): string {
  return t(language, `telegram.lang_button_${option.replace('-', '_').toLowerCase()}`);
}

function answerTo(ctx: TelegramContext): { reply_parameters?: { message_id: number; allow_sending_without_reply: boolean } } {
  const messageId = ctx.msg?.message_id;
  return messageId !== undefined ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {};
}

/**
 * /timezone (show), /timezone Area/City (set; validated by Intl) and /timezone off, admins only for changes:
 * check-in times are then shown in that zone instead of as relative times.
 */
export function registerTimeZoneCommand(composer: GroupComposer, deps: GroupDeps): void {
  const { shared } = deps;
  composer.command('timezone', async (ctx) => {
    const language = await memberLanguage(ctx, shared);
    const say = (id: string, vars: Record<string, string> = {}) => ctx.reply(groupText(shared.t, language, id, vars), { parse_mode: 'HTML', ...answerTo(ctx) });
    const argument = ctx.match.trim();
    const now = shared.clock.now();
    if (argument === '') {
      const { timeZone } = await readGroupSettings(shared.store, ctx.chat.id);
      await (timeZone ? say('timezone_current', { zone: escapeHtml(timeZone), time: formatClockTime(now, timeZone, language) }) : say('timezone_none'));
      return;
    }
    const clear = ['off', 'none', 'clear', '取消'].includes(argument.toLowerCase());
    const zone = clear ? undefined : parseTimeZone(argument);
    if (!clear && !zone) {
      await say('timezone_unknown', { zone: escapeHtml(argument.slice(0, 64)) });
      return;
    }
    if (!(await senderIsAdmin(ctx))) {
      await say('timezone_admins_only');
      return;
    }
    await changeGroupSettings(shared.store, ctx.chat.id, (current) => {
      const { timeZone: _zone, timeZoneFromCountry: _from, ...rest } = current;
      return zone ? { ...rest, timeZone: zone, timeZoneFromCountry: false } : rest;
    });
    shared.logger.info('group time zone changed', { chatId: ctx.chat.id, timeZone: zone ?? null });
    await (zone ? say('timezone_set', { zone: escapeHtml(zone), time: formatClockTime(now, zone, language) }) : say('timezone_cleared'));
  });
}

/**
 * /lang in a group sets the group's language (admins only; `/lang zh` or the buttons): watch warnings,
 * check-in messages and answers to anonymous admins use it. Members' own answers follow their own /lang.
 */
export function registerGroupLanguageCommand(composer: GroupComposer, deps: GroupDeps): void {
  const { shared } = deps;
  const setLanguage = async (ctx: TelegramContext, chatId: number, chosen: Language): Promise<string> => {
    await changeGroupSettings(shared.store, chatId, (current) => ({ ...current, language: chosen }));
    shared.logger.info('group language changed', { chatId, language: chosen });
    return groupText(shared.t, chosen, 'lang_group_set', { language: languageLabel(shared.t, chosen, chosen) });
  };
  composer.command('lang', async (ctx) => {
    const language = await memberLanguage(ctx, shared);
    if (!(await senderIsAdmin(ctx))) {
      await ctx.reply(groupText(shared.t, language, 'lang_admins_only'), { parse_mode: 'HTML', ...answerTo(ctx) });
      return;
    }
    const chosen = parseLanguage(ctx.match);
    if (chosen) {
      await ctx.reply(await setLanguage(ctx, ctx.chat.id, chosen), { parse_mode: 'HTML', ...answerTo(ctx) });
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const option of LANGUAGES) keyboard.text(languageLabel(shared.t, language, option), `gl:${option}`);
    await ctx.reply(groupText(shared.t, language, 'lang_group_prompt'), { parse_mode: 'HTML', reply_markup: keyboard, ...answerTo(ctx) });
  });
  composer.callbackQuery(GROUP_LANGUAGE_CALLBACK, async (ctx) => {
    const chosen: Language = LANGUAGES.find((option) => option === ctx.match[1]) ?? 'en';
    if (!(await senderIsAdmin(ctx))) {
      await ctx.answerCallbackQuery({ text: groupText(shared.t, await memberLanguage(ctx, shared), 'lang_admins_only'), show_alert: true });
      return;
    }
    const done = await setLanguage(ctx, ctx.chat.id, chosen);
    await ctx.answerCallbackQuery();
    if (ctx.callbackQuery.message) await ctx.editMessageText(done, { parse_mode: 'HTML' }).catch(() => undefined);
  });
}
