import type { Language } from './request.ts';
import type { Translate } from './texts.ts';

const displayNames = new Map<Language, Intl.DisplayNames>();

/**
 * The name of a text's language (ISO 639-1) in a reply language, from the ICU data Node ships
 * (`Intl.DisplayNames`: ja → "Japanese", "日语", "日文"), so every language has a name without a locale entry
 * for each; `und` and codes ICU does not know read "an unknown language".
 */
export function languageName(t: Translate, code: string, replyLanguage: Language): string {
  if (code !== 'und') {
    let names = displayNames.get(replyLanguage);
    if (!names) {
      names = new Intl.DisplayNames([replyLanguage === 'zh' ? 'zh-Hans' : replyLanguage], { type: 'language', fallback: 'none' });
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
