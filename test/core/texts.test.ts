import { describe, expect, it } from 'vitest';
import { loadTexts, translator } from '../../src/core/texts.ts';

const t = translator(loadTexts());

// Same files and keys in every language: test/rules/locales.test.ts.
describe('texts', () => {
  it('fills placeholders and rejects unknown keys', () => {
    expect(t('en', 'core.forwarded.user', { name: 'Ann' })).toBe('Forwarded from Ann.');
    expect(() => t('en', 'core.no.such.key')).toThrow(/unknown text/);
  });
});
