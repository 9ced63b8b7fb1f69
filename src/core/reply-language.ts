import { isTraditionalText } from './chinese-script.ts';
import { detectLanguage } from './language.ts';
import type { CheckRequest, Language } from './request.ts';

/** Text languages Safeword answers in when the user named none: those it has reply texts for. */
const TEXT_REPLY_LANGUAGES: ReadonlySet<string> = new Set<Language>(['en', 'zh', 'es', 'fr']);

/**
 * The language to answer in. The user's choice (`request.language`) wins; without one the reply follows the
 * text when it is English, Chinese, Spanish or French, else the user's interface language, else English: a Vietnamese
 * text checked by an English user gets an English reply. A Chinese reply to a text written in Traditional characters is in
 * Traditional characters (`zh-Hant`), so a Taiwanese or Hong Kong reader is never answered in the other script.
 */
export function replyLanguageFor(request: Pick<CheckRequest, 'language' | 'interfaceLanguage'>, textLanguage: string, text: string): Language {
  let language: Language;
  if (request.language) language = request.language;
  else if (TEXT_REPLY_LANGUAGES.has(textLanguage)) language = textLanguage as Language;
  else language = request.interfaceLanguage ?? 'en';
  if (language === 'zh' && textLanguage === 'zh' && isTraditionalText(text)) return 'zh-Hant';
  return language;
}

/** The reply language for a text when the user named none: the text's own (English, Chinese in its script, Spanish), else `fallback`. */
export function textReplyLanguage(text: string, fallback?: Language): Language {
  return replyLanguageFor(fallback ? { interfaceLanguage: fallback } : {}, detectLanguage(text), text);
}
