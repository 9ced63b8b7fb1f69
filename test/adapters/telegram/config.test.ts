import { describe, expect, it } from 'vitest';
import { loadTelegramConfig } from '../../../adapters/telegram/config.ts';
import { SettingError } from '../../../src/core/settings.ts';

const TOKEN = '123456789:AAEexampleexampleexampleexample123';

function errorOf(env: Record<string, string>): SettingError {
  try {
    loadTelegramConfig(env);
  } catch (error) {
    return error as SettingError;
  }
  throw new Error('expected a configuration error');
}

describe('Telegram configuration', () => {
  it('is off without a token', () => {
    expect(loadTelegramConfig({})).toBeUndefined();
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: '  ' })).toBeUndefined();
  });

  it('defaults to long polling with the default limits', () => {
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(config?.webhook).toBeUndefined();
    expect(config?.apiRoot).toBeUndefined();
    expect(config?.features.userChecksPerWindow).toBe(20);
  });

  it('reads the webhook, API root and limits', () => {
    const config = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook',
      TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnop_-',
      TELEGRAM_WEBHOOK_LISTEN: '0.0.0.0:9000',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_USER_CHECKS_PER_MINUTE: '5',
      TELEGRAM_BURST_MS: '1500',
      TELEGRAM_MAX_DOCUMENT_KB: '64',
      TELEGRAM_CHECKIN_TIMEOUT_MINUTES: '3',
    });
    expect(config?.webhook).toEqual({ url: 'https://bot.example.org/tg/hook', secret: 'abcdefghijklmnop_-', host: '0.0.0.0', port: 9000, path: '/tg/hook' });
    expect(config?.apiRoot).toBe('http://127.0.0.1:8081');
    expect(config?.features).toMatchObject({ userChecksPerWindow: 5, burstWindowMs: 1500, maxDocumentBytes: 65536, checkinTimeoutMs: 180_000 });
  });

  it('names the variable in every error', () => {
    expect(errorOf({ TELEGRAM_BOT_TOKEN: 'nope' }).variable).toBe('TELEGRAM_BOT_TOKEN');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/h' }).message).toMatch(/^TELEGRAM_WEBHOOK_SECRET: must be set/);
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/h', TELEGRAM_WEBHOOK_SECRET: 'bad secret!' }).variable).toBe('TELEGRAM_WEBHOOK_SECRET');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'not a url' }).variable).toBe('TELEGRAM_WEBHOOK_URL');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnopqrs' }).variable).toBe('TELEGRAM_WEBHOOK_SECRET');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'ftp://x' }).variable).toBe('TELEGRAM_API_ROOT');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_BURST_MS: '-1' }).variable).toBe('TELEGRAM_BURST_MS');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/h', TELEGRAM_WEBHOOK_SECRET: 'abcdefghijklmnopqrs', TELEGRAM_WEBHOOK_LISTEN: 'host:99999' }).variable).toBe('TELEGRAM_WEBHOOK_LISTEN');
    expect(errorOf({ TELEGRAM_BOT_TOKEN: 'nope' })).toBeInstanceOf(SettingError);
  });
});
