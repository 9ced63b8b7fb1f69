import { describe, expect, it } from 'vitest';
import { loadTexts, translator } from '../../src/core/texts.ts';

const t = translator(loadTexts());

describe('texts', () => {
  it('loads every language with the same keys', () => {
    const table = loadTexts();
    expect([...table.en.keys()].sort()).toEqual([...table.zh.keys()].sort());
  });
  it('fills placeholders and rejects unknown keys', () => {
    expect(t('en', 'core.forwarded.user', { name: 'Ann' })).toBe('Forwarded from Ann.');
    expect(() => t('en', 'core.no.such.key')).toThrow(/unknown text/);
  });
});
