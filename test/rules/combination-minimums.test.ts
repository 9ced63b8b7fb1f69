import { describe, expect, it } from 'vitest';
import type { Category } from '../../src/core/categories.ts';
import { ScoringSchema } from '../../src/core/rule-schema.ts';
import { scoreSignals } from '../../src/core/scoring.ts';
import type { Signal } from '../../src/core/verdict.ts';

const scoring = ScoringSchema.parse({
  thresholds: { low: 1, medium: 3, high: 6 },
  repeatFactor: 0.5,
  calleeFactor: 0.3,
  baselineSteps: { none: [], low: [], medium: [], high: [] },
  combinations: [
    { name: 'threat_link', all: ['threat', 'phishing_link'], level: 'medium', min: 1, minimums: { threat: 2 }, explanation: 'x' },
  ],
});

function signal(ruleId: string, category: Category, weight: number): Signal {
  return { ruleId, category, weight, start: 0, end: 1, quote: 'x', explanationId: 'x' };
}

describe('combination minimums per category', () => {
  it('fires when each category reaches its own minimum', () => {
    const result = scoreSignals([signal('account', 'threat', 2), signal('link', 'phishing_link', 1)], scoring);
    expect(result.combinations).toEqual(['threat_link']);
    expect(result.level).toBe('medium');
  });

  it('stays quiet when a category is below its own minimum, even above the shared one', () => {
    const result = scoreSignals([signal('urgent', 'threat', 1), signal('link', 'phishing_link', 1)], scoring);
    expect(result.combinations).toEqual([]);
    expect(result.level).toBe('low');
  });

  it('rejects an unknown category in minimums', () => {
    const parsed = ScoringSchema.safeParse({ ...scoring, combinations: [{ name: 'x', all: ['threat'], level: 'low', minimums: { aliens: 1 }, explanation: 'x' }] });
    expect(parsed.success).toBe(false);
  });
});
