import { z } from 'zod';
import { optionalSetting, parseApiUrl, SettingError } from '../../src/core/index.ts';

/** How long start() waits for the gateway's READY before it gives up (default). */
export const DEFAULT_DISCORD_READY_TIMEOUT_MS = 30_000;

/** Where Discord serves attachments (the `url` and `proxy_url` the API gives); images are fetched from these only. */
export const DISCORD_CDN_ORIGINS = ['https://cdn.discordapp.com', 'https://media.discordapp.net'] as const;

/** Longest time one attachment download may take. */
export const DEFAULT_DISCORD_DOWNLOAD_TIMEOUT_MS = 20_000;

/** Settings of the Discord adapter, parsed once at start-up. */
export interface DiscordConfig {
  /** Bot token from the Developer Portal (Bot → Reset Token). */
  token: string;
  /** Application id; when undefined it is read from the gateway's READY payload. */
  applicationId?: string;
  /** Register the commands in this guild only (instant) instead of globally (may take a while to show). */
  guildId?: string;
  /** REST API root without the version, e.g. http://127.0.0.1:5555/api (tests); default https://discord.com/api. */
  apiUrl?: string;
  /** How long start() waits for the gateway to become ready. */
  readyTimeoutMs: number;
  /** Origins attachments are downloaded from (default {@link DISCORD_CDN_ORIGINS}; DISCORD_CDN_URL for tests). */
  cdnOrigins?: readonly string[];
}

const DiscordEnvSchema = z.object({
  DISCORD_BOT_TOKEN: optionalSetting,
  DISCORD_APPLICATION_ID: optionalSetting,
  DISCORD_GUILD_ID: optionalSetting,
  DISCORD_API_URL: optionalSetting,
  DISCORD_CDN_URL: optionalSetting,
});

/** A Discord id: a snowflake of 17 to 20 digits. */
const SNOWFLAKE = /^\d{17,20}$/;

function snowflake(variable: string, value: string | undefined, hint: string): string | undefined {
  if (value === undefined) return undefined;
  if (!SNOWFLAKE.test(value)) throw new SettingError(variable, `"${value}" is not a Discord id (17 to 20 digits); ${hint}`);
  return value;
}

/**
 * Parses the Discord settings from the environment. Returns undefined when DISCORD_BOT_TOKEN is not set (the
 * adapter stays off); throws a {@link SettingError} naming the variable when a value is malformed.
 */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig | undefined {
  const parsed = DiscordEnvSchema.parse(env);
  const token = parsed.DISCORD_BOT_TOKEN;
  if (token === undefined) return undefined;
  if (!/^[\w-]{10,}\.[\w-]{3,}\.[\w-]{10,}$/.test(token)) {
    throw new SettingError(
      'DISCORD_BOT_TOKEN',
      'does not look like a bot token (three parts separated by dots); copy it from the Developer Portal (your application → Bot → Reset Token), or unset it to leave Discord off',
    );
  }
  const applicationId = snowflake('DISCORD_APPLICATION_ID', parsed.DISCORD_APPLICATION_ID, 'copy the Application ID from the Developer Portal (General Information), or unset it to read it at start-up');
  const guildId = snowflake('DISCORD_GUILD_ID', parsed.DISCORD_GUILD_ID, 'copy the server id (Developer Mode on, right-click the server → Copy Server ID), or unset it to register the commands globally');
  const apiUrl =
    parsed.DISCORD_API_URL === undefined
      ? undefined
      : parseApiUrl('DISCORD_API_URL', parsed.DISCORD_API_URL, { example: 'http://127.0.0.1:5555/api', fallback: 'https://discord.com/api', trailingSlash: false });
  const cdnUrl =
    parsed.DISCORD_CDN_URL === undefined
      ? undefined
      : parseApiUrl('DISCORD_CDN_URL', parsed.DISCORD_CDN_URL, { example: 'http://127.0.0.1:5556', fallback: 'https://cdn.discordapp.com', trailingSlash: false });
  return {
    token,
    ...(cdnUrl ? { cdnOrigins: [new URL(cdnUrl).origin] } : {}),
    ...(applicationId ? { applicationId } : {}),
    ...(guildId ? { guildId } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    readyTimeoutMs: DEFAULT_DISCORD_READY_TIMEOUT_MS,
  };
}
