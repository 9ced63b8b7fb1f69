import { BoundedMap } from '../core/bounded-map.ts';
import type { StoreHealth } from './store-health.ts';

/** The part of a keyv storage adapter the guard wraps. */
export interface InnerStore {
  namespace?: string | undefined;
  get(key: string): Promise<unknown>;
  set(key: string, value: string, ttl?: number): Promise<unknown>;
  delete(key: string): Promise<boolean>;
  clear(): Promise<void>;
}

/** Options for {@link GuardedStore} and guardClaims (guarded-claims.ts). */
export interface GuardOptions {
  health: StoreHealth;
  /** Longest a store call may take before it counts as failed, in ms (default 2000). */
  timeoutMs?: number;
  /** First retry delay for failed writes, doubled up to {@link GuardOptions.maxRetryDelayMs} (default 250). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  now?: () => number;
}

/**
 * Writes kept for retry while the store fails. 10,000 entries of at most a few hundred bytes (language
 * choices, rate counters, check-ins) stay under a few MB; past that the oldest is dropped.
 */
const MAX_PENDING = 10_000;

type Pending = { op: 'set'; value: string; expiresAt: number | undefined } | { op: 'delete' };

function timeoutError(operation: string, ms: number): Error {
  return Object.assign(new Error(`store ${operation} took longer than ${ms} ms`), { code: 'ETIMEDOUT_STORE' });
}

/**
 * Runs `task` with a time limit; the late result is ignored. The task starts synchronously, within this call
 * (a synchronous store such as SQLite has written before the call returns; see guardClaims' `complete`).
 */
export async function withTimeout<T>(task: () => Promise<T>, ms: number, operation: string): Promise<T> {
  let started: Promise<T>;
  try {
    // First, before any other work: a synchronous write is then as close to its caller's cause as it can be.
    started = task();
  } catch (error) {
    started = Promise.reject(error);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(operation, ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([started, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A keyv storage adapter around another one, so store faults degrade instead of crashing or stalling:
 * every call has a time limit; a failed read answers "nothing stored"; a failed write is kept in memory
 * (reads see it) and retried with exponential backoff until the store takes it; each fault kind is
 * reported once to {@link StoreHealth}, which /healthz reads.
 */
export class GuardedStore {
  readonly opts: Record<string, unknown>;
  readonly #inner: Promise<InnerStore>;
  readonly #health: StoreHealth;
  readonly #timeoutMs: number;
  readonly #retryDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #now: () => number;
  readonly #pending = new BoundedMap<string, Pending>({ maxEntries: MAX_PENDING });
  #namespace: string | undefined;
  #delay: number;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(inner: InnerStore | Promise<InnerStore>, options: GuardOptions, opts: Record<string, unknown> = {}) {
    this.#inner = Promise.resolve(inner);
    this.#inner.catch(() => undefined);
    this.#health = options.health;
    this.#health.blockRecoveryWhile(() => this.#pending.size > 0);
    this.#timeoutMs = options.timeoutMs ?? 2000;
    this.#retryDelayMs = options.retryDelayMs ?? 250;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#delay = this.#retryDelayMs;
    this.opts = opts;
  }

  /** keyv sets the namespace on its store; it is passed on to the wrapped adapter. */
  get namespace(): string | undefined {
    return this.#namespace;
  }
  set namespace(value: string | undefined) {
    this.#namespace = value;
    void this.#inner.then((inner) => {
      inner.namespace = value;
    }, () => undefined);
  }

  async #call<T>(operation: string, task: (inner: InnerStore) => Promise<T>): Promise<T> {
    return withTimeout(async () => task(await this.#inner), this.#timeoutMs, operation);
  }

  /** keyv adapter: a pending write wins; a failed read answers undefined. */
  async get(key: string): Promise<unknown> {
    const pending = this.#pending.get(key);
    if (pending) {
      if (pending.op === 'delete') return undefined;
      if (pending.expiresAt !== undefined && pending.expiresAt <= this.#now()) return undefined;
      return pending.value;
    }
    try {
      const value = await this.#call('get', (inner) => inner.get(key));
      if (this.#pending.size === 0) this.#health.recovered();
      return value;
    } catch (error) {
      this.#health.fault(error, 'get');
      return undefined;
    }
  }

  /** keyv adapter: a failed write is kept and retried; answers true either way (the value is readable). */
  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? this.#now() + ttl : undefined;
    if (this.#pending.size > 0) {
      this.#keep(key, { op: 'set', value, expiresAt });
      return true;
    }
    try {
      await this.#call('set', (inner) => inner.set(key, value, ttl));
      this.#health.recovered();
    } catch (error) {
      this.#health.fault(error, 'set');
      this.#keep(key, { op: 'set', value, expiresAt });
    }
    return true;
  }

  /** keyv adapter: a failed delete is retried like a write. */
  async delete(key: string): Promise<boolean> {
    const had = this.#pending.has(key);
    if (this.#pending.size > 0) {
      this.#keep(key, { op: 'delete' });
      return had;
    }
    try {
      const deleted = await this.#call('delete', (inner) => inner.delete(key));
      this.#health.recovered();
      return deleted;
    } catch (error) {
      this.#health.fault(error, 'delete');
      this.#keep(key, { op: 'delete' });
      return had;
    }
  }

  /** keyv adapter: clears this namespace (pending writes of it are dropped). */
  async clear(): Promise<void> {
    const prefix = this.#namespace ? `${this.#namespace}:` : '';
    for (const [key] of this.#pending.entries()) if (key.startsWith(prefix)) this.#pending.delete(key);
    try {
      await this.#call('clear', (inner) => inner.clear());
    } catch (error) {
      this.#health.fault(error, 'clear');
    }
  }

  /** keyv adapter: whether a live key exists. */
  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  /** Writes waiting for the store to take them. */
  get pendingWrites(): number {
    return this.#pending.size;
  }

  #keep(key: string, entry: Pending): void {
    this.#pending.set(key, entry);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.retry();
    }, this.#delay);
    this.#timer.unref();
  }

  /** Replays pending writes in order; on the first failure waits twice as long (up to the maximum). */
  async retry(): Promise<void> {
    for (const [key, entry] of this.#pending.entries()) {
      if (this.#pending.get(key) !== entry) continue;
      try {
        if (entry.op === 'delete') await this.#call('delete', (inner) => inner.delete(key));
        else {
          const left = entry.expiresAt === undefined ? undefined : entry.expiresAt - this.#now();
          if (left === undefined || left > 0) await this.#call('set', (inner) => inner.set(key, entry.value, left));
        }
        if (this.#pending.get(key) === entry) this.#pending.delete(key);
      } catch (error) {
        this.#health.fault(error, 'retry');
        this.#delay = Math.min(this.#delay * 2, this.#maxRetryDelayMs);
        this.#schedule();
        return;
      }
    }
    this.#delay = this.#retryDelayMs;
    if (this.#pending.size === 0) this.#health.recovered();
    else this.#schedule();
  }

  /** Tries the pending writes once more, then stops retrying. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.size > 0) await this.retry().catch(() => undefined);
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  /** keyv adapter: closing is done by the storage. */
  async disconnect(): Promise<void> {}

  /** keyv adapter: errors are reported to StoreHealth instead of emitted. */
  on(): this {
    return this;
  }
}
