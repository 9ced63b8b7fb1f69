import { z } from 'zod';
import { optionalSetting, parseApiUrl, parsePort, SettingError } from '../../src/core/index.ts';

/** Default port of the Slack HTTP receiver (separate from the service's HOST:PORT). */
export const DEFAULT_SLACK_PORT = 3000;
/** Default address of the Slack HTTP receiver. */
export const DEFAULT_SLACK_HOST = '127.0.0.1';
/** The path Slack posts slash commands and shortcuts to in HTTP mode (Request URL: https://…/slack/events). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Where Slack serves files (`url_private`); the bot token is sent to these origins only. */
export const SLACK_FILES_ORIGINS = ['https://files.slack.com'] as const;

/** Longest time one file download may take. */
export const DEFAULT_SLACK_DOWNLOAD_TIMEOUT_MS = 20_000;

/** How Slack reaches the adapter. */
export type SlackConnection =
  | { mode: 'http'; signingSecret: string; host: string; port: number }
  | { mode: 'socket'; appToken: string };

/** Settings of the Slack adapter, parsed once at start-up. */
export interface SlackConfig {
  /** Bot token (xoxb-…). */
  botToken: string;
  connection: SlackConnection;
  /** Web API root for tests or a proxy, e.g. http://127.0.0.1:5555/api/; default https://slack.com/api/. */
  apiUrl?: string;
  /** Origins files are downloaded from with the bot token (default {@link SLACK_FILES_ORIGINS}; SLACK_FILES_URL for tests). */
  filesOrigins?: readonly string[];
}

const SlackEnvSchema = z.object({
  SLACK_BOT_TOKEN: optionalSetting,
  SLACK_SIGNING_SECRET: optionalSetting,
  SLACK_APP_TOKEN: optionalSetting,
  SLACK_PORT: optionalSetting,
  SLACK_HOST: optionalSetting,
  SLACK_API_URL: optionalSetting,
  SLACK_FILES_URL: optionalSetting,
});

/**
 * Parses the Slack settings from the environment. Returns undefined when SLACK_BOT_TOKEN is not set (the
 * adapter stays off); throws a {@link SettingError} naming the variable when a value is wrong or missing.
 * SLACK_APP_TOKEN selects Socket Mode; otherwise the HTTP receiver needs SLACK_SIGNING_SECRET.
 */
export function loadSlackConfig(env: NodeJS.ProcessEnv = process.env): SlackConfig | undefined {
  const parsed = SlackEnvSchema.parse(env);
  const botToken = parsed.SLACK_BOT_TOKEN;
  if (botToken === undefined) return undefined;
  if (!/^xoxb-[A-Za-z0-9-]+$/.test(botToken)) {
    throw new SettingError('SLACK_BOT_TOKEN', 'does not look like a bot token (xoxb-…); copy the "Bot User OAuth Token" from your Slack app\'s OAuth & Permissions page, or unset it to leave Slack off');
  }
  const apiUrl =
    parsed.SLACK_API_URL === undefined
      ? undefined
      : parseApiUrl('SLACK_API_URL', parsed.SLACK_API_URL, { example: 'http://127.0.0.1:5555/api/', fallback: 'https://slack.com/api/', trailingSlash: true });

  let connection: SlackConnection;
  if (parsed.SLACK_APP_TOKEN !== undefined) {
    if (!/^xapp-[A-Za-z0-9-]+$/.test(parsed.SLACK_APP_TOKEN)) {
      throw new SettingError('SLACK_APP_TOKEN', 'does not look like an app-level token (xapp-…); create one with the connections:write scope under Basic Information, or unset it for HTTP mode');
    }
    connection = { mode: 'socket', appToken: parsed.SLACK_APP_TOKEN };
  } else {
    const signingSecret = parsed.SLACK_SIGNING_SECRET;
    if (signingSecret === undefined) {
      throw new SettingError('SLACK_SIGNING_SECRET', 'must be set with SLACK_BOT_TOKEN in HTTP mode: copy the Signing Secret from your Slack app\'s Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)');
    }
    if (!/^[A-Za-z0-9]{16,}$/.test(signingSecret)) {
      throw new SettingError('SLACK_SIGNING_SECRET', 'does not look like a signing secret (letters and digits); copy it from your Slack app\'s Basic Information page');
    }
    connection = { mode: 'http', signingSecret, host: parsed.SLACK_HOST ?? DEFAULT_SLACK_HOST, port: parsePort('SLACK_PORT', parsed.SLACK_PORT, DEFAULT_SLACK_PORT, 'use e.g. 3000 (0 picks a free port)') };
  }
  const filesUrl =
    parsed.SLACK_FILES_URL === undefined
      ? undefined
      : parseApiUrl('SLACK_FILES_URL', parsed.SLACK_FILES_URL, { example: 'http://127.0.0.1:5556', fallback: 'https://files.slack.com', trailingSlash: false });
  return { botToken, connection, ...(apiUrl ? { apiUrl } : {}), ...(filesUrl ? { filesOrigins: [new URL(filesUrl).origin] } : {}) };
}
