import { describe, expect, it } from 'vitest';
import { inSplit, splitOf, stableHash } from '../../bench/split.ts';

describe('eval split', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
  });

  it('puts a text in the same half every time, and each text in exactly one half', () => {
    const texts = Array.from({ length: 400 }, (_, index) => `message number ${index} 包裹 ${index * 7}`);
    for (const text of texts) {
      expect(splitOf(text)).toBe(splitOf(text));
      expect(inSplit(text, 'tune')).not.toBe(inSplit(text, 'holdout'));
      expect(inSplit(text, 'all')).toBe(true);
    }
    const tune = texts.filter((text) => inSplit(text, 'tune')).length;
    expect(tune).toBeGreaterThan(150);
    expect(tune).toBeLessThan(250);
  });
});
