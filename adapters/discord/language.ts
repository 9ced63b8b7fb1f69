import { countScripts, type Language } from '../../src/core/index.ts';

/** The reply language for a Discord locale (the user's client language): zh-CN and zh-TW give Chinese, anything else English. */
export function localeLanguage(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/**
 * The language to ask the checker for: undefined when the text has English or Chinese letters (the checker
 * detects the language from the text, and the reply follows it), else the language of the user's locale
 * (a text of only digits, symbols or another script).
 */
export function requestLanguage(text: string, locale: string | null | undefined): Language | undefined {
  const { han, latin } = countScripts(text);
  return han + latin > 0 ? undefined : localeLanguage(locale);
}
