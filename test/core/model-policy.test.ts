import { describe, expect, it } from 'vitest';
import type { Framing } from '../../src/core/context.ts';
import { modelDecision } from '../../src/core/model/model-policy.ts';
import { LEVELS, levelRank, type Level } from '../../src/core/verdict.ts';

const thresholds = { medium: 0.8, mediumWithRules: 0.6, high: 0.95 };
const probabilities = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99];
const framings: (Framing | undefined)[] = [undefined, 'advisory', 'report'];

/** The expected level, written out case by case from the policy. */
function expected(rules: Level, combination: boolean, probability: number, framing: Framing | undefined): Level {
  // Nothing from the rules: the model needs 0.8 on its own; beside any rule signal 0.6 is enough.
  if (framing !== undefined || probability < (rules === 'none' ? 0.8 : 0.6)) return rules;
  if (combination && probability >= 0.95) return 'high';
  return levelRank(rules) >= levelRank('medium') ? rules : 'medium';
}

describe('local model policy', () => {
  for (const rules of LEVELS) {
    for (const combination of [false, true]) {
      for (const probability of probabilities) {
        for (const framing of framings) {
          it(`rules ${rules}, combination ${combination}, p=${probability}, framing ${framing ?? 'none'}`, () => {
            const decision = modelDecision({ rulesLevel: rules, combination, probability, thresholds, framing });
            expect(decision.level).toBe(expected(rules, combination, probability, framing));
            expect(levelRank(decision.level)).toBeGreaterThanOrEqual(levelRank(rules));
            expect(decision.fired).toBe(framing === undefined && probability >= (rules === 'none' ? 0.8 : 0.6));
            if (!combination) expect(decision.level === 'high').toBe(rules === 'high');
          });
        }
      }
    }
  }

  it('treats a NaN probability as not firing', () => {
    expect(modelDecision({ rulesLevel: 'low', combination: true, probability: Number.NaN, thresholds, framing: undefined })).toEqual({ level: 'low', fired: false });
  });
});
