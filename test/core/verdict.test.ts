import { describe, expect, it } from 'vitest';
import { levelFromRank, levelRank } from '../../src/core/verdict.ts';

describe('levels', () => {
  it('ranks and clamps', () => {
    expect(levelRank('high')).toBe(3);
    expect(levelRank('none')).toBe(0);
    expect(levelFromRank(7)).toBe('high');
    expect(levelFromRank(-1)).toBe('none');
  });
});
