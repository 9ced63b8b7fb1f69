import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyze } from '../../src/core/analyze.ts';
import { LINK_SIGNAL_IDS } from '../../src/core/link-data.ts';
import { RuleCasesSchema } from '../../src/core/rule-schema.ts';
import { loadRuleset, RULES_DIR } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset();
const cases = z
  .record(z.enum(LINK_SIGNAL_IDS), RuleCasesSchema)
  .parse(parse(readFileSync(join(RULES_DIR, 'links', 'signals.cases.yaml'), 'utf8')));

const rows = Object.entries(cases).flatMap(([id, file]) => [
  ...file.match.map((text) => ({ id, expectation: 'match' as const, text })),
  ...file.no_match.map((text) => ({ id, expectation: 'no_match' as const, text })),
]);

describe('link signal cases', () => {
  it('has cases for every link signal, in English and Chinese', () => {
    for (const id of LINK_SIGNAL_IDS) {
      const file = cases[id];
      expect(file, id).toBeDefined();
      expect(file?.match.some((text) => /\p{Script=Han}/u.test(text)), `${id}: a Chinese match case`).toBe(true);
      expect(file?.match.some((text) => !/\p{Script=Han}/u.test(text)), `${id}: an English match case`).toBe(true);
    }
  });

  it.each(rows)('$id $expectation: $text', ({ id, expectation, text }) => {
    const signals = analyze({ kind: 'message', text }, ruleset).signals.filter((signal) => signal.ruleId === id);
    if (expectation === 'no_match') {
      expect(signals.map((signal) => signal.quote), `${id} should not fire`).toEqual([]);
      return;
    }
    expect(signals.length, `${id} should fire`).toBeGreaterThan(0);
    for (const signal of signals) {
      expect(signal.category).toBe('phishing_link');
      // The evidence is the link itself, quoted from the original text.
      expect(text.slice(signal.start, signal.end)).toBe(signal.quote);
      expect(signal.quote).not.toMatch(/\s/);
    }
  });
});
