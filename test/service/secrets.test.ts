import { describe, expect, it } from 'vitest';
import { secretsFromEnv } from '../../src/service/secrets.ts';

describe('secretsFromEnv', () => {
  it('collects credentials by variable name and passwords inside URLs', () => {
    const secrets = secretsFromEnv({
      TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
      LLM_API_KEY: 'local-key-1234',
      SAFEWORD_SECRET: 'a'.repeat(32),
      SLACK_SIGNING_SECRET: 'signing-secret-value',
      STORE_URL: 'redis://:p%40ss-word@localhost:6379',
      DB_PASSWORD: 'hunter22',
      PORT: '8787',
      HOME: '/root',
      LLM_MODEL: 'qwen2.5',
      EMPTY_TOKEN: '',
    });
    expect(secrets).toEqual(
      expect.arrayContaining([
        '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
        'local-key-1234',
        'a'.repeat(32),
        'signing-secret-value',
        'p%40ss-word',
        'p@ss-word',
        'hunter22',
      ]),
    );
    expect(secrets).not.toContain('8787');
    expect(secrets).not.toContain('/root');
    expect(secrets).not.toContain('qwen2.5');
  });
});
