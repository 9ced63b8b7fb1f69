import { describe, expect, it } from 'vitest';
import { firstUnits } from '../../src/core/first-units.ts';
import { parsePattern } from '../../src/core/pattern-syntax.ts';

const units = (source: string): string | undefined => firstUnits(parsePattern(source))?.map((unit) => String.fromCharCode(unit)).join('');

describe('firstUnits', () => {
  it('reads the first character of each alternative, through groups and assertions', () => {
    expect(units('(?:请|记得|麻烦)(?:添加|加)我')).toBe('记请麻');
    expect(units('(?<![a-z0-9])police(?![a-z0-9])')).toBe('p');
    expect(units('\\b(?:call|ring) me\\b')).toBe('cr');
    expect(units('(?=告诉|提供)(?:告诉|提供)')).toBe('告提');
  });

  it('looks through optional parts to what may come next', () => {
    expect(units('(?:please )?call')).toBe('cp');
    expect(units('a{0,2}b')).toBe('ab');
    expect(units('(?:x|)y')).toBe('xy');
  });

  it('gives up when a class, a dot or a backreference may come first', () => {
    expect(units('[a-z]{1,3}ok')).toBeUndefined();
    expect(units('(?:pay )?.{0,3}now')).toBeUndefined();
    expect(units('\\d{3}元')).toBeUndefined();
  });

  it('gives the first code unit of an astral character', () => {
    expect(firstUnits(parsePattern('😀ok'))).toEqual(['😀'.charCodeAt(0)]);
  });

  it('never leaves out a unit a match of a shipped-style pattern starts with', () => {
    const source = '(?:(?:please )?(?:call|ring)|联系)\\s?(?:us|我们)';
    const allowed = new Set(firstUnits(parsePattern(source)));
    for (const text of ['please call us', 'ring us', '联系我们', 'call 我们']) {
      const match = new RegExp(source, 'u').exec(text);
      expect(match).not.toBeNull();
      expect(allowed.has(text.charCodeAt(match?.index ?? 0))).toBe(true);
    }
  });
});
