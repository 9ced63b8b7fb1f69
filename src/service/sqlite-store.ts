import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { z } from 'zod';

/** One entry of the old JSON file store (`.data/store.json`, format version 1). */
const JsonEntrySchema = z.object({ value: z.string(), expires: z.number().optional() });
const JsonFileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), JsonEntrySchema) });

/** Options for {@link SqliteDatabase}. */
export interface SqliteOptions {
  /** How long a write waits for another process's write lock, in ms (SQLite busy timeout; default 2000). */
  busyTimeoutMs?: number;
  /** An old JSON store to import once (then renamed to `<path>.imported`). */
  importFrom?: string;
  now?: () => number;
  /** Largest database size in pages (tests: a tiny value makes writes fail with "database or disk is full"). */
  maxPageCount?: number;
}

/** What {@link SqliteDatabase} found to import at start-up. */
export interface ImportResult {
  imported: number;
  renamedTo: string;
}

/** Key prefix of claims; keyv keys start with an area name (`[a-z]…`), so the two never meet. */
const CLAIM_PREFIX = '~claim:';
/** Key prefix of set members (`~set:<name>:<member>`; the range `<name>:` to `<name>;` lists them). */
const SET_PREFIX = '~set:';

/**
 * The embedded store: one SQLite file through Node's built-in `node:sqlite` (real SQLite, no native build),
 * in WAL mode with a busy timeout, so several processes can read and write one file safely. One table
 * `kv(key, value, expires)`; expired rows are invisible to reads and swept every few minutes. Every write
 * is committed before the call returns, so nothing written is lost to a kill -9.
 */
