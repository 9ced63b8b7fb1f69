import type Keyv from 'keyv';
import { languageFromTag, LanguageSchema, type Language } from '../../src/core/index.ts';
import type { TelegramContext } from './context.ts';

/** Store key of a user's /lang choice. */
function languageKey(userId: number): string {
  return `lang:${userId}`;
}

/**
 * Maps a Telegram language_code (IETF tag) to a reply language: zh-hant, zh-tw and zh-hk → Traditional
 * Chinese, any other zh* → Simplified Chinese, es and es-* → Spanish, fr and fr-* → French, anything else → en.
 */
function languageFromCode(code: string | undefined): Language {
  const lower = code?.toLowerCase() ?? '';
  if (lower.startsWith('zh-hant') || languageFromTag(lower) === 'zh-Hant') return 'zh-Hant';
  if (languageFromTag(lower) === 'es') return 'es';
  if (languageFromTag(lower) === 'fr') return 'fr';
  return lower.startsWith('zh') ? 'zh' : 'en';
}

/** The language to answer `ctx` in: the user's /lang choice, else their Telegram language, else English. */
export async function languageOf(store: Keyv, ctx: TelegramContext): Promise<Language> {
  const user = ctx.from;
  if (!user) return 'en';
  const stored = LanguageSchema.safeParse(await store.get(languageKey(user.id)));
  return stored.success ? stored.data : languageFromCode(user.language_code);
}

/** Stores a user's /lang choice (no expiry). */
export async function setLanguage(store: Keyv, userId: number, language: Language): Promise<void> {
  await store.set(languageKey(userId), language);
}

/** A /lang argument ("zh", "繁體", "english", …) as a reply language; undefined when it names none. */
export function parseLanguage(argument: string): Language | undefined {
  const value = argument.trim().toLowerCase();
  if (value === '') return undefined;
  if (languageFromTag(value) === 'zh-Hant' || ['traditional', '繁體', '繁体', '繁體中文', '繁体中文', '正體中文', 'tw', 'hk'].includes(value)) return 'zh-Hant';
  if (value.startsWith('zh') || ['chinese', '中文', 'cn', '简体', '簡體', '简体中文', '簡體中文', 'simplified'].includes(value)) return 'zh';
  if (value.startsWith('en') || value === 'english' || value === '英文' || value === '英语') return 'en';
  if (languageFromTag(value) === 'es' || ['spanish', 'español', 'espanol', 'castellano', '西班牙语', '西班牙語', '西班牙文'].includes(value)) return 'es';
  if (languageFromTag(value) === 'fr' || ['french', 'français', 'francais', '法语', '法語', '法文'].includes(value)) return 'fr';
  return undefined;
}
