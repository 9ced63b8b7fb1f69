import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingError } from '../../src/core/settings.ts';
import { DEFAULT_MAX_BODY_BYTES, loadConfig, parseByteSize } from '../../src/service/config.ts';

const SECRET = 'x'.repeat(32);

function temporaryDir(): string {
  return mkdtempSync(join(tmpdir(), 'safeword-config-'));
}

function configError(env: NodeJS.ProcessEnv): SettingError {
  try {
    loadConfig({ SAFEWORD_SECRET: SECRET, ...env }, { cwd: temporaryDir() });
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError);
    return error as SettingError;
  }
  throw new Error('expected a SettingError');
}

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const cwd = temporaryDir();
    const config = loadConfig({ SAFEWORD_SECRET: SECRET }, { cwd });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      store: { kind: 'sqlite', path: join(cwd, '.data', 'store.sqlite'), importFrom: join(cwd, '.data', 'store.json') },
      secret: SECRET,
      secretSource: 'env',
      country: undefined,
      logLevel: 'info',
    });
  });

  it('parses every setting', () => {
    const config = loadConfig(
      { HOST: '0.0.0.0', PORT: '0', MAX_BODY_BYTES: '1m', STORE_URL: 'memory:', SAFEWORD_SECRET: SECRET, COUNTRY: 'gb', LOG_LEVEL: 'WARN' },
      { cwd: temporaryDir() },
    );
    expect(config).toMatchObject({ host: '0.0.0.0', port: 0, maxBodyBytes: 1024 * 1024, store: { kind: 'memory' }, country: 'GB', logLevel: 'warn' });
  });

  it('accepts sqlite:, file: (now SQLite beside the old JSON file, which is imported) and redis: store URLs', () => {
    const cwd = temporaryDir();
    const oldJson = join(cwd, '.data', 'store.json');
    expect(loadConfig({ STORE_URL: 'sqlite:state/s.sqlite', SAFEWORD_SECRET: SECRET }, { cwd }).store).toEqual({ kind: 'sqlite', path: join(cwd, 'state/s.sqlite'), importFrom: oldJson });
    expect(loadConfig({ STORE_URL: 'file:state/s.json', SAFEWORD_SECRET: SECRET }, { cwd }).store).toEqual({ kind: 'sqlite', path: join(cwd, 'state/s.sqlite'), importFrom: join(cwd, 'state/s.json') });
    expect(loadConfig({ STORE_URL: 'redis://localhost:6379', SAFEWORD_SECRET: SECRET }, { cwd }).store).toEqual({ kind: 'redis', url: 'redis://localhost:6379' });
  });

  it('loads the language data on first use unless PRELOAD_LANGUAGE_DATA is on', () => {
    const preload = (value: string | undefined) =>
      loadConfig({ SAFEWORD_SECRET: SECRET, ...(value === undefined ? {} : { PRELOAD_LANGUAGE_DATA: value }) }, { cwd: temporaryDir() }).preloadLanguageData;
    expect(preload(undefined)).toBe(false);
    expect(preload('1')).toBe(true);
    expect(preload('on')).toBe(true);
    expect(preload('0')).toBe(false);
    expect(configError({ PRELOAD_LANGUAGE_DATA: 'maybe' }).message).toMatch(/PRELOAD_LANGUAGE_DATA/);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', HOST: '  ', COUNTRY: '', SAFEWORD_SECRET: SECRET }, { cwd: temporaryDir() });
    expect(config.port).toBe(8787);
    expect(config.host).toBe('127.0.0.1');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MAX_BODY_BYTES: 'lots' }, 'MAX_BODY_BYTES'],
    [{ MAX_BODY_BYTES: '10' }, 'MAX_BODY_BYTES'],
    [{ STORE_URL: 'mongodb://x' }, 'STORE_URL'],
    [{ COUNTRY: 'China' }, 'COUNTRY'],
    [{ COUNTRY: 'ZZ' }, 'COUNTRY'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SAFEWORD_SECRET: 'short' }, 'SAFEWORD_SECRET'],
    [{ HOST: 'http://x' }, 'HOST'],
  ])('names the variable in the error for %o', (env, variable) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('requires a shared secret with Redis', () => {
    const error = (() => {
      try {
        loadConfig({ STORE_URL: 'redis://localhost:6379' }, { cwd: temporaryDir() });
      } catch (caught) {
        return caught as SettingError;
      }
      throw new Error('expected a SettingError');
    })();
    expect(error.variable).toBe('SAFEWORD_SECRET');
    expect(error.message).toMatch(/every instance/);
  });

  it('generates a secret once, stores it with mode 0600, and reuses it', () => {
    const cwd = temporaryDir();
    const first = loadConfig({}, { cwd });
    expect(first.secretSource).toBe('generated');
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/);
    const path = join(cwd, '.data', 'secret');
    expect(readFileSync(path, 'utf8').trim()).toBe(first.secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadConfig({}, { cwd });
    expect(second).toMatchObject({ secret: first.secret, secretSource: 'file' });
  });
});

describe('parseByteSize', () => {
  it.each([
    ['262144', 262144],
    ['256k', 262144],
    ['256KiB', 262144],
    ['2 MB', 2 * 1024 * 1024],
    ['1.5m', undefined],
    ['-1', undefined],
    ['12q', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseByteSize(input)).toBe(expected);
  });
});