export class SqliteDatabase {
  readonly path: string;
  /** Set when an old JSON store was imported while opening. */
  readonly imported: ImportResult | undefined;
  private readonly db: DatabaseSync;
  private readonly now: () => number;
  private readonly statements: {
    get: StatementSync;
    set: StatementSync;
    delete: StatementSync;
    clear: StatementSync;
    claim: StatementSync;
    value: StatementSync;
    swap: StatementSync;
    increment: StatementSync;
    members: StatementSync;
    sweep: StatementSync;
  };
  private sweepTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(path: string, options: SqliteOptions = {}) {
    this.path = path;
    this.now = options.now ?? Date.now;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.db = new DatabaseSync(path, { timeout: options.busyTimeoutMs ?? 2000 });
    // Several workers open one new file at once (npm start, WEB_CONCURRENCY): switching it to WAL and creating
    // the table take a write lock, and SQLite answers "database is locked" without waiting for some of those
    // locks (CI saw one of two workers fail to start that way under load). Tried 21 times, ~6 s of pauses in all.
    openWithRetry(() => {
      this.db.exec('PRAGMA journal_mode = WAL');
      this.db.exec('PRAGMA synchronous = NORMAL');
      if (options.maxPageCount !== undefined) this.db.exec(`PRAGMA max_page_count = ${Math.floor(options.maxPageCount)}`);
      this.db.exec('CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER) WITHOUT ROWID');
      this.db.exec('CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL');
    });
    this.statements = {
      get: this.db.prepare('SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
      set: this.db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires'),
      delete: this.db.prepare('DELETE FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
      clear: this.db.prepare('DELETE FROM kv WHERE substr(key, 1, length(?)) = ?'),
      // ON CONFLICT DO NOTHING, except that an expired row is taken over: one statement, so it is atomic
      // across processes (SQLite serializes writers); `changes` is 1 only for the caller that won.
      claim: this.db.prepare(
        'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires WHERE kv.expires IS NOT NULL AND kv.expires <= ?',
      ),
      value: this.db.prepare('SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
      // Compare-and-set: one statement, so no other process writes between the comparison and the update.
      swap: this.db.prepare('UPDATE kv SET value = ?, expires = ? WHERE key = ? AND value = ? AND (expires IS NULL OR expires > ?)'),
      // An expired counter starts again at 1 with a new expiry; a live one keeps its expiry.
      increment: this.db.prepare(
        `INSERT INTO kv (key, value, expires) VALUES (?, '1', ?) ON CONFLICT (key) DO UPDATE SET
           value = CASE WHEN kv.expires IS NOT NULL AND kv.expires <= ? THEN '1' ELSE CAST(CAST(kv.value AS INTEGER) + 1 AS TEXT) END,
           expires = CASE WHEN kv.expires IS NOT NULL AND kv.expires <= ? THEN excluded.expires ELSE kv.expires END
         RETURNING value`,
      ),
      members: this.db.prepare('SELECT key FROM kv WHERE key >= ? AND key < ?'),
      sweep: this.db.prepare('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?'),
    };
    this.imported = options.importFrom ? this.importJson(options.importFrom) : undefined;
    this.sweepTimer = setInterval(() => {
      try {
        this.sweep();
      } catch {
        // A full disk or a busy database: the next sweep tries again; reads ignore expired rows anyway.
      }
    }, 5 * 60_000);
    this.sweepTimer.unref();
  }

  /**
   * Imports the old JSON store once: inside one write transaction (so two processes starting together
   * import it once), live entries not already present are copied, then the file is renamed.
   */
  private importJson(jsonPath: string): ImportResult | undefined {
    if (!existsSync(jsonPath)) return undefined;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      if (!existsSync(jsonPath)) {
        this.db.exec('COMMIT');
        return undefined;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(jsonPath, 'utf8'));
      } catch (error) {
        throw new Error(`old store file ${jsonPath} is not valid JSON; move it away to start without it`, { cause: error });
      }
      const parsed = JsonFileSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`old store file ${jsonPath} has an unknown format; move it away to start without it`);
      const insert = this.db.prepare('INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
      const now = this.now();
      let imported = 0;
      for (const [key, entry] of Object.entries(parsed.data.entries)) {
        if (entry.expires !== undefined && entry.expires <= now) continue;
        imported += Number(insert.run(key, entry.value, entry.expires ?? null).changes);
      }
      const renamedTo = `${jsonPath}.imported`;
      renameSync(jsonPath, renamedTo);
      this.db.exec('COMMIT');
      return { imported, renamedTo };
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** The live value stored under `key`. */
  get(key: string): string | undefined {
    const row = this.statements.get.get(key, this.now()) as { value: string } | undefined;
    return row?.value;
  }

  /** Stores `value`, expiring after `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): void {
    const expires = typeof ttlMs === 'number' && ttlMs > 0 ? this.now() + ttlMs : null;
    this.statements.set.run(key, value, expires);
  }

  /** Removes `key`; true when a live entry existed. */
  delete(key: string): boolean {
    return Number(this.statements.delete.run(key, this.now()).changes) > 0;
  }

  /** Removes every key that starts with `prefix`. */
  clear(prefix: string): void {
    this.statements.clear.run(prefix, prefix);
  }

  /** Atomic across processes: true for the first claim of `key` within `ttlMs`. */
  claim(key: string, ttlMs: number): boolean {
    return this.insertClaim(key, '1', ttlMs) === undefined;
  }

  /**
   * Sets claim `key` to `value` when it is absent or expired (atomic across processes); undefined when it
   * did, else the live value. The read after a lost insert may find the row gone (released or expired
   * meanwhile): then the insert is tried again.
   */
  insertClaim(key: string, value: string, ttlMs: number): string | undefined {
    const stored = `${CLAIM_PREFIX}${key}`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = this.now();
      if (Number(this.statements.claim.run(stored, value, now + ttlMs, now).changes) === 1) return undefined;
      const row = this.statements.value.get(stored, now) as { value: string } | undefined;
      if (row) return row.value;
    }
    return value; // it keeps changing under us: answer "taken", the caller tries again later
  }

  /** Compare-and-set of claim `key`: true when it held `expected` and now holds `value`. */
  swapClaim(key: string, expected: string, value: string, ttlMs: number): boolean {
    const now = this.now();
    return Number(this.statements.swap.run(value, now + ttlMs, `${CLAIM_PREFIX}${key}`, expected, now).changes) === 1;
  }

  /** Sets claim `key` to `value` unconditionally. */
  putClaim(key: string, value: string, ttlMs: number): void {
    this.statements.set.run(`${CLAIM_PREFIX}${key}`, value, this.now() + ttlMs);
  }

  /** Gives a claim back. */
  release(key: string): void {
    this.statements.delete.run(`${CLAIM_PREFIX}${key}`, this.now());
  }

  /** Adds one to counter `key` in one statement (atomic across processes); returns the new value. */
  increment(key: string, ttlMs: number): number {
    const now = this.now();
    const row = this.statements.increment.get(`${CLAIM_PREFIX}${key}`, now + ttlMs, now, now) as { value: string };
    return Number(row.value);
  }

  /** Adds `member` to set `name` (one row per member, so two processes adding at once both stay). */
  addMember(name: string, member: string): void {
    this.statements.set.run(`${SET_PREFIX}${name}:${member}`, '1', null);
  }

  /** Removes `member` from set `name`. */
  removeMember(name: string, member: string): void {
    this.statements.delete.run(`${SET_PREFIX}${name}:${member}`, this.now());
  }

  /** The members of set `name`. */
  members(name: string): string[] {
    const prefix = `${SET_PREFIX}${name}:`;
    const rows = this.statements.members.all(prefix, `${SET_PREFIX}${name};`) as { key: string }[];
    return rows.map((row) => row.key.slice(prefix.length));
  }

  /** Deletes expired rows; returns how many. */
  sweep(): number {
    return Number(this.statements.sweep.run(this.now()).changes);
  }

  /** Closes the database (idempotent). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    this.db.close();
  }
}

/**
 * A keyv storage adapter over a {@link SqliteDatabase}. Keyv prefixes keys with its namespace; `clear`
 * removes only this namespace's keys, so several areas share one file.
 */
export class SqliteStoreAdapter {
  readonly opts: { url: string; dialect: string };
  namespace: string | undefined;
  private readonly database: SqliteDatabase;

  constructor(database: SqliteDatabase) {
    this.database = database;
    this.opts = { url: `sqlite:${database.path}`, dialect: 'sqlite' };
  }

  /** keyv adapter: the serialized value for `key`. */
  async get<Value>(key: string): Promise<Value | undefined> {
    return this.database.get(key) as Value | undefined;
  }

  /** keyv adapter: stores a serialized value (TTL in ms). */
  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    this.database.set(key, typeof value === 'string' ? value : JSON.stringify(value), ttl);
    return true;
  }

  /** keyv adapter: removes a key. */
  async delete(key: string): Promise<boolean> {
    return this.database.delete(key);
  }

  /** keyv adapter: removes this namespace's keys. */
  async clear(): Promise<void> {
    this.database.clear(this.namespace ? `${this.namespace}:` : '');
  }

  /** keyv adapter: whether a live key exists. */
  async has(key: string): Promise<boolean> {
    return this.database.get(key) !== undefined;
  }

  /** keyv adapter: nothing to do; the database is closed by the storage. */
  async disconnect(): Promise<void> {}

  /** keyv adapter: event hook (errors are reported by the guarded wrapper instead). */
  on(): this {
    return this;
  }
}

/** Runs the store's opening statements again while another process holds the file's lock (start-up only, so it may block). */
function openWithRetry(open: () => void): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; ; attempt += 1) {
    try {
      open();
      return;
    } catch (error) {
      if (attempt >= 20 || !/database is locked|SQLITE_BUSY/i.test(String((error as Error).message))) throw error;
      Atomics.wait(pause, 0, 0, 50 + attempt * 25);
    }
  }
}
