/**
 * Compares model variants on the training side only: `node bench/model-experiment.ts [variant…]`. Reads the tune
 * rows `npm run train` may fit on, k-fold cross-validates each variant inside tune and prints out-of-fold figures
 * (per corpus: AUC, model-alone recall and false alarms where 0.5% of the language's benign texts score higher and at the
 * medium threshold the trainer would choose, and rules + model with those thresholds), then the tune half of the eval-only
 * files scored by a model fitted on all tune rows (never fitted on them). Holdout is never read. Corpus text stays in memory.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelLanguage, ModelThresholds } from '../src/core/model/local-model.ts';
import { chooseThresholds, collectRows, DEFAULT_OPTIONS, evalOnlyTuneRows, fitModel, outOfFold, rowProbability, type TrainingOptions, type TrainingRow } from './model-training.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

function auc(positives: number[], negatives: number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const all = [...positives.map((value) => ({ value, positive: true })), ...negatives.map((value) => ({ value, positive: false }))].sort((a, b) => a.value - b.value);
  let sum = 0;
  for (let index = 0; index < all.length; ) {
    let end = index;
    while (end < all.length && all[end]!.value === all[index]!.value) end += 1;
    const mid = (index + end + 1) / 2;
    for (let at = index; at < end; at += 1) if (all[at]!.positive) sum += mid;
    index = end;
  }
  return (sum - (positives.length * (positives.length + 1)) / 2) / (positives.length * negatives.length);
}

/** How an experiment calibrates: one threshold set per language, or (with `longFrom`) one for texts shorter than `longFrom` code units and one for the rest. */
export interface Calibration {
  longFrom?: number;
}

type Thresholds = Record<ModelLanguage, ModelThresholds>;

/** The thresholds that apply to a row under a calibration. */
function thresholdsOf(row: TrainingRow, short: Thresholds, long: Thresholds | undefined, calibration: Calibration): ModelThresholds {
  return long && calibration.longFrom !== undefined && row.length >= calibration.longFrom ? long[row.language] : short[row.language];
}

/**
 * Cross-validates one set of options on the tune rows and prints the out-of-fold figures; then fits all of tune
 * and prints the same figures for the tune half of the eval-only files (never fitted on: scored as unseen text).
 */
