import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED } from '../../src/service/logger.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const API_KEY = 'local-key-with-"quotes"-and/slashes';

function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets: [TOKEN, API_KEY, undefined, ''], write: (line) => lines.push(line) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, message and fields', () => {
    const { logger, lines } = capture();
    logger.info('server listening', { port: 8787 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ level: 'info', msg: 'server listening', port: 8787 });
  });

  it('drops lines below the configured level, and everything when silent', () => {
    const warn = capture('warn');
    warn.logger.debug('a');
    warn.logger.info('b');
    warn.logger.warn('c');
    warn.logger.error('d');
    expect(warn.lines.map((line) => JSON.parse(line).msg)).toEqual(['c', 'd']);
    const silent = capture('silent');
    silent.logger.error('x');
    expect(silent.lines).toEqual([]);
  });

  it('never writes a configured secret, wherever it appears', () => {
    const { logger, lines } = capture();
    logger.info(`calling https://api.telegram.org/bot${TOKEN}/getMe`);
    logger.warn('request failed', {
      url: `https://api.telegram.org/bot${encodeURIComponent(TOKEN)}/sendMessage`,
      headers: { authorization: `Bearer ${API_KEY}` },
      nested: [{ deep: { key: API_KEY } }],
      error: new Error(`401 for key ${API_KEY}`, { cause: new Error(`token ${TOKEN} revoked`) }),
    });
    const output = lines.join('');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(TOKEN.split(':')[1]);
    expect(output).not.toContain(API_KEY);
    expect(output).not.toContain(JSON.stringify(API_KEY).slice(1, -1));
    expect(output).not.toContain(encodeURIComponent(API_KEY));
    expect(output).toContain(REDACTED);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(JSON.parse(lines[1] as string).error.cause.message).toBe(`token ${REDACTED} revoked`);
  });

  it('redacts credential-shaped tokens even when not configured', () => {
    const { logger, lines } = capture();
    logger.error('oops', { detail: 'key sk-abcdefghijklmnopqrstuvwx and bot 987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' });
    expect(lines[0]).not.toContain('sk-abcdefghijklmnopqrstuvwx');
    expect(lines[0]).not.toContain('987654321:ZZHdq');
  });

  it('survives circular fields', () => {
    const { logger, lines } = capture();
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    logger.info('circular', { circular, big: 10n });
    expect(JSON.parse(lines[0] as string)).toMatchObject({ circular: { name: 'loop', self: '[circular]' }, big: '10' });
  });
});
