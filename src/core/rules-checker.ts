import { analyze, type AnalyzeOptions } from './analyze.ts';
import type { Checker, CheckOutcome } from './checker.ts';
import type { Ruleset } from './ruleset.ts';
import { levelRank, type Verdict } from './verdict.ts';

/**
 * True when a refined verdict differs enough from the one already sent that the reply should be edited:
 * another level, or a category the first reply did not mention.
 */
export function verdictChanged(before: Verdict, after: Verdict): boolean {
  if (levelRank(before.level) !== levelRank(after.level)) return true;
  return after.categories.some((category) => !before.categories.includes(category));
}

/** A Checker that uses the rules alone: the refined verdict is the instant one. */
export function createRulesChecker(ruleset: Ruleset, options: AnalyzeOptions = {}): Checker {
  return {
    secondOpinion: 'off',
    ruleset,
    country: options.country,
    check(request): CheckOutcome {
      const instant = analyze(request, ruleset, options);
      return { instant, refined: Promise.resolve(instant), changed: (refined) => verdictChanged(instant, refined) };
    },
  };
}
