import { randomBytes } from 'node:crypto';
import { BoundedMap } from './bounded-map.ts';
import type { Peers } from './peers.ts';

/** Options of {@link createDetailsCache}. */
export interface DetailsCacheOptions {
  /** How long an entry answers, in milliseconds. */
  ttlMs: number;
  /** Most entries kept; the oldest goes first when one more is added. */
  maxEntries: number;
  /** The clock (tests). */
  now?: () => number;
  /** A use (`get`) keeps the entry for another full `ttlMs` (Telegram: Details and Less go back and forth). */
  renewOnUse?: boolean;
  /** This worker's name ({@link Peers.self}): keys start with it, so any worker can tell whose entry a key is. */
  owner?: string;
}

/** The full replies behind "Details" buttons, in this process's memory only, each for a limited time. */
export interface DetailsCache<Value> {
  /**
   * Keeps `value` under a new random key and returns the key: 24 hex characters, after `<owner>-` when the
   * cache has an owner (at most 30 characters: fits a button's custom id or callback data).
   */
  add(value: Value): string;
  /** Replaces the value under `key` (a refined reply) if it is still there; its expiry stays. */
  replace(key: string, value: Value): void;
  /** The value under `key`, or undefined once it expired or was pushed out (renewed when `renewOnUse`). */
  get(key: string): Value | undefined;
  /** Entries held now (expired ones included until the next add). */
  size(): number;
}

/** Default lifetime of a Details button: long enough to read the short reply, short enough to hold little. */
export const DEFAULT_DETAILS_TTL_MS = 30 * 60_000;
/** Default bound: about 3 KB a reply, so at most ~6 MB of memory. */
export const DEFAULT_DETAILS_ENTRIES = 2000;

/** A details key: an optional owner (letters and digits) and 24 hex characters. */
const KEY = /^(?:([0-9a-z]{1,4})-)?[0-9a-f]{24}$/;

/** The worker that made `key` (its {@link DetailsCacheOptions.owner}), or undefined for a key without owner or not a key at all. */
export function detailsKeyOwner(key: string): string | undefined {
  return KEY.exec(key)?.[1];
}

/** Whether `key` has the shape of a details key (for parsing button data). */
export function isDetailsKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * A bounded in-memory cache with expiry (a {@link BoundedMap}), for the full reply a Details button shows.
 * Nothing is written to the adapters' store (which may be SQLite or Redis): the details quote the checked
 * message, and message text is never persisted.
 */
export function createDetailsCache<Value>(options: DetailsCacheOptions): DetailsCache<Value> {
  const prefix = options.owner === undefined ? '' : `${options.owner}-`;
  // Every entry lives ttlMs from its last write (a renewed entry is written again), so the map's write
  // order is expiry order and expired entries go from the front as new ones come.
  const entries = new BoundedMap<string, Value>({ maxEntries: options.maxEntries, ttlMs: options.ttlMs, ...(options.now ? { now: options.now } : {}) });
  return {
    add(value) {
      const key = `${prefix}${randomBytes(12).toString('hex')}`;
      entries.set(key, value);
      return key;
    },
    replace(key, value) {
      entries.replace(key, value);
    },
    get(key) {
      const value = entries.get(key);
      if (value !== undefined && options.renewOnUse) entries.set(key, value);
      return value;
    },
    size: () => entries.size,
  };
}

/**
 * The value behind a Details key wherever it is held: in this worker's cache, else (a key another worker
 * made) in that worker's, asked over `peers` under `topic`. Undefined when neither has it.
 */
export async function findDetails<Value>(cache: DetailsCache<Value>, key: string, peers: Peers | undefined, topic: string): Promise<Value | undefined> {
  const local = cache.get(key);
  if (local !== undefined) return local;
  const owner = detailsKeyOwner(key);
  if (!peers || owner === undefined || owner === peers.self) return undefined;
  return (await peers.ask(owner, topic, key)) as Value | undefined;
}

/** Answers other workers' {@link findDetails} for keys of this worker's cache; returns a function that stops it. */
export function serveDetails<Value>(cache: DetailsCache<Value>, peers: Peers | undefined, topic: string): () => void {
  if (!peers) return () => undefined;
  return peers.serve(topic, (key) => (typeof key === 'string' ? cache.get(key) : undefined));
}