export function runVariant(name: string, rows: readonly TrainingRow[], options: TrainingOptions, evalOnly: readonly TrainingRow[] = [], calibration: Calibration = {}): void {
  const started = performance.now();
  const probabilities = outOfFold(rows, options);
  const { longFrom } = calibration;
  const pick = (test: (row: TrainingRow) => boolean): Thresholds => {
    const kept = rows.map((row, index) => ({ row, probability: probabilities[index]! })).filter(({ row }) => test(row));
    return chooseThresholds(kept.map(({ row }) => row), kept.map(({ probability }) => probability), options);
  };
  const short = longFrom === undefined ? chooseThresholds(rows, probabilities, options) : pick((row) => row.length < longFrom);
  const long = longFrom === undefined ? undefined : pick((row) => row.length >= longFrom);
  const summary = (t: Thresholds): string => `en ${t.en.medium.toFixed(3)} / ${t.en.high.toFixed(3)}, zh ${t.zh.medium.toFixed(3)} / ${t.zh.high.toFixed(3)}`;
  console.log(`\n== ${name}  ${((performance.now() - started) / 1000).toFixed(1)} s  thresholds (medium / high) ${long ? `under ${longFrom} chars: ${summary(short)}; from ${longFrom}: ${summary(long)}` : summary(short)}`);
  const groups = new Map<string, number[]>();
  const hand = new Map<string, number[]>();
  rows.forEach((row, index) => {
    if (row.corpus.startsWith('hand-written')) {
      hand.set(row.corpus, [...(hand.get(row.corpus) ?? []), probabilities[index]!]);
      return;
    }
    const key = `${row.corpus}\t${row.language}`;
    const list = groups.get(key) ?? [];
    list.push(index);
    groups.set(key, list);
  });
  // Model alone where 0.5% of the language's benign texts (pooled, out of fold) score higher: the learner's reach, threshold-free.
  const cut: Record<string, number> = {};
  for (const language of ['en', 'zh']) {
    const benign: number[] = [];
    for (const [key, indices] of groups) if (key.endsWith(`\t${language}`)) for (const index of indices) if (rows[index]!.label === 0 && !rows[index]!.spam) benign.push(probabilities[index]!);
    benign.sort((a, b) => b - a);
    cut[language] = benign[Math.floor(0.005 * benign.length)]! + 1e-9;
  }
  for (const [corpus, values] of hand) {
    const sorted = [...values].sort((a, b) => b - a);
    const language = corpus.endsWith(':zh') || corpus.includes('zh-') ? 'zh' : 'en';
    const medium = short[language as ModelLanguage].medium;
    console.log(`${corpus}: ${values.length} rows, out of fold: top ${sorted.slice(0, 5).map((value) => value.toFixed(3)).join(' ')}, >= 0.5: ${values.filter((value) => value >= 0.5).length}, >= medium: ${values.filter((value) => value >= medium).length}`);
  }
  console.log(`${'corpus'.padEnd(32)}lang scams legit   AUC  rec@.5%p FPR  model: rec  FPR   rules: rec  FPR   +model: rec  FPR  spam%`);
  const cell = (value: number | null): string => (value === null ? '    -' : value.toFixed(3)).padStart(6);
  const print = (corpus: string, language: ModelLanguage, indices: number[], set: readonly TrainingRow[], p: readonly number[]): void => {
    const scams = indices.filter((index) => set[index]!.label === 1);
    const legit = indices.filter((index) => set[index]!.label === 0 && !set[index]!.spam);
    const spam = indices.filter((index) => set[index]!.spam);
    if (scams.length + legit.length < 5) return;
    const medium = (index: number): number => thresholdsOf(set[index]!, short, long, calibration).medium;
    const alone = (index: number): boolean => p[index]! >= medium(index);
    const flagged = (index: number): boolean => {
      const rules = set[index]!.rules!;
      if (rules.rank >= 2) return true;
      return rules.open && p[index]! >= medium(index); // mediumWithRules = medium (chooseThresholds)
    };
    const rate = (list: number[], test: (index: number) => boolean): number | null => (list.length === 0 ? null : list.filter(test).length / list.length);
    console.log(
      `${corpus.padEnd(32)}${language.padEnd(4)}${String(scams.length).padStart(6)}${String(legit.length).padStart(6)}${cell(auc(scams.map((i) => p[i]!), legit.map((i) => p[i]!)))}${cell(rate(scams, (i) => p[i]! >= cut[language]!))}${cell(rate(legit, (i) => p[i]! >= cut[language]!))}   ${cell(rate(scams, alone))}${cell(rate(legit, alone))}   ${cell(rate(scams, (i) => set[i]!.rules!.rank >= 2))}${cell(rate(legit, (i) => set[i]!.rules!.rank >= 2))}     ${cell(rate(scams, flagged))}${cell(rate(legit, flagged))}${cell(rate(spam, flagged))}`,
    );
  };
  for (const [key, indices] of groups) {
    const [corpus, language] = key.split('\t') as [string, ModelLanguage];
    print(corpus, language, indices, rows, probabilities);
  }
  if (evalOnly.length === 0) return;
  // Eval-only files: scored by one model fitted on all the tune rows (they are never fitted on).
  const model = fitModel(rows, options);
  const scored = evalOnly.map((row) => rowProbability(model, row));
  const byCorpus = new Map<string, number[]>();
  evalOnly.forEach((row, index) => {
    const key = `${row.corpus} (eval only)\t${row.language}`;
    byCorpus.set(key, [...(byCorpus.get(key) ?? []), index]);
  });
  for (const [key, indices] of [...byCorpus].sort(([a], [b]) => a.localeCompare(b))) {
    const [corpus, language] = key.split('\t') as [string, ModelLanguage];
    print(corpus, language, indices, evalOnly, scored);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === here('./model-experiment.ts')) {
  const sources = { evalDir: here('../../shared/eval/'), trainDir: here('../../shared/train/'), benignDir: here('./benign-fixtures/'), scamDir: here('./scam-fixtures/') };
  /**
   * A variant: options changed from DEFAULT_OPTIONS, one fit for both languages; `zhFixtures` also fits
   * bench/zh-table-fixtures/; `longFrom` calibrates short and long texts apart. The shipped model is two tables
   * (bench/train.ts): its English rows are `default`'s, its Chinese rows `script halves, zh fixtures`'s.
   */
  const variants: Record<string, Partial<TrainingOptions> & { zhFixtures?: boolean; longFrom?: number }> = {
    default: {},
    'spam 1': { spamWeight: 1 },
    'one fit': { averageOf: 1 },
    'no caller lines': { callerLines: false },
    'average 8': { averageOf: 8 },
    'l2 1e-5': { l2: 1e-5 },
    'l2 1e-7': { l2: 1e-7 },
    'spam 0.5': { spamWeight: 0.5 },
    'spam 0.1': { spamWeight: 0.1 },
    'one fit, spam 1': { averageOf: 1, spamWeight: 1 },
    'epochs 5': { epochs: 5 },
    'epochs 20': { epochs: 20 },
    'bits 20': { bits: 20 },
    'lr 0.1': { learningRate: 0.1 },
    'lr 0.5': { learningRate: 0.5 },
    windows: { windows: true },
    'windows, fitted': { windows: true, fitWindows: true },
    // One weight space per language (models/README.md, "One weight space per language").
    spaces: { languageSpaces: true },
    'zh fixtures': { zhFixtures: true },
    'spaces, zh fixtures': { languageSpaces: true, zhFixtures: true },
    'length 200': { longFrom: 200 },
    'spaces, length 200': { languageSpaces: true, longFrom: 200 },
    'spaces, zh fixtures, length 200': { languageSpaces: true, zhFixtures: true, longFrom: 200 },
    // Han n-grams in a 2^18 table of their own, the other scripts' features in the first: one fit, one bias.
    'script halves': { scriptHalves: true },
    'script halves, zh fixtures': { scriptHalves: true, zhFixtures: true },
    // The same with another shuffle (seed 7): how much of a difference the seed alone makes.
    'seed 7': { seed: 7 },
    'spaces, seed 7': { languageSpaces: true, seed: 7 },
    'spaces, zh fixtures, seed 7': { languageSpaces: true, zhFixtures: true, seed: 7 },
    'script halves, zh fixtures, seed 7': { scriptHalves: true, zhFixtures: true, seed: 7 },
    'script halves, zh fixtures, length 200': { scriptHalves: true, zhFixtures: true, longFrom: 200 },
  };
  const wanted = process.argv.slice(2);
  const cache = new Map<string, { rows: TrainingRow[]; evalOnly: TrainingRow[] }>();
  for (const [name, change] of Object.entries(variants)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const { zhFixtures, longFrom, ...optionChanges } = change;
    const options = { ...DEFAULT_OPTIONS, ...optionChanges };
    const key = JSON.stringify([zhFixtures === true, options.bits, options.folds, options.callerLines, options.windows, options.spamAsBenign, options.scriptHalves]);
    let data = cache.get(key);
    if (!data) {
      // Holdout rows are dropped before anything is fitted or printed.
      const rows = collectRows({ ...sources, ...(zhFixtures ? { chineseDir: here('./zh-table-fixtures/') } : {}) }, options).rows.filter((row) => row.split === 'tune');
      data = { rows, evalOnly: evalOnlyTuneRows(sources.trainDir, options) };
      cache.set(key, data);
    }
    runVariant(name, data.rows, options, data.evalOnly, longFrom === undefined ? {} : { longFrom });
  }
}
