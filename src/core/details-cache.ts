import { randomBytes } from 'node:crypto';

/** Options of {@link createDetailsCache}. */
export interface DetailsCacheOptions {
  /** How long an entry answers, in milliseconds. */
  ttlMs: number;
  /** Most entries kept; the oldest goes first when one more is added. */
  maxEntries: number;
  /** The clock (tests). */
  now?: () => number;
}

/** The full replies behind "Details" buttons, in this process's memory only, each for a limited time. */
export interface DetailsCache<Value> {
  /** Keeps `value` under a new random key (24 hex characters, fits a button's custom id) and returns the key. */
  add(value: Value): string;
  /** Replaces the value under `key` (a refined reply) if it is still there; its expiry stays. */
  replace(key: string, value: Value): void;
  /** The value under `key`, or undefined once it expired or was pushed out. */
  get(key: string): Value | undefined;
  /** Entries held now (expired ones included until the next add). */
  size(): number;
}

/** Default lifetime of a Details button: long enough to read the short reply, short enough to hold little. */
export const DEFAULT_DETAILS_TTL_MS = 30 * 60_000;
/** Default bound: about 3 KB a reply, so at most ~6 MB of memory. */
export const DEFAULT_DETAILS_ENTRIES = 2000;

/**
 * A bounded in-memory cache with expiry, for the full reply a Details button shows. Nothing is written to
 * the adapters' store (which may be SQLite or Redis): the details quote the checked message, and message
 * text is never persisted. Written here rather than taken from a package: no LRU/TTL cache is among the
 * dependencies, and these 40 lines (a Map in insertion order, pruned on add) are all that is needed.
 */
export function createDetailsCache<Value>(options: DetailsCacheOptions): DetailsCache<Value> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: Value; expires: number }>();
  const prune = (): void => {
    const time = now();
    // Insertion order is expiry order (every entry lives ttlMs), so expired entries are at the front.
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size < options.maxEntries) break;
      entries.delete(key);
    }
  };
  return {
    add(value) {
      prune();
      const key = randomBytes(12).toString('hex');
      entries.set(key, { value, expires: now() + options.ttlMs });
      return key;
    },
    replace(key, value) {
      const entry = entries.get(key);
      if (entry && entry.expires > now()) entry.value = value;
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    size: () => entries.size,
  };
}
