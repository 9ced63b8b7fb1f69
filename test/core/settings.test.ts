import { describe, expect, it } from 'vitest';
import { loadDiscordConfig } from '../../adapters/discord/config.ts';
import { loadSlackConfig } from '../../adapters/slack/config.ts';
import { loadTelegramConfig } from '../../adapters/telegram/config.ts';
import { loadConfig } from '../../src/service/config.ts';
import { listenUrl } from '../../src/core/listen.ts';
import { optionalSetting, parseApiUrl, parsePort, pause, SettingError } from '../../src/core/settings.ts';

describe('settings helpers', () => {
  it('every module reports a bad setting as a SettingError naming the variable', () => {
    const loaders: [string, () => unknown][] = [
      ['PORT', () => loadConfig({ PORT: 'abc' })],
      ['TELEGRAM_BOT_TOKEN', () => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: 'nope' })],
      ['SLACK_API_URL', () => loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2', SLACK_API_URL: 'ftp://x' })],
      ['DISCORD_GUILD_ID', () => loadDiscordConfig({ DISCORD_BOT_TOKEN: 'aaaaaaaaaaaa.bbbbbb.cccccccccccc', DISCORD_GUILD_ID: '12' })],
    ];
    for (const [variable, load] of loaders) {
      let caught: unknown;
      try {
        load();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SettingError);
      expect((caught as SettingError).variable).toBe(variable);
      expect((caught as SettingError).code).toBe('CONFIG_INVALID');
      expect((caught as Error).message.startsWith(`${variable}: `)).toBe(true);
    }
  });

  it('reads API roots, ports and listening addresses one way for every adapter', () => {
    const options = { example: 'http://127.0.0.1:5555/api', fallback: 'https://example.com/api', trailingSlash: false };
    expect(parseApiUrl('X_API_URL', 'http://127.0.0.1:5555/api//', options)).toBe('http://127.0.0.1:5555/api');
    expect(parseApiUrl('X_API_URL', 'http://127.0.0.1:5555/api', { ...options, trailingSlash: true })).toBe('http://127.0.0.1:5555/api/');
    expect(() => parseApiUrl('X_API_URL', 'not a url', options)).toThrow(/^X_API_URL: "not a url" is not a URL; use e\.g\. http:\/\/127/);
    expect(() => parseApiUrl('X_API_URL', 'ftp://host/', options)).toThrow(/is not an http\(s\) URL; unset it for https:\/\/example\.com\/api$/);
    expect(parsePort('X_PORT', undefined, 3000, 'fix it')).toBe(3000);
    expect(parsePort('X_PORT', '0', 3000, 'fix it')).toBe(0);
    expect(() => parsePort('X_PORT', '65536', 3000, 'fix it')).toThrow(/^X_PORT: "65536" is not a port number; fix it$/);
    expect(() => parsePort('X_PORT', '80a', 3000, 'fix it')).toThrow(SettingError);
    expect(listenUrl({ address: '::1', family: 'IPv6', port: 80 }, '/x')).toBe('http://[::1]:80/x');
    expect(listenUrl({ address: '127.0.0.1', family: 'IPv4', port: 8 })).toBe('http://127.0.0.1:8');
  });

  it('reads blank variables as unset and trims the rest', () => {
    expect(optionalSetting.parse(undefined)).toBeUndefined();
    expect(optionalSetting.parse('   ')).toBeUndefined();
    expect(optionalSetting.parse(' 8787 ')).toBe('8787');
  });

  it('pause resolves early when aborted and never rejects', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(30_000);
    await expect(pause(1)).resolves.toBeUndefined();
  });
});
