import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/service/storage.ts';
import { runNode } from '../fakes/run-node.ts';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'safeword-store-'));
}

function sqlite(path: string, importFrom?: string) {
  return { store: { kind: 'sqlite' as const, path, ...(importFrom ? { importFrom } : {}) } };
}

describe('createStorage (sqlite)', () => {
  it('persists values across restarts, with no flush delay', async () => {
    const path = join(folder(), 'store.sqlite');
    const first = createStorage(sqlite(path));
    await first.area('telegram').set('chat:1', { watch: true });
    // A second connection sees the write at once (another process would too).
    const other = createStorage(sqlite(path));
    expect(await other.area('telegram').get('chat:1')).toEqual({ watch: true });
    await other.close();
    await first.close();
    const second = createStorage(sqlite(path));
    expect(await second.area('telegram').get('chat:1')).toEqual({ watch: true });
    expect(second.description).toBe(`sqlite ${path}`);
    await second.close();
  });

  it('keeps areas apart and clears only one area', async () => {
    const storage = createStorage(sqlite(join(folder(), 's.sqlite')));
    await storage.area('llm').set('k', 'llm-value');
    await storage.area('telegram').set('k', 'telegram-value');
    expect(await storage.area('llm').get('k')).toBe('llm-value');
    await storage.area('llm').clear();
    expect(await storage.area('llm').get('k')).toBeUndefined();
    expect(await storage.area('telegram').get('k')).toBe('telegram-value');
    await storage.close();
  });

  it('honours TTLs', async () => {
    const storage = createStorage(sqlite(join(folder(), 's.sqlite')));
    await storage.area('llm').set('short', 1, 5);
    await storage.area('llm').set('long', 2, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(await storage.area('llm').get('short')).toBeUndefined();
    expect(await storage.area('llm').get('long')).toBe(2);
    await storage.close();
  });

  it('imports an old store.json once, keeps live entries only, and renames the file', async () => {
    const dir = folder();
    const json = join(dir, 'store.json');
    const keyvValue = (value: unknown): string => JSON.stringify({ value, expires: null });
    writeFileSync(json, JSON.stringify({ version: 1, entries: { 'telegram:lang:7': { value: keyvValue('zh') }, 'telegram:old': { value: keyvValue(1), expires: 1 } } }));
    const storage = createStorage(sqlite(join(dir, 'store.sqlite'), json));
    expect(await storage.area('telegram').get('lang:7')).toBe('zh');
    expect(await storage.area('telegram').get('old')).toBeUndefined();
    expect(existsSync(json)).toBe(false);
    expect(existsSync(`${json}.imported`)).toBe(true);
    await storage.close();
  });

  it('refuses a corrupt old store.json with a message naming it', () => {
    const dir = folder();
    const json = join(dir, 'store.json');
    writeFileSync(json, '{not json');
    expect(() => createStorage(sqlite(join(dir, 'store.sqlite'), json))).toThrow(json);
  });

  it('claims are atomic: one winner per key, again after the TTL, and after a release', async () => {
    const path = join(folder(), 's.sqlite');
    const a = createStorage(sqlite(path));
    const b = createStorage(sqlite(path));
    expect(await a.claims('telegram').claim('dedup:1', 60_000)).toBe(true);
    expect(await b.claims('telegram').claim('dedup:1', 60_000)).toBe(false);
    expect(await b.claims('slack').claim('dedup:1', 60_000)).toBe(true);
    expect(await a.claims('telegram').claim('short', 5)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(await b.claims('telegram').claim('short', 60_000)).toBe(true);
    await b.claims('telegram').release('short');
    expect(await a.claims('telegram').claim('short', 60_000)).toBe(true);
    await a.close();
    await b.close();
  });

  it('a completed lease can be taken back by its owner: others find it held again, then done once completed again', async () => {
    const path = join(folder(), 's.sqlite');
    const first = createStorage(sqlite(path));
    const a = first.claims('telegram');
    const other = createStorage(sqlite(path));
    const b = other.claims('telegram');
    expect(await a.lease('dedup:7', 10_000)).toBe('won');
    await a.complete('dedup:7', 60_000);
    expect(await b.lease('dedup:7', 10_000)).toBe('done');
    expect(await a.lease('dedup:7', 10_000)).toBe('done'); // remembered in the process that completed it
    expect(await a.reopen('dedup:7', 10_000)).toBe(true);
    expect(await b.lease('dedup:7', 10_000)).toBe('held'); // this process's own lease, alive
    expect(await a.lease('dedup:7', 10_000)).toBe('held'); // no longer remembered as done
    expect(await a.renew('dedup:7', 10_000)).toBe(true);
    await a.complete('dedup:7', 60_000);
    expect(await b.lease('dedup:7', 10_000)).toBe('done');
    expect(await a.reopen('never-done', 10_000)).toBe(false);
    await first.close();
    await other.close();
  });

  it('claims from four processes on one file: exactly one winner per key', async () => {
    const path = join(folder(), 's.sqlite');
    const script = join(folder(), 'claim.ts');
    writeFileSync(
      script,
      `import { createStorage } from ${JSON.stringify(new URL('../../src/service/storage.ts', import.meta.url).pathname)};
const storage = createStorage({ store: { kind: 'sqlite', path: process.argv[2] } });
const claims = storage.claims('telegram');
let won = 0;
for (let i = 0; i < 300; i += 1) if (await claims.claim('k' + i, 60000)) won += 1;
await storage.area('telegram').set('writer:' + process.pid, won);
await storage.close();
process.stdout.write(String(won));`,
    );
    const runs = await Promise.all([1, 2, 3, 4].map(() => runNode(script, [path])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs.reduce((sum, run) => sum + Number(run.stdout), 0)).toBe(300);
  });

  it('a full disk degrades instead of failing: writes are kept and readable, health says why', async () => {
    const lines: string[] = [];
    const logger = { debug() {}, info() {}, warn: (message: string) => lines.push(message), error: (message: string) => lines.push(message) };
    const storage = createStorage(sqlite(join(folder(), 's.sqlite')), { logger, sqliteMaxPageCount: 3, retryDelayMs: 5 });
    const area = storage.area('telegram');
    for (let i = 0; i < 50; i += 1) await area.set(`k${i}`, 'x'.repeat(2000));
    expect(storage.health()).toEqual({ status: 'degraded', reason: 'store: disk_full' });
    expect(await area.get('k49')).toBe('x'.repeat(2000));
    expect(await storage.claims('telegram').claim('c', 60_000)).toBe(true);
    expect(await storage.claims('telegram').claim('c', 60_000)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((line) => line.startsWith('store degraded'))).toHaveLength(1);
    await storage.close();
  });

  it('rejects malformed area names', () => {
    const storage = createStorage({ store: { kind: 'memory' } });
    expect(() => storage.area('Bad Name')).toThrow(/area/);
    expect(() => storage.claims('Bad Name')).toThrow(/area/);
  });
});

describe('createStorage (memory)', () => {
  it('stores values without a file', async () => {
    const storage = createStorage({ store: { kind: 'memory' } });
    await storage.area('a').set('x', 1);
    expect(await storage.area('a').get('x')).toBe(1);
    expect(await storage.area('b').get('x')).toBeUndefined();
    expect(storage.description).toMatch(/memory/);
    expect(storage.health()).toEqual({ status: 'ok' });
    await storage.close();
  });
});

describe('SQLite store opening while another process holds the file', () => {
  it('waits for the lock instead of failing to start (two workers opening one new file)', async () => {
    const { spawn } = await import('node:child_process');
    const { SqliteDatabase } = await import('../../src/service/sqlite-store.ts');
    const path = join(mkdtempSync(join(tmpdir(), 'safeword-lock-')), 'store.sqlite');
    // Another process takes the file's exclusive lock, says so, and lets go 400 ms later.
    const holder = spawn(
      process.execPath,
      ['-e', `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(path)}); db.exec('BEGIN EXCLUSIVE'); console.log('locked'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const exited = new Promise<number | null>((resolve) => holder.once('exit', resolve));
    // No busy timeout of its own: only the retry can get it past the held lock.
    const db = new SqliteDatabase(path, { busyTimeoutMs: 0 });
    db.close();
    expect(await exited).toBe(0);
  });
});
