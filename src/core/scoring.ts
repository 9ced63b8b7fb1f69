import { CATEGORIES, type Category } from './categories.ts';
import type { Scoring } from './rule-schema.ts';
import { sortSmall } from './small-sort.ts';
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
  const compiled = compiledScoring(scoring);
  // Each rule's strongest signal, rules in order of their first signal.
  const bestPerRule = new Map<string, { category: Category; weight: number }>();
  for (const signal of signals) {
    const known = bestPerRule.get(signal.ruleId);
    if (!known || signal.weight > known.weight) bestPerRule.set(signal.ruleId, { category: signal.category, weight: signal.weight });
  }
  // Categories in order of their first rule; each one's weights, strongest first.
  const order: number[] = [];
  const weightsOf: (number[] | undefined)[] = [];
  for (const { category, weight } of bestPerRule.values()) {
    const index = CATEGORY_INDEX.get(category) as number;
    const list = weightsOf[index];
    if (list) {
      list.push(weight);
    } else {
      weightsOf[index] = [weight];
      order.push(index);
    }
  }
  const scores = SCORES.fill(0);
  let score = 0;
  for (const index of order) {
    const weights = weightsOf[index] as number[];
    if (weights.length > 1) sortSmall(weights, descending);
    let others = 0;
    for (let at = 1; at < weights.length; at += 1) others += weights[at] as number;
    const value = (weights[0] ?? 0) + scoring.repeatFactor * others;
    scores[index] = value;
    score += value;
  }

  let floor = 0;
  const combinations: string[] = [];
  // Category indexes and minimums compiled once per scoring: the combinations are read per check.
  for (const combination of compiled) {
    let all = true;
    for (let at = 0; at < combination.categories.length; at += 1) {
      if (!((scores[combination.categories[at] as number] as number) >= (combination.minimums[at] as number))) {
        all = false;
        break;
      }
    }
    if (all) {
      combinations.push(combination.name);
      score += combination.bonus;
      floor = Math.max(floor, combination.rank);
    }
  }
  const { thresholds } = scoring;
  let rank = 0;
  if (score >= thresholds.high) rank = 3;
  else if (score >= thresholds.medium) rank = 2;
  else if (score >= thresholds.low) rank = 1;

  // Highest category score first; a tie keeps the order of the categories' first rules (a stable sort).
  const sorted = sortSmall(order.slice(), (a, b) => (scores[b] as number) - (scores[a] as number));
  const categories = sorted.map((index) => CATEGORIES[index] as Category);
  const categoryScores = new Map<Category, number>();
  for (const index of order) categoryScores.set(CATEGORIES[index] as Category, scores[index] as number);
  return { level: levelFromRank(Math.max(rank, floor)), score: Math.round(score * 100) / 100, categories, combinations, categoryScores };
}

/** Category scores of the running call, by category index (scoreSignals is synchronous; a new typed array per call cost more than the scoring). */
const SCORES = new Float64Array(CATEGORIES.length);

function descending(a: number, b: number): number {
  return b - a;
}

const CATEGORY_INDEX = new Map<Category, number>(CATEGORIES.map((category, index) => [category, index]));

/** One combination with its categories as indexes into CATEGORIES and each one's minimum category score. */
interface CompiledCombination {
  name: string;
  categories: Int32Array;
  minimums: Float64Array;
  bonus: number;
  rank: number;
}

const compiledCombinations = new WeakMap<Scoring, CompiledCombination[]>();

/**
 * The combinations of a scoring in the form read per check, built on first use. With 33 combinations the
 * Map look-ups and optional `minimums` per category were ~7% of a 500-byte check.
 */
function compiledScoring(scoring: Scoring): CompiledCombination[] {
  let compiled = compiledCombinations.get(scoring);
  if (!compiled) {
    compiled = scoring.combinations.map((combination) => ({
      name: combination.name,
      categories: Int32Array.from(combination.all, (category) => CATEGORY_INDEX.get(category) as number),
      minimums: Float64Array.from(combination.all, (category) => combination.minimums?.[category] ?? combination.min),
      bonus: combination.bonus,
      rank: levelRank(combination.level),
    }));
    compiledCombinations.set(scoring, compiled);
  }
  return compiled;
}
