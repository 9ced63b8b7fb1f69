import { Composer, InlineKeyboard } from 'grammy';
import { LANGUAGES, type Language, type Translate } from '../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { languageOf, parseLanguage, setLanguage } from './language.ts';

/** The commands this module answers, in the order shown in Telegram's menu. */
const PRIVATE_COMMANDS = ['start', 'help', 'lang', 'country', 'safeword', 'privacy'] as const;

/** The command menu in `language`, for setMyCommands. */
export function privateCommandMenu(t: Translate, language: Language): { command: string; description: string }[] {
  return PRIVATE_COMMANDS.map((command) => ({ command, description: t(language, `telegram.command_${command}`) }));
}

/** Options for {@link createCommands}. */
export interface CommandOptions {
  /** Whether voice notes are transcribed (changes the /help text). */
  voiceEnabled: boolean;
}

/** A language's button label ("简体中文", "繁體中文", "Español", "Français") in the reply language. */
function languageLabel(t: Translate, language: Language, option: Language): string {
  return t(language, `telegram.lang_button_${option.replace('-', '_').toLowerCase()}`);
}

function languageKeyboard(t: Translate, language: Language): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const option of LANGUAGES) keyboard.text(languageLabel(t, language, option), `lang:${option}`);
  return keyboard;
}

/**
 * /start, /help, /lang (a group's /lang passes on to the group features), /safeword and /privacy, in every chat type. The texts are static HTML from
 * locales/<lang>/telegram.yaml; nothing user-derived is interpolated.
 */
export function createCommands(shared: TelegramShared, options: CommandOptions): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const { t } = shared;
  const html = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

  composer.command('start', async (ctx) => {
    await ctx.reply(t(await languageOf(shared.store, ctx), 'telegram.start'), html);
  });
  composer.command('help', async (ctx) => {
    const language = await languageOf(shared.store, ctx);
    const voice = t(language, options.voiceEnabled ? 'telegram.help_voice_on' : 'telegram.help_voice_off');
    await ctx.reply(t(language, 'telegram.help', { voice, maxKb: Math.floor(shared.config.maxDocumentBytes / 1024) }), html);
  });
  composer.command('privacy', async (ctx) => {
    const language = await languageOf(shared.store, ctx);
    const secondOpinion = t(language, shared.checker.secondOpinion === 'on' ? 'telegram.privacy_llm_on' : 'telegram.privacy_llm_off');
    await ctx.reply(t(language, 'telegram.privacy', { secondOpinion }), html);
  });
  composer.command('safeword', async (ctx) => {
    await ctx.reply(t(await languageOf(shared.store, ctx), 'telegram.safeword'), html);
  });
  composer.command('lang', async (ctx, next) => {
    // In a group, /lang is the group's language (group/settings-handlers.ts).
    if (ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup') return next();
    const chosen = parseLanguage(ctx.match);
    if (chosen && ctx.from) {
      await setLanguage(shared.store, ctx.from.id, chosen);
      await ctx.reply(t(chosen, 'telegram.lang_set', { language: languageLabel(t, chosen, chosen) }));
      return;
    }
    const language = await languageOf(shared.store, ctx);
    await ctx.reply(t(language, 'telegram.lang_prompt'), { reply_markup: languageKeyboard(t, language) });
  });
  composer.callbackQuery(/^lang:(en|zh|zh-Hant|es|fr)$/, async (ctx) => {
    const chosen = LANGUAGES.find((option) => option === ctx.match[1]) ?? 'en';
    await setLanguage(shared.store, ctx.from.id, chosen);
    const done = t(chosen, 'telegram.lang_set', { language: languageLabel(t, chosen, chosen) });
    await ctx.answerCallbackQuery({ text: done });
    if (ctx.callbackQuery.message) await ctx.editMessageText(done).catch(() => undefined);
  });
  return composer;
}
