import { COUNTRIES, parseCountryCode } from '../core/countries.ts';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../core/request.ts';
import { optionalSetting, parseByteSize, parsePort, SettingError } from '../core/settings.ts';
import { loadImageLimits } from '../image/image-settings.ts';
import type { ImageLimits } from '../image/image-limits.ts';

/** Log levels, most verbose first; `silent` turns logging off. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where adapter state and caches live. */
export type StoreSetting =
  | { kind: 'sqlite'; path: string; importFrom?: string }
  | { kind: 'memory' }
  | { kind: 'redis'; url: string };

/** The service settings, parsed once at start-up. */
export interface ServiceConfig {
  host: string;
  port: number;
  /** Largest accepted HTTP request body, in bytes. */
  maxBodyBytes: number;
  store: StoreSetting;
  /** Key for keyed hashes (cache keys, de-duplication); never logged. */
  secret: string;
  /** Where the secret came from: the environment, a file under the data folder, or generated just now. */
  secretSource: 'env' | 'file' | 'generated';
  /** ISO country code for report contacts, or undefined for the rules' default. */
  country: string | undefined;
  logLevel: LogLevel;
  /** Folder for the embedded store and the generated secret. */
  dataDir: string;
  /** Host names (besides localhost and IP addresses) the API and page answer to; PUBLIC_HOSTS. */
  publicHosts: string[];
  /** Checks in flight at once per process before 503; MAX_CHECKS_IN_FLIGHT. */
  maxChecksInFlight: number;
  /** HTTP worker processes; WEB_CONCURRENCY (default: one per CPU core). */
  webConcurrency: number;
  /** Load the language detector and the Traditional converter at start-up instead of on first use; PRELOAD_LANGUAGE_DATA. */
  preloadLanguageData: boolean;
  /** Screenshot limits (IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS, IMAGE_TIMEOUT_SECONDS, IMAGE_CONCURRENCY, …). */
  imageLimits: ImageLimits;
}

/**
 * Default largest request body: the longest text the API takes (200,000 characters) in the widest form a
 * JSON body normally has it, 3 bytes per character (Chinese in UTF-8), plus 64 KiB for the JSON around it
 * and the other fields: 665,536 bytes.
 */
export const DEFAULT_MAX_BODY_BYTES = MAX_TEXT_LENGTH * 3 + 64 * 1024;

/** Parses "262144", "256k", "256KiB" or "1m" into bytes (moved to core/settings.ts, shared with the image limits). */
export { parseByteSize };


const EnvSchema = z.object({
  HOST: optionalSetting,
  PORT: optionalSetting,
  MAX_BODY_BYTES: optionalSetting,
  STORE_URL: optionalSetting,
  SAFEWORD_SECRET: optionalSetting,
  SAFEWORD_DATA_DIR: optionalSetting,
  COUNTRY: optionalSetting,
  LOG_LEVEL: optionalSetting,
  PUBLIC_HOSTS: optionalSetting,
  MAX_CHECKS_IN_FLIGHT: optionalSetting,
  WEB_CONCURRENCY: optionalSetting,
  PRELOAD_LANGUAGE_DATA: optionalSetting,
});

function parsePublicHosts(value: string | undefined): string[] {
  if (value === undefined) return [];
  const hosts = value.split(',').map((host) => host.trim().toLowerCase()).filter((host) => host !== '');
  for (const host of hosts) {
    if (!/^[a-z0-9.-]+$/.test(host)) throw new SettingError('PUBLIC_HOSTS', `"${host}" is not a host name; use e.g. safeword.example.org (comma-separated, no scheme or port)`);
  }
  return hosts;
}

function parseCount(variable: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(count) || count < 1 || count > max) throw new SettingError(variable, `"${value}" is not a whole number from 1 to ${max}; unset it for ${fallback}`);
  return count;
}

function parseSwitch(variable: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const word = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(word)) return false;
  throw new SettingError(variable, `"${value}" is not on or off; use 1 or 0, or unset it for off`);
}

function parseMaxBody(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BODY_BYTES;
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes < 1024) {
    throw new SettingError('MAX_BODY_BYTES', `"${value}" is not a size of at least 1024 bytes; use e.g. 262144, 256k or 1m, or unset it for 256k`);
  }
  return bytes;
}

function parseStore(value: string | undefined, dataDir: string, cwd: string): StoreSetting {
  const oldJson = join(dataDir, 'store.json');
  if (value === undefined) return { kind: 'sqlite', path: join(dataDir, 'store.sqlite'), importFrom: oldJson };
  if (value === 'memory' || value === 'memory:') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new SettingError('STORE_URL', 'sqlite: needs a path, e.g. sqlite:.data/store.sqlite');
    return { kind: 'sqlite', path: resolve(cwd, path), importFrom: oldJson };
  }
  if (value.startsWith('file:')) {
    // The JSON file store was replaced by SQLite: file:x.json now means x.sqlite beside it, x.json imported once.
    const path = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new SettingError('STORE_URL', 'file: needs a path; use sqlite:.data/store.sqlite');
    const json = resolve(cwd, path);
    return { kind: 'sqlite', path: json.replace(/\.json$/i, '') + '.sqlite', importFrom: json };
  }
  if (/^rediss?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch (error) {
      throw new SettingError('STORE_URL', 'is not a valid redis:// URL, e.g. redis://localhost:6379', { cause: error });
    }
    return { kind: 'redis', url: value };
  }
  throw new SettingError(
    'STORE_URL',
    'unsupported store; leave it empty for the embedded SQLite store, or use sqlite:<path>, memory: or redis://host:6379',
  );
}

