import { describe, expect, it } from 'vitest';
import { createDetailsCache } from '../../src/core/details-cache.ts';

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
});
