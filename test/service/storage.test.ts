import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage } from '../../src/service/storage.ts';

function storePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'safeword-store-')), 'store.json');
}

describe('createStorage (file)', () => {
  it('persists values across restarts', async () => {
    const path = storePath();
    const first = createStorage({ store: { kind: 'file', path } });
    await first.area('telegram').set('chat:1', { watch: true });
    await first.close();
    const second = createStorage({ store: { kind: 'file', path } });
    expect(await second.area('telegram').get('chat:1')).toEqual({ watch: true });
    await second.close();
  });

  it('keeps areas apart and clears only one area', async () => {
    const storage = createStorage({ store: { kind: 'file', path: storePath() } });
    await storage.area('llm').set('k', 'llm-value');
    await storage.area('telegram').set('k', 'telegram-value');
    expect(await storage.area('llm').get('k')).toBe('llm-value');
    await storage.area('llm').clear();
    expect(await storage.area('llm').get('k')).toBeUndefined();
    expect(await storage.area('telegram').get('k')).toBe('telegram-value');
    await storage.close();
  });

  it('expires entries with a TTL and does not save them', async () => {
    const path = storePath();
    const storage = createStorage({ store: { kind: 'file', path } });
    await storage.area('llm').set('short', 1, 5);
    await storage.area('llm').set('long', 2, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(await storage.area('llm').get('short')).toBeUndefined();
    expect(await storage.area('llm').get('long')).toBe(2);
    await storage.close();
    expect(readFileSync(path, 'utf8')).not.toContain('short');
  });

  it('saves on its own shortly after a write', async () => {
    const path = storePath();
    const storage = createStorage({ store: { kind: 'file', path } }, { flushDelayMs: 5 });
    await storage.area('web').set('a', 'b');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(readFileSync(path, 'utf8')).entries['web:a']).toBeDefined();
    await storage.close();
  });

  it('refuses a corrupt file with a message naming it', () => {
    const path = storePath();
    writeFileSync(path, '{not json');
    expect(() => createStorage({ store: { kind: 'file', path } })).toThrow(path);
  });

  it('rejects malformed area names', () => {
    const storage = createStorage({ store: { kind: 'memory' } });
    expect(() => storage.area('Bad Name')).toThrow(/area/);
  });
});

describe('createStorage (memory)', () => {
  it('stores values without a file', async () => {
    const storage = createStorage({ store: { kind: 'memory' } });
    await storage.area('a').set('x', 1);
    expect(await storage.area('a').get('x')).toBe(1);
    expect(await storage.area('b').get('x')).toBeUndefined();
    expect(storage.description).toMatch(/memory/);
    await storage.close();
  });
});
