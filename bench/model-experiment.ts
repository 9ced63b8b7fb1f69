/**
 * Compares model variants on the training side only: `node bench/model-experiment.ts [variant…]`. Reads the tune
 * rows `npm run train` may fit on, k-fold cross-validates each variant inside tune and prints out-of-fold figures
 * (per corpus: AUC, model-alone recall and false alarms where 0.5% of the language's benign texts score higher, and rules + model with the thresholds the
 * trainer would choose). Holdout is never read. Corpus text stays in memory.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseThresholds, collectRows, DEFAULT_OPTIONS, outOfFold, type TrainingOptions, type TrainingRow } from './model-training.ts';

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

/** Cross-validates one set of options on the tune rows and prints the out-of-fold figures. */
export function runVariant(name: string, rows: readonly TrainingRow[], options: TrainingOptions): void {
  const started = performance.now();
  const probabilities = outOfFold(rows, options);
  const thresholds = chooseThresholds(rows, probabilities, options);
  console.log(`\n== ${name}  ${((performance.now() - started) / 1000).toFixed(1)} s  thresholds ${JSON.stringify(thresholds)}`);
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
    console.log(`${corpus}: ${values.length} rows, out of fold: top ${sorted.slice(0, 5).map((value) => value.toFixed(3)).join(' ')}, >= 0.5: ${values.filter((value) => value >= 0.5).length}`);
  }
  console.log(`${'corpus'.padEnd(26)}lang scams legit   AUC  rec@.5%p FPR  rules: rec  FPR   +model: rec  FPR  spam%`);
  const cell = (value: number | null): string => (value === null ? '    -' : value.toFixed(3)).padStart(6);
  for (const [key, indices] of groups) {
    const [corpus, language] = key.split('\t') as [string, 'en' | 'zh'];
    const t = thresholds[language];
    const scams = indices.filter((index) => rows[index]!.label === 1);
    const legit = indices.filter((index) => rows[index]!.label === 0 && !rows[index]!.spam);
    const spam = indices.filter((index) => rows[index]!.spam);
    if (scams.length + legit.length < 5) continue;
    const flagged = (index: number): boolean => {
      const row = rows[index]!;
      const rules = row.rules!;
      if (rules.rank >= 2) return true;
      return rules.open && probabilities[index]! >= (rules.rank === 0 ? t.medium : t.mediumWithRules);
    };
    const rate = (set: number[], test: (index: number) => boolean): number | null => (set.length === 0 ? null : set.filter(test).length / set.length);
    console.log(
      `${corpus.padEnd(26)}${language.padEnd(4)}${String(scams.length).padStart(6)}${String(legit.length).padStart(6)}${cell(auc(scams.map((i) => probabilities[i]!), legit.map((i) => probabilities[i]!)))}${cell(rate(scams, (i) => probabilities[i]! >= cut[language]!))}${cell(rate(legit, (i) => probabilities[i]! >= cut[language]!))}   ${cell(rate(scams, (i) => rows[i]!.rules!.rank >= 2))}${cell(rate(legit, (i) => rows[i]!.rules!.rank >= 2))}     ${cell(rate(scams, flagged))}${cell(rate(legit, flagged))}${cell(rate(spam, flagged))}`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === here('./model-experiment.ts')) {
  const sources = { evalDir: here('../../shared/eval/'), trainDir: here('../../shared/train/'), benignDir: here('./benign-fixtures/'), scamDir: here('./scam-fixtures/') };
  const variants: Record<string, Partial<TrainingOptions>> = {
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
  };
  const wanted = process.argv.slice(2);
  for (const [name, change] of Object.entries(variants)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const options = { ...DEFAULT_OPTIONS, ...change };
    // Holdout rows are dropped before anything is fitted or printed.
    const rows = collectRows(sources, options).rows.filter((row) => row.split === 'tune');
    runVariant(name, rows, options);
  }
}
