import type { Language } from './request.ts';
import type { Translate } from './texts.ts';

const displayNames = new Map<Language, Intl.DisplayNames>();
const listFormats = new Map<Language, Intl.ListFormat>();

/** The ICU locale of a reply language (`zh` is Simplified Chinese). */
function icuLocale(language: Language): string {
  return language === 'zh' ? 'zh-Hans' : language;
}

/**
 * The name of a text's language (ISO 639-1) in a reply language, from the ICU data Node ships
 * (`Intl.DisplayNames`: ja → "Japanese", "日语", "日文"), so every language has a name without a locale entry
 * for each; `und` and codes ICU does not know read "an unknown language".
 */
export function languageName(t: Translate, code: string, replyLanguage: Language): string {
  if (code !== 'und') {
    let names = displayNames.get(replyLanguage);
    if (!names) {
      names = new Intl.DisplayNames([icuLocale(replyLanguage)], { type: 'language', fallback: 'none' });
      displayNames.set(replyLanguage, names);
    }
    try {
      const name = names.of(code);
      if (name) return name;
    } catch {
      // Not a valid language code: fall through to the generic name.
    }
  }
  return t(replyLanguage, 'core.language.unknown');
}

/**
 * The names of several languages as one phrase in a reply language ("English, Chinese and Spanish",
 * "英语、中文和西班牙语", "inglés, chino y español"): the languages the rules read, for the "cannot read" note.
 */
export function languageList(t: Translate, codes: readonly string[], replyLanguage: Language): string {
  let format = listFormats.get(replyLanguage);
  if (!format) {
    format = new Intl.ListFormat([icuLocale(replyLanguage)], { type: 'conjunction', style: 'long' });
    listFormats.set(replyLanguage, format);
  }
  return format.format(codes.map((code) => languageName(t, code, replyLanguage)));
}
