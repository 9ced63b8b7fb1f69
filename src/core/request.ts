import { z } from 'zod';
import { COUNTRIES, parseCountryCode } from './countries.ts';

/** Languages Safeword answers in. */
export const LANGUAGES = ['en', 'zh'] as const;
/** A reply language. */
export type Language = (typeof LANGUAGES)[number];
/** zod schema for a reply language. */
export const LanguageSchema = z.enum(LANGUAGES);

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
const SourceSchema = z.object({
  platform: z.enum(['telegram', 'discord', 'slack', 'web', 'cli', 'api']),
  forwardedFrom: ForwardOriginSchema.optional(),
  chatType: z.enum(['private', 'group', 'channel']).optional(),
});

/** One normalized check request: what every adapter turns its platform event into. */
export const CheckRequestSchema = z.object({
  kind: z.enum(['message', 'transcript']),
  text: z
    .string()
    .min(1, 'text is empty')
    .max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters`)
    // Only spaces or control characters (e.g. NUL bytes) is nothing to check, not a message without warning signs.
    .refine((text) => /[^\s\p{Cc}\p{Cf}]/u.test(text), 'text has nothing to check (only spaces or control characters)'),
  language: LanguageSchema.optional(),
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
