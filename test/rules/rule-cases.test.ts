import { COUNTRIES } from '../../src/core/countries.ts';
import { CATEGORIES } from '../../src/core/categories.ts';
import { describe, expect, it } from 'vitest';
import { SOURCE_LANGUAGES as LANGUAGES } from '../../src/core/request.ts';
import { detectLanguage } from '../../src/core/language.ts';
import { normalize } from '../../src/core/normalize.ts';
import { keepAccentedReadings } from '../../src/core/accent-words.ts';
import { loadRuleCases, loadRuleset } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset();

interface CaseRow {
  ruleId: string;
  expectation: 'match' | 'no_match';
  text: string;
}

const rows: CaseRow[] = ruleset.files.flatMap((file) => {
  const cases = loadRuleCases(file);
  return [
    ...cases.match.map((text) => ({ ruleId: file.rule.id, expectation: 'match' as const, text })),
    ...cases.no_match.map((text) => ({ ruleId: file.rule.id, expectation: 'no_match' as const, text })),
  ];
});

// The rule itself, before framing: a case about what a rule matches must not depend on a warning or report
// frame elsewhere in the sentence (test/core/context.test.ts covers framing).
// Accented words (rules/accent-words.yaml) are read as analyze() reads them: "pagué" is not "pague".
function firedRules(text: string): string[] {
  const normalized = normalize(text);
  return keepAccentedReadings(text, normalized, ruleset.matcher.match(normalized.text), ruleset.accentWords).map((hit) => ruleset.rules[hit.ruleIndex]?.id ?? '');
}

describe('rule cases', () => {
  it('has cases for every rule', () => {
    expect(ruleset.files.length).toBeGreaterThan(0);
    for (const file of ruleset.files) {
      const cases = loadRuleCases(file);
      expect(cases.match.length, file.rule.id).toBeGreaterThan(0);
      expect(cases.no_match.length, file.rule.id).toBeGreaterThan(0);
    }
  });

  it.each(rows)('$ruleId $expectation: $text', ({ ruleId, expectation, text }) => {
    const fired = firedRules(text);
    if (expectation === 'match') expect(fired, `${ruleId} should fire`).toContain(ruleId);
    else expect(fired, `${ruleId} should not fire`).not.toContain(ruleId);
  });
});

describe('rule data', () => {
  it('covers every category in every language the rules read', () => {
    // A language with reply texts but no rules yet (readLanguages leaves it out) is answered "cannot read".
    expect(ruleset.readLanguages).toEqual(expect.arrayContaining(['en', 'zh']));
    const covered = new Set(ruleset.rules.flatMap((rule) => rule.languages.map((language) => `${rule.category}/${language}`)));
    const categories = new Set(ruleset.rules.map((rule) => rule.category));
    expect(categories.size).toBe(CATEGORIES.length);
    for (const category of categories) {
      for (const language of ruleset.readLanguages) expect(covered, `${category} has no ${language} rule`).toContain(`${category}/${language}`);
    }
  });

  it('resolves every explanation and step id in both languages', () => {
    const ids = new Set<string>();
    for (const rule of ruleset.rules) {
      for (const language of LANGUAGES) {
        expect(ruleset.advice[language].explanations[rule.explanation], `${language}: ${rule.explanation}`).toBeTruthy();
        for (const step of rule.advice) expect(ruleset.advice[language].steps[step], `${language}: ${step}`).toBeTruthy();
      }
      ids.add(rule.explanation);
    }
    for (const combination of ruleset.scoring.combinations) {
      for (const language of LANGUAGES) {
        expect(ruleset.advice[language].explanations[combination.explanation], `${language}: ${combination.explanation}`).toBeTruthy();
      }
    }
    expect(ids.size).toBeGreaterThan(5);
  });

  it('has the same advice keys in both languages', () => {
    const [first, ...others] = LANGUAGES;
    for (const other of others) {
      for (const section of ['explanations', 'steps', 'report'] as const) {
        expect(Object.keys(ruleset.advice[other][section]).sort(), `${other} ${section}`).toEqual(
          Object.keys(ruleset.advice[first][section]).sort(),
        );
      }
    }
  });

  it('has report contacts for China, the US, the UK and a default', () => {
    for (const language of LANGUAGES) {
      const report = ruleset.advice[language].report;
      expect(report['CN']?.text).toMatch(/110/);
      expect(report['CN']?.text).toMatch(/96110/);
      expect(report['US']?.text).toMatch(/911/);
      expect(report['US']?.text).toMatch(/ic3\.gov/);
      expect(report['GB']?.text).toMatch(/999/);
      expect(report['GB']?.text).toMatch(/0300 123 2040/);
      expect(report['GB']?.text).toMatch(/7726/);
      expect(report['default']?.text).toBeTruthy();
    }
  });

  it('has report contacts for every supported country, each number with its official source', () => {
    const numbers = (text: string): string[] => (text.match(/[#+]?\d[\d -]*\d/g) ?? []).map((run) => run.trim()).sort();
    for (const code of COUNTRIES) {
      const en = ruleset.advice.en.report[code];
      expect(en?.sources?.length, code).toBeGreaterThan(0);
      for (const source of en?.sources ?? []) expect(source, code).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
      for (const language of LANGUAGES.filter((other) => other !== 'en')) {
        const translated = ruleset.advice[language].report[code];
        expect(translated?.sources, `${language} ${code}`).toEqual(en?.sources);
        // The same numbers in every language: a translation never drops or changes a number, nor a country step's.
        expect(numbers(translated?.text ?? ''), `${language} ${code}`).toEqual(numbers(en?.text ?? ''));
        expect(Object.keys(translated?.steps ?? {}), `${language} ${code}`).toEqual(Object.keys(en?.steps ?? {}));
        for (const [step, text] of Object.entries(en?.steps ?? {})) {
          expect(numbers(translated?.steps?.[step] ?? ''), `${language} ${code} ${step}`).toEqual(numbers(text));
        }
      }
    }
    for (const language of LANGUAGES) expect(ruleset.advice[language].consular.text).toContain('+86-10-12308');
  });

  it('keeps each language file in its own language', () => {
    const texts = (language: 'en' | 'zh' | 'es'): string[] =>
      ['explanations', 'steps'].flatMap((section) => Object.values(ruleset.advice[language][section as 'steps']));
    for (const text of texts('en')) expect(text, text).not.toMatch(/\p{Script=Han}/u);
    for (const text of texts('zh')) expect(text, text).toMatch(/\p{Script=Han}/u);
    for (const text of texts('es')) {
      expect(text, text).not.toMatch(/\p{Script=Han}/u);
      expect(detectLanguage(text), text).not.toBe('en');
    }
  });

  it('tells Mexico and Spain whom to call in a virtual kidnapping, with the country\'s numbers', () => {
    expect(ruleset.advice.es.report['MX']?.steps?.['call_police']).toMatch(/911.*089/);
    expect(ruleset.advice.es.report['ES']?.steps?.['call_police']).toMatch(/112.*091/);
    expect(ruleset.advice.es.report['MX']?.text).toMatch(/089/);
    expect(ruleset.advice.es.report['ES']?.text).toMatch(/017/);
  });
});
