import Keyv from 'keyv';
import type { Logger } from '../core/logger.ts';
import { createClaims, createMemoryClaims, type Claims, type LeaseOwner } from '../core/claims.ts';
import type { StoreSetting } from './config.ts';
import { guardClaims } from './guarded-claims.ts';
import { GuardedStore } from './guarded-store.ts';
import type { RedisBackend } from './redis-store.ts';
import { SqliteDatabase, SqliteStoreAdapter } from './sqlite-store.ts';
import { StoreHealth, type StoreFaultKind, type StoreHealthState } from './store-health.ts';

/** The service's key-value storage: one keyv namespace per area (llm cache, telegram, …), one backend. */
export interface Storage {
  /** A Keyv for one area; keys of different areas never collide, and `clear()` clears only that area. */
  area(name: string): Keyv;
  /** Atomic claims for one area, shared with every process on the same store. */
  claims(name: string): Claims;
  /** Human-readable description of the backend, for the start-up log (no credentials). */
  readonly description: string;
  /** ok, or degraded with the fault kinds (for /healthz). */
  health(): StoreHealthState;
  /**
   * Resolves once the backend can answer (Redis connected), or after `waitMs` (default 5 s) without: adapters
   * started before would fall back to per-process claims for their first updates.
   */
  ready(waitMs?: number): Promise<void>;
  /** Retries pending writes once and closes connections. */
  close(): Promise<void>;
}

/** Options for {@link createStorage}. */
export interface StorageOptions {
  logger?: Logger;
  /** Called for every failed store call (metrics). */
  onFault?: (kind: StoreFaultKind) => void;
  /** Longest a store call may take, in ms (default 2000). */
  timeoutMs?: number;
  /** First retry delay of failed writes, in ms (default 250). */
  retryDelayMs?: number;
  /** SQLite: largest database in pages (tests use it to make the disk "full"). */
  sqliteMaxPageCount?: number;
  /** SQLite: who holds this storage's leases (default: this process; tests give a restart in-process another start). */
  owner?: LeaseOwner;
}

const AREA_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Describes a Redis URL without its password. */
function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `redis ${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
}

/**
 * Opens the store the configuration names: the embedded SQLite file (default; several processes may share
 * it), an in-memory store, or Redis (several hosts; its client is loaded only then). Every call of the
 * SQLite and Redis stores goes through {@link GuardedStore}: time limits, retried writes, health. Never
 * holds message text.
 */
export function createStorage(config: { store: StoreSetting }, options: StorageOptions = {}): Storage {
  const areas = new Map<string, Keyv>();
  const claimsByArea = new Map<string, Claims>();
  const guards: GuardedStore[] = [];
  const setting = config.store;
  const health = new StoreHealth(options.logger, options.onFault);
  const guardOptions = {
    health,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
  };
  const sqlite =
    setting.kind === 'sqlite'
      ? new SqliteDatabase(setting.path, {
          ...(setting.importFrom ? { importFrom: setting.importFrom } : {}),
          ...(options.sqliteMaxPageCount !== undefined ? { maxPageCount: options.sqliteMaxPageCount } : {}),
        })
      : undefined;
  if (sqlite?.imported) options.logger?.info('imported the old JSON store', { entries: sqlite.imported.imported, renamedTo: sqlite.imported.renamedTo });
  let redis: Promise<RedisBackend> | undefined;
  if (setting.kind === 'redis') {
    redis = import('./redis-store.ts').then((module) => module.openRedis(setting.url, health));
    redis.catch((error: unknown) => health.fault(error, 'connect'));
  }
  const description =
    setting.kind === 'sqlite' ? `sqlite ${setting.path}` : setting.kind === 'memory' ? 'memory (not persisted)' : describeRedis(setting.url);

  function open(name: string): Keyv {
    if (redis) {
      const backend = redis;
      const guard = new GuardedStore(backend.then((opened) => opened.adapter(`safeword:${name}`)), guardOptions, { url: description });
      guards.push(guard);
      return new Keyv({ store: guard, namespace: `safeword:${name}`, useKeyPrefix: false });
    }
    if (sqlite) {
      const guard = new GuardedStore(new SqliteStoreAdapter(sqlite), guardOptions, { url: description });
      guards.push(guard);
      return new Keyv({ store: guard, namespace: name });
    }
    return new Keyv({ store: new Map(), namespace: name });
  }

  function openClaims(name: string): Claims {
    if (redis) return guardClaims(redis.then((opened) => opened.claims(name)), guardOptions);
    if (sqlite) {
      const database = sqlite;
      const key = (inner: string): string => `${name}:${inner}`;
      const claims = createClaims({
        insert: async (inner, value, ttlMs) => database.insertClaim(key(inner), value, ttlMs),
        swap: async (inner, expected, value, ttlMs) => database.swapClaim(key(inner), expected, value, ttlMs),
        put: async (inner, value, ttlMs) => database.putClaim(key(inner), value, ttlMs),
        remove: async (inner) => database.release(key(inner)),
        increment: async (inner, ttlMs) => database.increment(key(inner), ttlMs),
        addMember: async (set, member) => database.addMember(key(set), member),
        removeMember: async (set, member) => database.removeMember(key(set), member),
        members: async (set) => database.members(key(set)),
      }, options.owner ? { owner: options.owner } : {});
      return guardClaims(claims, guardOptions);
    }
    return createMemoryClaims();
  }

  const checkName = (name: string): void => {
    if (!AREA_NAME.test(name)) throw new Error(`store area "${name}" must be lower-case letters, digits and dashes`);
  };

  return {
    description,
    area(name) {
      checkName(name);
      let keyv = areas.get(name);
      if (!keyv) {
        keyv = open(name);
        keyv.on('error', (error: unknown) => options.logger?.error('store error', { area: name, error: error instanceof Error ? error.name : 'unknown' }));
        areas.set(name, keyv);
      }
      return keyv;
    },
    claims(name) {
      checkName(name);
      let claims = claimsByArea.get(name);
      if (!claims) {
        claims = openClaims(name);
        claimsByArea.set(name, claims);
      }
      return claims;
    },
    health: () => health.state(),
    async ready(waitMs = 5000) {
      if (redis) await redis.then((backend) => backend.ready(waitMs), () => undefined);
    },
    async close() {
      await Promise.allSettled(guards.map((guard) => guard.close()));
      sqlite?.close();
      if (redis) await redis.then((backend) => backend.close(), () => undefined);
    },
  };
}
