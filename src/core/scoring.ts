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
  // Each rule's strongest signal, rules in order of their first signal (rules numbered by id, a stamp per
  // call: a Map and an object per rule were a third of this function's time on the bench messages).
  stamp += 1;
  let rules = 0;
  for (const signal of signals) {
    const code = ruleCode(signal.ruleId);
    if (ruleStamp[code] !== stamp) {
      ruleStamp[code] = stamp;
      ruleOrder[rules] = code;
      rules += 1;
      ruleWeight[code] = signal.weight;
      ruleCategory[code] = CATEGORY_INDEX.get(signal.category) as number;
    } else if (signal.weight > (ruleWeight[code] as number)) {
      ruleWeight[code] = signal.weight;
      ruleCategory[code] = CATEGORY_INDEX.get(signal.category) as number;
    }
  }
  // Categories in order of their first rule; each one's weights, strongest first.
  const order: number[] = [];
  WEIGHT_COUNTS.fill(0);
  for (let at = 0; at < rules; at += 1) {
    const code = ruleOrder[at] as number;
    const index = ruleCategory[code] as number;
    const count = WEIGHT_COUNTS[index] as number;
    if (count === 0) order.push(index);
    (WEIGHTS[index] as number[])[count] = ruleWeight[code] as number;
    WEIGHT_COUNTS[index] = count + 1;
  }
  const scores = SCORES.fill(0);
  let score = 0;
  for (const index of order) {
    const weights = WEIGHTS[index] as number[];
    const count = WEIGHT_COUNTS[index] as number;
    if (count > 1) sortDescending(weights, count);
    let others = 0;
    for (let at = 1; at < count; at += 1) others += weights[at] as number;
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
  const sorted = sortSmall(order, (a, b) => (scores[b] as number) - (scores[a] as number));
  const categories = sorted.map((index) => CATEGORIES[index] as Category);
  return { level: levelFromRank(Math.max(rank, floor)), score: Math.round(score * 100) / 100, categories, combinations };
}

/** The first `count` numbers of `list` in descending order, in place (an insertion sort: a category has a few rules). */
function sortDescending(list: number[], count: number): void {
  for (let index = 1; index < count; index += 1) {
    const value = list[index] as number;
    let at = index - 1;
    while (at >= 0 && (list[at] as number) < value) {
      list[at + 1] = list[at] as number;
      at -= 1;
    }
    list[at + 1] = value;
  }
}

/** A number per rule id seen (rule and link signal ids: a few hundred), for the per-call arrays below. */
const ruleCodes = new Map<string, number>();
let ruleStamp = new Int32Array(1024);
let ruleWeight = new Float64Array(1024);
let ruleCategory = new Int32Array(1024);
let ruleOrder = new Int32Array(1024);
let stamp = 0;

function ruleCode(ruleId: string): number {
  let code = ruleCodes.get(ruleId);
  if (code === undefined) {
    code = ruleCodes.size;
    ruleCodes.set(ruleId, code);
    if (code >= ruleStamp.length) {
      // Grown, not bounded: ids come from the loaded rules and link signals, not from the checked text.
      const size = ruleStamp.length * 2;
      const grow = <T extends Int32Array | Float64Array>(old: T, make: (length: number) => T): T => {
        const grown = make(size);
        grown.set(old);
        return grown;
      };
      ruleStamp = grow(ruleStamp, (length) => new Int32Array(length));
      ruleWeight = grow(ruleWeight, (length) => new Float64Array(length));
      ruleCategory = grow(ruleCategory, (length) => new Int32Array(length));
      ruleOrder = grow(ruleOrder, (length) => new Int32Array(length));
    }
  }
  return code;
}

/** Category scores of the running call, by category index (scoreSignals is synchronous; a new typed array per call cost more than the scoring). */
const SCORES = new Float64Array(CATEGORIES.length);
/** Per category of the running call: its rules' weights, the first WEIGHT_COUNTS[index] valid. */
const WEIGHTS: number[][] = CATEGORIES.map(() => []);
const WEIGHT_COUNTS = new Int32Array(CATEGORIES.length);

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
