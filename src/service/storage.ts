import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import type { Logger } from '../core/logger.ts';
import type { ServiceConfig } from './config.ts';
import { FileBacking, FileStoreAdapter } from './file-store.ts';

/** The service's key-value storage: one keyv namespace per area (llm cache, telegram, …), one backend. */
export interface Storage {
  /** A Keyv for one area; keys of different areas never collide, and `clear()` clears only that area. */
  area(name: string): Keyv;
  /** Human-readable description of the backend, for the start-up log (no credentials). */
  readonly description: string;
  /** Saves pending writes and closes connections. */
  close(): Promise<void>;
}

/** Options for {@link createStorage}. */
export interface StorageOptions {
  logger?: Logger;
  /** File store: how long to gather writes before saving, in ms. */
  flushDelayMs?: number;
}

const AREA_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Describes a Redis URL without its password. */
function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `redis ${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
}

/**
 * Opens the store the configuration names: the embedded file store (default, persists across restarts,
 * one process), an in-memory store, or Redis via @keyv/redis (several instances). Never holds message text.
 */
export function createStorage(config: Pick<ServiceConfig, 'store'>, options: StorageOptions = {}): Storage {
  const areas = new Map<string, Keyv>();
  const setting = config.store;
  const backing = setting.kind === 'file' ? new FileBacking(setting.path, { flushDelayMs: options.flushDelayMs ?? 200 }) : undefined;
  const redisAdapters: KeyvRedis<unknown>[] = [];
  const description =
    setting.kind === 'file' ? `file ${setting.path}` : setting.kind === 'memory' ? 'memory (not persisted)' : describeRedis(setting.url);

  function open(name: string): Keyv {
    if (setting.kind === 'redis') {
      const adapter = new KeyvRedis<unknown>(setting.url, { namespace: `safeword:${name}`, throwOnConnectError: false });
      redisAdapters.push(adapter);
      return new Keyv({ store: adapter, namespace: `safeword:${name}`, useKeyPrefix: false });
    }
    if (backing) return new Keyv({ store: new FileStoreAdapter(backing), namespace: name });
    return new Keyv({ store: new Map(), namespace: name });
  }

  return {
    description,
    area(name) {
      if (!AREA_NAME.test(name)) throw new Error(`store area "${name}" must be lower-case letters, digits and dashes`);
      let keyv = areas.get(name);
      if (!keyv) {
        keyv = open(name);
        keyv.on('error', (error: unknown) => options.logger?.error('store error', { area: name, error }));
        areas.set(name, keyv);
      }
      return keyv;
    },
    async close() {
      backing?.close();
      await Promise.allSettled(redisAdapters.map((adapter) => adapter.disconnect()));
    },
  };
}
