import { describe, expect, it } from 'vitest';
import { compileAccentWords, keepAccentedReadings } from '../../src/core/accent-words.ts';
import { analyze } from '../../src/core/analyze.ts';
import { compileMatcher } from '../../src/core/matcher.ts';
import { normalize } from '../../src/core/normalize.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset();
const fold = (text: string): string => normalize(text).text;

function rulesFired(text: string): string[] {
  return analyze({ kind: 'message', text }, ruleset).signals.map((signal) => signal.ruleId);
}

/** A one-rule matcher and word list, to see the filter alone. */
function oneRule(pattern: string, words: string[]) {
  const rules = [{ id: 'demo', phrases: [], patterns: [pattern] }];
  const matcher = compileMatcher(rules);
  const accentWords = compileAccentWords(words, rules, fold);
  return (text: string): number => {
    const normalized = normalize(text);
    return keepAccentedReadings(text, normalized, matcher.match(normalized.text), accentWords).length;
  };
}

describe('accented words (rules/accent-words.yaml)', () => {
  it('reads a child\'s "ya pagué la fianza" as a report, not the demand "pague la fianza"', () => {
    expect(rulesFired('Pague la fianza hoy o su hijo pasa la noche en la cárcel.')).toContain('payment-bail-es');
    expect(rulesFired('Mamá, ya pagué la fianza y mañana salgo, estoy bien.')).not.toContain('payment-bail-es');
    expect(rulesFired('Ya envié 500 euros a la tía.')).not.toContain('payment-transfer-es');
    // "envíe" (send!) carries its accent elsewhere and is still the demand.
    expect(rulesFired('Envíe 500 euros hoy mismo.')).toContain('payment-transfer-es');
  });

  it('drops a hit only where the rule needed the word, not where it passed over it in a gap', () => {
    const count = oneRule('\\bpague\\b.{0,30}\\bfianza\\b', ['pagué']);
    expect(count('pague la fianza')).toBe(1);
    expect(count('pagué la fianza')).toBe(0);
    const gap = oneRule('\\bdeposite\\b.{0,40}\\bfianza\\b', ['pagué']);
    expect(gap('deposite hoy, ya pagué lo otro, la fianza')).toBe(1);
  });

  it('reads a decomposed accent (e + U+0301) and upper case like the composed one', () => {
    const count = oneRule('\\bpague\\b.{0,30}\\bfianza\\b', ['pagué']);
    expect(count('pague\u0301 la fianza')).toBe(0);
    expect(count('YA PAGUÉ LA FIANZA')).toBe(0);
  });

  it('leaves a word written without its accent as the rules read it (it stays ambiguous)', () => {
    expect(rulesFired('Pague la fianza ya.')).toContain('payment-bail-es');
    const count = oneRule('\\bpague\\b.{0,30}\\bfianza\\b', ['pagué']);
    expect(count('ya pague la fianza')).toBe(1);
  });

  it('refuses a word whose fold is not a different plain word of its length', () => {
    const rules = [{ id: 'demo', phrases: [], patterns: ['\\bpague\\b'] }];
    expect(() => compileAccentWords(['pague'], rules, fold)).toThrow(/pague/);
    expect(() => compileAccentWords(['ﬁn'], rules, fold)).toThrow();
  });

  it('loads the project\'s list', () => {
    expect(ruleset.accentWords.byFolded.get('pague')).toEqual(['pagué']);
  });
});
