import { webApi, type Logger as BoltLogger } from '@slack/bolt';
import { BoundedMap, languageFromTag, type Language, type Logger } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';

/** How long a user's Slack language is remembered, how many users at most, and how long users.info may take. */
export const USER_LANGUAGE_TTL_MS = 60 * 60 * 1000;
const MAX_USERS = 2000;
const LOOKUP_TIMEOUT_MS = 2000;

/** The reply language for a Slack locale (`en-US`, `zh-CN`, `zh-TW`, `es-ES`, `es-LA`, `fr-FR`, …): Chinese in its region's script, Spanish, French, else English. */
export function slackLocaleLanguage(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  return languageFromTag(locale) ?? (locale.toLowerCase().startsWith('zh') ? 'zh' : 'en');
}

/** The user's language as Slack knows it, for what is said before there is any text to take it from. */
export interface UserLanguages {
  /** The user's Slack language, or undefined when Slack does not say (no `users:read` scope, an error, too slow). */
  of(userId: string | undefined): Promise<Language | undefined>;
}

/**
 * Looks up the user's locale with `users.info` (`include_locale`, scope `users:read`) — a Slack payload carries
 * none, unlike Discord's interaction locale or Telegram's language_code. A client of its own, with no retries
 * and a short timeout, so a slow or refused lookup only means the note comes in English. Answers (also "Slack
 * did not say") are kept in memory for an hour, at most 2000 users; nothing goes to the store.
 */
export function createUserLanguages(options: { token: string; apiUrl?: string; logger: Logger; boltLogger: BoltLogger }): UserLanguages {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: LOOKUP_TIMEOUT_MS,
    logger: options.boltLogger,
  });
  const known = new BoundedMap<string, Language | undefined>({ maxEntries: MAX_USERS, ttlMs: USER_LANGUAGE_TTL_MS });
  let warned = false;
  return {
    async of(userId) {
      if (!userId) return undefined;
      if (known.has(userId)) return known.get(userId);
      let language: Language | undefined;
      try {
        const answer = await client.users.info({ user: userId, include_locale: true });
        language = slackLocaleLanguage(answer.user?.locale);
      } catch (error) {
        // Once per adapter: without users:read every lookup fails the same way.
        if (!warned) options.logger.warn('slack: user language unknown (users.info; scope users:read)', errorFields(error));
        warned = true;
      }
      known.set(userId, language);
      return language;
    },
  };
}
