import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** One stored entry: keyv's serialized value and, when it has a TTL, when it expires (ms since epoch). */
const EntrySchema = z.object({ value: z.string(), expires: z.number().optional() });
const FileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), EntrySchema) });

type Entry = z.infer<typeof EntrySchema>;

/** Options for {@link FileBacking}. */
export interface FileBackingOptions {
  /** How long to gather writes before saving, in ms. */
  flushDelayMs?: number;
  now?: () => number;
}

/**
 * A JSON file holding every namespace's entries, loaded once and saved atomically (write to a temporary
 * file, then rename) a short while after each change. One process owns the file; for several instances use
 * Redis. Expired entries are dropped when the file is loaded and saved.
 */
export class FileBacking {
  readonly path: string;
  private readonly entries = new Map<string, Entry>();
  private readonly flushDelayMs: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(path: string, options: FileBackingOptions = {}) {
    this.path = path;
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.now = options.now ?? Date.now;
    this.load();
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (error) {
      throw new Error(`store file ${this.path} is not valid JSON; move it away to start with an empty store`, { cause: error });
    }
    const parsed = FileSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`store file ${this.path} has an unknown format; move it away to start with an empty store`);
    }
    const now = this.now();
    for (const [key, entry] of Object.entries(parsed.data.entries)) {
      if (entry.expires === undefined || entry.expires > now) this.entries.set(key, entry);
    }
  }

  /** The live entry for `key`, dropping it when expired. */
  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry?.expires !== undefined && entry.expires <= this.now()) {
      this.entries.delete(key);
      this.schedule();
      return undefined;
    }
    return entry;
  }

  /** Stores `value` under `key`, expiring after `ttl` ms when given. */
  set(key: string, value: string, ttl?: number): void {
    this.entries.set(key, typeof ttl === 'number' && ttl > 0 ? { value, expires: this.now() + ttl } : { value });
    this.schedule();
  }

  /** Removes `key`; true when it existed. */
  delete(key: string): boolean {
    const existed = this.entries.delete(key);
    if (existed) this.schedule();
    return existed;
  }

  /** Removes every key starting with `prefix` (every key when the prefix is empty). */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flushDelayMs);
    this.timer.unref();
  }

  /** Writes the file now (atomically). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = this.now();
    const entries: Record<string, Entry> = {};
    for (const [key, entry] of this.entries) {
      if (entry.expires === undefined || entry.expires > now) entries[key] = entry;
    }
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, entries }), { mode: 0o600 });
    renameSync(temporary, this.path);
  }

  /** Saves pending changes and stops scheduling saves. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}

/**
 * A keyv storage adapter over a {@link FileBacking}. Keyv prefixes keys with its namespace; `clear` removes
 * only this namespace's keys, so several areas can share one file.
 */
export class FileStoreAdapter extends EventEmitter {
  readonly opts: { url: string };
  namespace: string | undefined;
  private readonly backing: FileBacking;

  constructor(backing: FileBacking) {
    super();
    this.backing = backing;
    this.opts = { url: `file:${backing.path}` };
  }

  private prefix(): string {
    return this.namespace ? `${this.namespace}:` : '';
  }

  /** keyv adapter: the serialized value for `key`. */
  async get<Value>(key: string): Promise<Value | undefined> {
    return this.backing.get(key)?.value as Value | undefined;
  }

  /** keyv adapter: stores a serialized value. */
  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.backing.set(key, value, ttl);
    return true;
  }

  /** keyv adapter: removes a key. */
  async delete(key: string): Promise<boolean> {
    return this.backing.delete(key);
  }

  /** keyv adapter: removes this namespace's keys. */
  async clear(): Promise<void> {
    this.backing.deletePrefix(this.prefix());
  }

  /** keyv adapter: whether a live key exists. */
  async has(key: string): Promise<boolean> {
    return this.backing.get(key) !== undefined;
  }

  /** keyv adapter: saves pending changes. The backing stays open for other namespaces. */
  async disconnect(): Promise<void> {
    this.backing.flush();
  }
}
