import { describe, expect, it } from 'vitest';
import { loadSlackConfig } from '../../../adapters/slack/config.ts';
import { SettingError } from '../../../src/core/settings.ts';

const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

function errorOf(env: Record<string, string>): SettingError {
  try {
    loadSlackConfig(env);
  } catch (error) {
    if (error instanceof SettingError) return error;
    throw error;
  }
  throw new Error('expected a SettingError');
}

describe('loadSlackConfig', () => {
  it('is off without SLACK_BOT_TOKEN (blank counts as unset)', () => {
    expect(loadSlackConfig({})).toBeUndefined();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: '  ', SLACK_SIGNING_SECRET: SECRET })).toBeUndefined();
  });

  it('takes the file host from SLACK_FILES_URL (its origin only); the bot token is sent nowhere else', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET })?.filesOrigins).toBeUndefined();
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_FILES_URL: 'http://127.0.0.1:5557/files-pri' })?.filesOrigins).toEqual(['http://127.0.0.1:5557']);
    expect(errorOf({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_FILES_URL: 'nope' }).message).toMatch(/^SLACK_FILES_URL: /);
  });

  it('reads HTTP mode with defaults 127.0.0.1:3000', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET })).toEqual({
      botToken: 'xoxb-1-abc',
      connection: { mode: 'http', signingSecret: SECRET, host: '127.0.0.1', port: 3000 },
    });
    expect(
      loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: '0', SLACK_HOST: '0.0.0.0', SLACK_API_URL: 'http://127.0.0.1:9/api' }),
    ).toEqual({
      botToken: 'xoxb-1-abc',
      connection: { mode: 'http', signingSecret: SECRET, host: '0.0.0.0', port: 0 },
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it('uses Socket Mode with SLACK_APP_TOKEN (no signing secret needed)', () => {
    expect(loadSlackConfig({ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xapp-1-def' })?.connection).toEqual({ mode: 'socket', appToken: 'xapp-1-def' });
  });

  it('names the variable of a missing or malformed setting', () => {
    const cases: [Record<string, string>, string][] = [
      [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc' }, 'SLACK_SIGNING_SECRET'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'short' }, 'SLACK_SIGNING_SECRET'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_APP_TOKEN: 'xoxb-wrong' }, 'SLACK_APP_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: '70000' }, 'SLACK_PORT'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: 'http' }, 'SLACK_PORT'],
      [{ SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'not a url' }, 'SLACK_API_URL'],
    ];
    for (const [env, variable] of cases) {
      const error = errorOf(env);
      expect(error).toBeInstanceOf(SettingError);
      expect(error.variable).toBe(variable);
      expect(error.message.startsWith(`${variable}: `)).toBe(true);
      for (const [name, value] of Object.entries(env)) if (/TOKEN|SECRET/.test(name)) expect(error.message).not.toContain(value);
    }
  });
});
