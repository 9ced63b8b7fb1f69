/** Options of {@link BoundedMap}. */
export interface BoundedMapOptions {
  /** Most entries kept; one more written forgets the oldest write first. */
  maxEntries: number;
  /** How long an entry answers after it was written, in milliseconds (default: until it is pushed out). */
  ttlMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

/**
 * A Map in write order with a bound and an optional time limit per entry: what a process remembers in its own
 * memory (the Details replies, the claims it made, the writes it owes the store, the users' Slack language).
 * Reading never reorders, so iteration is oldest write first (the order pending writes are replayed in).
 * Written here rather than taken from a package: lru-cache reorders on every get (which the replay order must
 * not), and the whole of it is one Map and about 40 lines.
 */
export class BoundedMap<Key, Value> {
  readonly #entries = new Map<Key, { value: Value; expires: number }>();
  readonly #options: BoundedMapOptions;
  readonly #now: () => number;

  /** An empty map with the bound and time limit of `options`. */
  constructor(options: BoundedMapOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Writes `value` under `key` as the newest entry, answering for `ttlMs` (default the map's) from now; then
   * forgets the oldest entries past the bound and the expired ones at the front.
   */
  set(key: Key, value: Value, ttlMs = this.#options.ttlMs ?? Number.POSITIVE_INFINITY): void {
    this.#entries.delete(key);
    const now = this.#now();
    this.#entries.set(key, { value, expires: now + ttlMs });
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.#options.maxEntries && entry.expires > now) break;
      this.#entries.delete(oldest);
    }
  }

  /** The value under `key`, or undefined when there is none or it expired (an expired entry is dropped). */
  get(key: Key): Value | undefined {
    return this.#live(key)?.value;
  }

  /** Whether `key` has an entry that has not expired (its value may be undefined). */
  has(key: Key): boolean {
    return this.#live(key) !== undefined;
  }

  /** Changes the value under `key` in place (same age and expiry), if it has not expired; returns whether it did. */
  replace(key: Key, value: Value): boolean {
    const entry = this.#live(key);
    if (entry) entry.value = value;
    return entry !== undefined;
  }

  /** Forgets `key`; returns whether it had an entry. */
  delete(key: Key): boolean {
    return this.#entries.delete(key);
  }

  /** Entries held, expired ones included until they are read or pushed out. */
  get size(): number {
    return this.#entries.size;
  }

  /** The keys and values that have not expired, oldest write first (a copy: changing the map meanwhile is safe). */
  entries(): [Key, Value][] {
    const now = this.#now();
    return [...this.#entries].filter(([, entry]) => entry.expires > now).map(([key, entry]) => [key, entry.value]);
  }

  #live(key: Key): { value: Value; expires: number } | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.expires > this.#now()) return entry;
    this.#entries.delete(key);
    return undefined;
  }
}
