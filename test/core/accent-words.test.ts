import { describe, expect, it } from 'vitest';
import { compileAccentWords, keepAccentedReadings, mayHoldAccentedWord } from '../../src/core/accent-words.ts';
import { analyze } from '../../src/core/analyze.ts';
import { compileMatcher } from '../../src/core/matcher.ts';
import { normalize } from '../../src/core/normalize.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { seededRandom } from '../fakes/seeded-random.ts';

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

  it('tells a text that may hold an accented word exactly as the expression [letters]|\\p{M} did (seeded, randomized)', () => {
    // The reference: the expression the filter ran before the table (the words' accented letters, either case, or a mark).
    const reference = (list: readonly string[]): RegExp => {
      const letters = new Set(list.flatMap((word) => [...word, ...word.toUpperCase()]).filter((char) => !/^[a-zA-Z]$/.test(char)));
      return new RegExp(`[${[...letters].map((char) => `\\u{${char.codePointAt(0)!.toString(16)}}`).join('')}]|\\p{M}`, 'u');
    };
    const rules = [{ id: 'demo', phrases: [], patterns: ['\\bpague\\b'] }];
    const lists = [['pagué', 'envié', 'código', 'añadí'], [...ruleset.accentWords.byFolded.values()].flat()];
    // Letters, accented or not, BMP and astral marks (Mn, Mc, Me), astral non-marks, lone surrogates, Han.
    const pieces = ['a', 'Z', ' ', '.', 'é', 'É', 'í', 'Í', 'ó', 'Ó', 'ñ', 'Ñ', 'à', 'ü', 'ç', '\u0301', '\u0483', '\u0903', '\u20DD', '\uFE20',
      '\u1AB0', '\u{1D165}', '\u{E0100}', '\u{11000}', '\u{1F600}', '\u{1D41A}', '\uD83D', '\uDE00', '中', '\uFFFF', '\u0000'];
    for (const list of lists) {
      const words = compileAccentWords(list, rules, fold);
      const expression = reference(list);
      // Every BMP code unit alone, and after a high surrogate.
      for (let code = 0; code < 0x10000; code += 1) {
        const text = String.fromCharCode(code);
        if (mayHoldAccentedWord(text, words) !== expression.test(text)) throw new Error(`differs on U+${code.toString(16)}`);
        const paired = `\uD834${text}`;
        if (mayHoldAccentedWord(paired, words) !== expression.test(paired)) throw new Error(`differs on U+D834 U+${code.toString(16)}`);
      }
      const random = seededRandom(9090);
      let held = 0;
      for (let round = 0; round < 4000; round += 1) {
        let text = '';
        const length = Math.floor(random() * 12);
        for (let at = 0; at < length; at += 1) {
          // Mostly ASCII, as real texts are; now and then any code unit at all.
          const pick = random();
          text += pick < 0.6 ? 'ab .z'[Math.floor(random() * 5)] : pick < 0.9 ? (pieces[Math.floor(random() * pieces.length)] as string) : String.fromCharCode(Math.floor(random() * 0x10000));
        }
        const expected = expression.test(text);
        if (expected) held += 1;
        expect(mayHoldAccentedWord(text, words), JSON.stringify(text)).toBe(expected);
      }
      // Both answers occur often enough for the comparison to mean something.
      expect(held).toBeGreaterThan(400);
      expect(held).toBeLessThan(3600);
    }
  });
});
