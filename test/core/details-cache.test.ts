import { describe, expect, it } from 'vitest';
import { createDetailsCache, detailsKeyOwner, findDetails, isDetailsKey, serveDetails } from '../../src/core/details-cache.ts';
import type { Peers } from '../../src/core/peers.ts';

describe('details cache', () => {
  it('answers until the entry expires, then never again', () => {
    let now = 1_000;
    const cache = createDetailsCache<string>({ ttlMs: 100, maxEntries: 10, now: () => now });
    const key = cache.add('full reply');
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    now += 99;
    expect(cache.get(key)).toBe('full reply');
    cache.replace(key, 'refined reply');
    expect(cache.get(key)).toBe('refined reply');
    now += 1;
    expect(cache.get(key)).toBeUndefined();
    cache.replace(key, 'too late');
    expect(cache.get(key)).toBeUndefined();
  });

  it('holds at most maxEntries, pushing out the oldest, and drops expired entries when adding', () => {
    let now = 0;
    const cache = createDetailsCache<number>({ ttlMs: 1_000, maxEntries: 3, now: () => now });
    const keys = [1, 2, 3, 4].map((value) => cache.add(value));
    expect(cache.size()).toBe(3);
    expect(cache.get(keys[0]!)).toBeUndefined();
    expect(keys.slice(1).map((key) => cache.get(key))).toEqual([2, 3, 4]);
    now = 2_000;
    cache.add(5);
    expect(cache.size()).toBe(1);
  });

  it('with renewOnUse, a use keeps the entry for another full period and moves it behind the others', () => {
    let now = 0;
    const cache = createDetailsCache<string>({ ttlMs: 100, maxEntries: 2, now: () => now, renewOnUse: true });
    const first = cache.add('first');
    now = 90;
    const second = cache.add('second');
    expect(cache.get(first)).toBe('first'); // renewed to 190, now the newest
    now = 150;
    expect(cache.get(first)).toBe('first');
    expect(cache.get(second)).toBe('second');
    cache.add('third'); // past the cap: the oldest by use goes, which is `first` (used at 150, before `second`)
    expect(cache.get(first)).toBeUndefined();
    expect(cache.get(second)).toBe('second');
    now = 400;
    expect(cache.get(second)).toBeUndefined();
  });

  it('names the owner in its keys, and tells keys from other text', () => {
    const cache = createDetailsCache<string>({ ttlMs: 100, maxEntries: 2, owner: '1' });
    const key = cache.add('x');
    expect(key).toMatch(/^1-[0-9a-f]{24}$/);
    expect(detailsKeyOwner(key)).toBe('1');
    expect(detailsKeyOwner(createDetailsCache<string>({ ttlMs: 100, maxEntries: 2 }).add('x'))).toBeUndefined();
    expect(isDetailsKey(key)).toBe(true);
    for (const bad of ['', '1-', 'x'.repeat(24), `12345-${'a'.repeat(24)}`, `${'a'.repeat(25)}`]) expect(isDetailsKey(bad), bad).toBe(false);
  });

  it('finds a key another worker made by asking that worker, and only that one', async () => {
    // Two workers joined directly (the cluster relays the same questions over IPC: test/service/cluster-details.test.ts).
    const handlers = new Map<string, Map<string, (body: unknown) => unknown>>();
    const asked: string[] = [];
    const peersOf = (self: string): Peers => ({
      self,
      async ask(peer, topic, body) {
        asked.push(`${self}→${peer}`);
        return handlers.get(peer)?.get(topic)?.(body);
      },
      serve(topic, handler) {
        const mine = handlers.get(self) ?? new Map();
        handlers.set(self, mine.set(topic, handler));
        return () => mine.delete(topic);
      },
    });
    const [zero, one] = [peersOf('0'), peersOf('1')];
    const cacheZero = createDetailsCache<string>({ ttlMs: 1000, maxEntries: 10, owner: '0' });
    const cacheOne = createDetailsCache<string>({ ttlMs: 1000, maxEntries: 10, owner: '1' });
    const stop = serveDetails(cacheZero, zero, 'test:details');
    serveDetails(cacheOne, one, 'test:details');
    const key = cacheZero.add('full reply of worker 0');
    expect(await findDetails(cacheOne, key, one, 'test:details')).toBe('full reply of worker 0');
    expect(await findDetails(cacheZero, key, zero, 'test:details')).toBe('full reply of worker 0'); // its own: no question
    expect(asked).toEqual(['1→0']);
    expect(await findDetails(cacheOne, cacheOne.add('mine').replace('1-', '0-'), one, 'test:details')).toBeUndefined(); // not held by 0
    expect(await findDetails(cacheOne, 'a'.repeat(24), one, 'test:details')).toBeUndefined(); // a key without owner: not asked
    expect(asked).toEqual(['1→0', '1→0']);
    stop();
    expect(await findDetails(cacheOne, key, one, 'test:details')).toBeUndefined();
    expect(await findDetails(cacheOne, key, undefined, 'test:details')).toBeUndefined(); // one process: nobody to ask
  });
});
