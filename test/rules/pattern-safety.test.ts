import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { phraseSource } from '../../src/core/matcher.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

/**
 * Every phrase and pattern of the shipped rules, checked by recheck's automaton analysis (ambiguity of the
 * pattern's NFA, the cause of super-linear backtracking). The pattern language already refuses unbounded
 * quantifiers at load (src/core/pattern-policy.ts); this is the independent proof. recheck's fuzzing mode is
 * not used: it extrapolates the step counts of bounded repeats such as `.{0,60}` into "polynomial", while the
 * engine runs a pattern only at its literal occurrences, where a bounded repeat costs a bounded amount.
 */
const options = { checker: 'automaton', timeout: 5_000 } as const;

describe('pattern safety (recheck)', () => {
  it('flags a known catastrophic pattern, so a pass means something', async () => {
    const result = await check('^(a+)+$', 'u', options);
    expect(result.status).toBe('vulnerable');
  });

  it('proves every rule phrase and pattern safe', async () => {
    const sources = new Map<string, string>();
    for (const rule of loadRuleset().rules) {
      for (const phrase of rule.phrases) sources.set(phraseSource(phrase), rule.id);
      for (const pattern of rule.patterns) sources.set(pattern, rule.id);
    }
    const unsafe: string[] = [];
    for (const [source, ruleId] of sources) {
      const result = await check(source, 'u', options);
      if (result.status !== 'safe') unsafe.push(`${ruleId}: ${result.status} ${source}`);
    }
    expect(sources.size).toBeGreaterThan(250);
    expect(unsafe).toEqual([]);
  }, 120_000);
});
