import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/core/bounded-map.ts';

describe('BoundedMap', () => {
  it('keeps at most maxEntries, forgetting the oldest write first; a write again makes an entry the newest', () => {
    const map = new BoundedMap<string, number>({ maxEntries: 2 });
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3); // rewritten: now newer than b
    map.set('c', 4);
    expect(map.entries()).toEqual([['a', 3], ['c', 4]]);
    expect(map.get('b')).toBeUndefined();
    expect(map.size).toBe(2);
  });

  it('reading neither renews nor reorders', () => {
    let now = 0;
    const map = new BoundedMap<string, number>({ maxEntries: 2, ttlMs: 100, now: () => now });
    map.set('a', 1);
    map.set('b', 2);
    now = 50;
    expect(map.get('a')).toBe(1);
    map.set('c', 3); // a is still the oldest write
    expect(map.entries().map(([key]) => key)).toEqual(['b', 'c']);
    now = 100;
    expect(map.get('b')).toBeUndefined(); // written at 0: expired at 100
    expect(map.get('c')).toBe(3);
  });

  it('answers each entry for its own time limit, drops expired entries when read or from the front when writing', () => {
    let now = 0;
    const map = new BoundedMap<string, string | undefined>({ maxEntries: 10, now: () => now });
    map.set('short', 'x', 10);
    map.set('unknown', undefined, 1000); // an undefined value is still an entry
    map.set('forever', 'y');
    expect(map.has('unknown')).toBe(true);
    now = 10;
    expect(map.has('short')).toBe(false);
    expect(map.size).toBe(2); // dropped when read
    map.set('short', 'x', 10);
    now = 2000;
    expect(map.entries()).toEqual([['forever', 'y']]); // expired ones are not listed
    map.set('new', 'z');
    // The write prunes from the front (`unknown`) up to the first live entry (`forever`): `short` stays held.
    expect(map.size).toBe(3);
    expect(map.has('short')).toBe(false);
    expect(map.size).toBe(2);
  });

  it('replaces a value in place, keeping its age and expiry, and never brings back an expired one', () => {
    let now = 0;
    const map = new BoundedMap<string, number>({ maxEntries: 2, ttlMs: 100, now: () => now });
    map.set('a', 1);
    map.set('b', 2);
    expect(map.replace('a', 10)).toBe(true);
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined(); // still the oldest write, so the one pushed out
    now = 150;
    expect(map.replace('b', 20)).toBe(false);
    expect(map.get('b')).toBeUndefined();
    expect(map.delete('c')).toBe(true);
    expect(map.delete('c')).toBe(false);
  });
});
