import { z } from 'zod';
import { COUNTRIES, parseCountryCode } from './countries.ts';

/** Languages Safeword's texts are written in (locales/, rules/advice/, prompts/ each have one file per language). */
export const SOURCE_LANGUAGES = ['en', 'zh', 'es', 'fr'] as const;
/** A language Safeword's texts are written in. */
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];
/** zod schema for a source language. */
export const SourceLanguageSchema = z.enum(SOURCE_LANGUAGES);
/**
 * Languages rule files may be written in: the source languages, and Italian, whose scams the rules read before
 * reply texts exist for it (an Italian text is answered in the user's interface language, else English: never
 * half in one language and half in another).
 */
export const RULE_LANGUAGES = [...SOURCE_LANGUAGES, 'it'] as const;
/** zod schema for a rule language (the `languages` of a rule file). */
export const RuleLanguageSchema = z.enum(RULE_LANGUAGES);

/**
 * Languages Safeword answers in: English, Chinese in Simplified characters (`zh`), Chinese in Traditional
 * characters (`zh-Hant`, converted from the `zh` texts, see traditional.ts), Spanish (`es`, one neutral
 * text for Spain and Latin America) and French (`fr`, one text for France, Belgium, Switzerland and Canada).
 */
export const LANGUAGES = ['en', 'zh', 'zh-Hant', 'es', 'fr'] as const;
/** A reply language. */
export type Language = (typeof LANGUAGES)[number];

/** Other spellings accepted for a reply language: regional tags name the script their region writes. */
const LANGUAGE_ALIASES: Record<string, Language> = {
  'zh-hans': 'zh',
  'zh-cn': 'zh',
  'zh-sg': 'zh',
  'zh-hant': 'zh-Hant',
  'zh-tw': 'zh-Hant',
  'zh-hk': 'zh-Hant',
  'zh-mo': 'zh-Hant',
};

/** A Spanish tag: `es` or any regional one (`es-ES`, `es-419` as Discord sends them, `es-MX`, `es_AR`). */
const SPANISH_TAG = /^es(?:-[a-z0-9]{1,8})*$/;
/** A French tag: `fr` or any regional one (`fr-FR`, `fr-CA`, `fr_BE`). */
const FRENCH_TAG = /^fr(?:-[a-z0-9]{1,8})*$/;

/** The reply language a tag names (`en`, `zh`, `zh-Hant`, `es`, `fr`, or a regional tag such as `zh-TW`, `es-419` or `fr-CA`), if any. */
export function languageFromTag(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase().replace(/_/g, '-');
  if (lower === 'en' || lower === 'zh') return lower;
  if (SPANISH_TAG.test(lower)) return 'es';
  if (FRENCH_TAG.test(lower)) return 'fr';
  return LANGUAGE_ALIASES[lower];
}

/** zod schema for a reply language; also accepts the regional tags of {@link languageFromTag} (`zh-TW` → `zh-Hant`). */
export const LanguageSchema = z.preprocess((value) => (typeof value === 'string' ? (languageFromTag(value) ?? value) : value), z.enum(LANGUAGES));

/** The language whose files hold the texts of a reply language (`zh-Hant` is converted from `zh`). */
export function sourceLanguage(language: Language): SourceLanguage {
  return language === 'zh-Hant' ? 'zh' : language;
}

/** The largest text one request may carry, in UTF-16 code units (a long call transcript fits). */
export const MAX_TEXT_LENGTH = 200_000;

/** Where a forwarded message came from, as far as the platform tells. */
const ForwardOriginSchema = z.object({
  kind: z.enum(['user', 'hidden_user', 'chat', 'channel', 'unknown']),
  name: z.string().max(256).optional(),
});
/** Where a forwarded message came from. */
export type ForwardOrigin = z.infer<typeof ForwardOriginSchema>;

/** Metadata about where the request came from; adapters fill what they know. */
export const SourceSchema = z.object({
  platform: z.enum(['telegram', 'discord', 'slack', 'web', 'cli', 'api']),
  forwardedFrom: ForwardOriginSchema.optional(),
  chatType: z.enum(['private', 'group', 'channel']).optional(),
});

/** Where a request came from (see {@link SourceSchema}). */
export type Source = z.infer<typeof SourceSchema>;

/** One normalized check request: what every adapter turns its platform event into. */
export const CheckRequestSchema = z.object({
  kind: z.enum(['message', 'transcript']),
  text: z
    .string()
    .min(1, 'text is empty')
    .max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`)
    // Only spaces or control characters (e.g. NUL bytes) is nothing to check, not a message without warning signs.
    .refine((text) => /[^\s\p{Cc}\p{Cf}]/u.test(text), 'text has nothing to check (only spaces or control characters)'),
  /**
   * The reply language: the user's choice. Without it the reply follows the text when the rules read its
   * language, else `interfaceLanguage`, else English. A reply in Chinese to a text in Traditional characters
   * is in Traditional characters.
   */
  language: LanguageSchema.optional(),
  /** The language of the user's interface (app, page or locale): the reply language for a text the rules cannot read. */
  interfaceLanguage: LanguageSchema.optional(),
  /** Country for report and emergency contacts (src/core/countries.ts), case-insensitive; else the service's. */
  country: z
    .string()
    .transform((value, context) => {
      const country = parseCountryCode(value);
      if (!country) context.addIssue({ code: 'custom', message: `country must be one of ${COUNTRIES.join(', ')}` });
      return country ?? z.NEVER;
    })
    .optional(),
  source: SourceSchema.optional(),
});
/** One normalized check request. */
export type CheckRequest = z.infer<typeof CheckRequestSchema>;
