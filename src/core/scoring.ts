import type { Category } from './categories.ts';
import type { Scoring } from './rule-schema.ts';
import { levelFromRank, levelRank, type Level, type Signal } from './verdict.ts';

/** How a set of signals scores. */
export interface ScoreResult {
  level: Level;
  score: number;
  /** Categories with a hit, highest category score first. */
  categories: Category[];
  /** Names of the combinations that fired, in file order. */
  combinations: string[];
  categoryScores: Map<Category, number>;
}

/**
 * The decision policy, a pure function of the signals: each category scores its strongest rule in full plus
 * `repeatFactor` of each other distinct rule; the level comes from the total against the thresholds, raised
 * to the level of every combination whose categories all reach the combination's minimum (or their own
 * `minimums` entry). One weak hit stays low; tactics that only make sense together (authority + payment)
 * raise the level.
 */
export function scoreSignals(signals: readonly Signal[], scoring: Scoring): ScoreResult {
  const bestPerRule = new Map<string, { category: Category; weight: number }>();
  for (const signal of signals) {
    const known = bestPerRule.get(signal.ruleId);
    if (!known || signal.weight > known.weight) bestPerRule.set(signal.ruleId, { category: signal.category, weight: signal.weight });
  }
  const weightsPerCategory = new Map<Category, number[]>();
  for (const { category, weight } of bestPerRule.values()) {
    const list = weightsPerCategory.get(category) ?? [];
    list.push(weight);
    weightsPerCategory.set(category, list);
  }
  const categoryScores = new Map<Category, number>();
  for (const [category, weights] of weightsPerCategory) {
    weights.sort((a, b) => b - a);
    let others = 0;
    for (let index = 1; index < weights.length; index += 1) others += weights[index] as number;
    categoryScores.set(category, (weights[0] ?? 0) + scoring.repeatFactor * others);
  }

  let score = 0;
  for (const value of categoryScores.values()) score += value;
  let floor = 0;
  const combinations: string[] = [];
  // Plain loops: with 33 combinations this step was ~4% of a 500-byte check as `every` with closures.
  for (const combination of scoring.combinations) {
    let all = true;
    for (const category of combination.all) {
      if (!((categoryScores.get(category) ?? 0) >= (combination.minimums?.[category] ?? combination.min))) {
        all = false;
        break;
      }
    }
    if (all) {
      combinations.push(combination.name);
      score += combination.bonus;
      floor = Math.max(floor, levelRank(combination.level));
    }
  }
  const { thresholds } = scoring;
  let rank = 0;
  if (score >= thresholds.high) rank = 3;
  else if (score >= thresholds.medium) rank = 2;
  else if (score >= thresholds.low) rank = 1;

  const categories = [...categoryScores.entries()].sort((a, b) => b[1] - a[1]).map(([category]) => category);
  return { level: levelFromRank(Math.max(rank, floor)), score: Math.round(score * 100) / 100, categories, combinations, categoryScores };
}
