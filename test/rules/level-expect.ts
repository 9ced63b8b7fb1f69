import { expect } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank, type Level, type Verdict } from '../../src/core/verdict.ts';

/**
 * The one check the level tests share: a hand-written text reaches at least (or stays at most) a level with the
 * shipped rules alone, and a failure names the level, the score and the rules that fired.
 */
const ruleset = loadRuleset();

/** The verdict of the shipped rules alone, for a test that checks more than a level bound. */
export function verdictOf(text: string, kind: CheckRequest['kind'] = 'message'): Verdict {
  return analyze({ kind, text }, ruleset);
}

function why(verdict: Verdict): string {
  return `${verdict.level} ${verdict.score}: ${verdict.signals.map((signal) => signal.ruleId).join(', ')}`;
}

/** Expects `text` to be rated `least` or higher. */
export function expectAtLeast(text: string, least: Level, kind: CheckRequest['kind'] = 'message'): Verdict {
  const verdict = verdictOf(text, kind);
  expect(levelRank(verdict.level), why(verdict)).toBeGreaterThanOrEqual(levelRank(least));
  return verdict;
}

/** Expects `text` to be rated `most` or lower (low by default: warnings and ordinary texts). */
export function expectAtMost(text: string, most: Level = 'low', kind: CheckRequest['kind'] = 'message'): Verdict {
  const verdict = verdictOf(text, kind);
  expect(levelRank(verdict.level), why(verdict)).toBeLessThanOrEqual(levelRank(most));
  return verdict;
}
