import { languageFromTag, type Language } from '../../src/core/index.ts';

/**
 * The reply language for a Discord locale (the user's client language): zh-CN gives Simplified Chinese,
 * zh-TW Traditional Chinese, es-ES and es-419 Spanish, fr French, anything else English.
 */
export function localeLanguage(locale: string | null | undefined): Language {
  const language = languageFromTag(locale);
  if (language) return language;
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The languages to ask the checker for: none chosen (the reply follows an English, Chinese or Spanish text, in its
 * script), with the user's locale as the interface language for a text the rules cannot read.
 */
export function requestLanguages(locale: string | null | undefined): { interfaceLanguage: Language } {
  return { interfaceLanguage: localeLanguage(locale) };
}