function parseCountry(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const country = parseCountryCode(value);
  if (!country) {
    throw new SettingError('COUNTRY', `"${value}" is not a country with report contacts; use one of ${COUNTRIES.join(', ')}, or unset it`);
  }
  return country;
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined) return 'info';
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new SettingError('LOG_LEVEL', `"${value}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return level as LogLevel;
}

/**
 * Uses SAFEWORD_SECRET when set; otherwise reads the secret kept in <dataDir>/secret, or generates one and
 * stores it there (mode 0600) so hashes stay stable across restarts. Several instances sharing a Redis store
 * must share one secret, so it is required then.
 */
function resolveSecret(
  value: string | undefined,
  dataDir: string,
  store: StoreSetting,
): { secret: string; secretSource: ServiceConfig['secretSource'] } {
  if (value !== undefined) {
    if (value.length < 16) {
      throw new SettingError('SAFEWORD_SECRET', 'is shorter than 16 characters; use a long random value (openssl rand -hex 32), or unset it to have one generated');
    }
    return { secret: value, secretSource: 'env' };
  }
  if (store.kind === 'redis') {
    throw new SettingError('SAFEWORD_SECRET', 'must be set when STORE_URL is a Redis URL, to the same random value on every instance (openssl rand -hex 32)');
  }
  const path = join(dataDir, 'secret');
  try {
    if (existsSync(path)) {
      const stored = readFileSync(path, 'utf8').trim();
      if (stored.length >= 16) return { secret: stored, secretSource: 'file' };
    }
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString('hex');
    try {
      // 'wx': another process starting at the same moment may have written one first; then use that.
      writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      const stored = (error as NodeJS.ErrnoException).code === 'EEXIST' ? readFileSync(path, 'utf8').trim() : '';
      if (stored.length >= 16) return { secret: stored, secretSource: 'file' };
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      writeFileSync(path, `${secret}\n`, { mode: 0o600 }); // an empty or broken file: replace it
    }
    chmodSync(path, 0o600);
    return { secret, secretSource: 'generated' };
  } catch (error) {
    throw new SettingError(
      'SAFEWORD_SECRET',
      `is not set and ${path} cannot be read or written (${(error as Error).message}); set SAFEWORD_SECRET or SAFEWORD_DATA_DIR to a writable folder`,
      { cause: error },
    );
  }
}

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Base folder for a relative SAFEWORD_DATA_DIR and the default `.data`; defaults to the working directory. */
  cwd?: string;
}

/**
 * Parses the service settings from the environment, once at start-up. Throws a {@link SettingError} naming
 * the variable and how to fix it. LLM and platform settings are parsed by their own modules.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadConfigOptions = {}): ServiceConfig {
  const parsed = EnvSchema.parse(env);
  const cwd = options.cwd ?? process.cwd();
  const dataDirSetting = parsed.SAFEWORD_DATA_DIR ?? '.data';
  const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : resolve(cwd, dataDirSetting);
  const store = parseStore(parsed.STORE_URL, dataDir, cwd);
  const host = parsed.HOST ?? '127.0.0.1';
  if (/\s|\//.test(host)) throw new SettingError('HOST', `"${host}" is not a host name or address; use e.g. 127.0.0.1 or 0.0.0.0`);
  return {
    host,
    port: parsePort('PORT', parsed.PORT, 8787, 'set PORT to a number from 1 to 65535 (0 picks a free port), or unset it for 8787'),
    maxBodyBytes: parseMaxBody(parsed.MAX_BODY_BYTES),
    store,
    ...resolveSecret(parsed.SAFEWORD_SECRET, dataDir, store),
    country: parseCountry(parsed.COUNTRY),
    logLevel: parseLogLevel(parsed.LOG_LEVEL),
    dataDir,
    publicHosts: parsePublicHosts(parsed.PUBLIC_HOSTS),
    maxChecksInFlight: parseCount('MAX_CHECKS_IN_FLIGHT', parsed.MAX_CHECKS_IN_FLIGHT, 64, 100_000),
    webConcurrency: parseCount('WEB_CONCURRENCY', parsed.WEB_CONCURRENCY, availableParallelism(), 256),
    preloadLanguageData: parseSwitch('PRELOAD_LANGUAGE_DATA', parsed.PRELOAD_LANGUAGE_DATA),
    imageLimits: loadImageLimits(env),
  };
}
