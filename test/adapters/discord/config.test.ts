import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../../adapters/discord/config.ts';
import { SettingError } from '../../../src/core/settings.ts';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.abcdefghijklmnopqrstuvwxyz0123456789';

function errorOf(env: NodeJS.ProcessEnv): SettingError {
  try {
    loadDiscordConfig(env);
  } catch (error) {
    if (error instanceof SettingError) return error;
    throw error;
  }
  throw new Error('expected a SettingError');
}

describe('loadDiscordConfig', () => {
  it('is off (undefined) without DISCORD_BOT_TOKEN, or with a blank one', () => {
    expect(loadDiscordConfig({})).toBeUndefined();
    expect(loadDiscordConfig({ DISCORD_BOT_TOKEN: '  ', DISCORD_GUILD_ID: 'x' })).toBeUndefined();
  });

  it('takes the attachment host from DISCORD_CDN_URL (its origin only), else none is set and the CDN defaults apply', () => {
    expect(loadDiscordConfig({ DISCORD_BOT_TOKEN: TOKEN })?.cdnOrigins).toBeUndefined();
    expect(loadDiscordConfig({ DISCORD_BOT_TOKEN: TOKEN, DISCORD_CDN_URL: 'http://127.0.0.1:5556/attachments/' })?.cdnOrigins).toEqual(['http://127.0.0.1:5556']);
    expect(errorOf({ DISCORD_BOT_TOKEN: TOKEN, DISCORD_CDN_URL: 'ftp://cdn' }).message).toMatch(/^DISCORD_CDN_URL: /);
  });

  it('reads the token, application id, guild id and API root', () => {
    expect(
      loadDiscordConfig({
        DISCORD_BOT_TOKEN: ` ${TOKEN} `,
        DISCORD_APPLICATION_ID: '100000000000000001',
        DISCORD_GUILD_ID: '600000000000000001',
        DISCORD_API_URL: 'http://127.0.0.1:5555/api/',
      }),
    ).toEqual({ token: TOKEN, applicationId: '100000000000000001', guildId: '600000000000000001', apiUrl: 'http://127.0.0.1:5555/api', readyTimeoutMs: 30_000 });
    expect(loadDiscordConfig({ DISCORD_BOT_TOKEN: TOKEN })).toEqual({ token: TOKEN, readyTimeoutMs: 30_000 });
  });

  it.each([
    [{ DISCORD_BOT_TOKEN: 'Bot abc' }, 'DISCORD_BOT_TOKEN'],
    [{ DISCORD_BOT_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'my-app' }, 'DISCORD_APPLICATION_ID'],
    [{ DISCORD_BOT_TOKEN: TOKEN, DISCORD_GUILD_ID: '123' }, 'DISCORD_GUILD_ID'],
    [{ DISCORD_BOT_TOKEN: TOKEN, DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL'],
    [{ DISCORD_BOT_TOKEN: TOKEN, DISCORD_API_URL: 'ftp://example.org/api' }, 'DISCORD_API_URL'],
  ])('names the variable of a malformed value (%o)', (env, variable) => {
    const error = errorOf(env);
    expect(error).toBeInstanceOf(SettingError);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('never repeats the token in an error message', () => {
    expect(errorOf({ DISCORD_BOT_TOKEN: 'secret-looking-value' }).message).not.toContain('secret-looking-value');
  });
});
