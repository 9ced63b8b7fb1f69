/**
 * `node bench/compare-fasttext.ts`: the measurement that chose the local model's learner. Both learners see the
 * same rows (the `tune` half of the fittable data, bench/model-training.ts) and are scored on the same
 * cross-validation fold of it (fold 0 held out, never the `holdout` split): the TypeScript logistic regression
 * over hashed n-grams, and Debian's `fasttext` CLI (supervised, one thread, fixed seed; Chinese split into
 * characters so `-wordNgrams 4` gives character 1–4-grams, `-minn 3 -maxn 5` subwords for other scripts).
 * Prints per language the ROC AUC, recall at ≤ 0.5% false positives, model size and scoring time. Needs
 * `apt-get install fasttext`; the texts go to a temporary folder for the CLI and are deleted afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFeatureBuffer, extractFeatures, featureLanguage } from '../src/core/model/features.ts';
import { normalize } from '../src/core/normalize.ts';
import { loadCorpora } from './corpora.ts';
import { predict, trainLinear } from './linear-trainer.ts';
import { DEFAULT_OPTIONS, foldOf, readBenignFixtures } from './model-training.ts';
import { splitOf } from './split.ts';
import { loadTrainCorpora } from './train-corpora.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

interface Row {
  text: string;
  label: 0 | 1;
  language: 'en' | 'zh';
  indices: Int32Array;
  test: boolean;
}

function rows(): Row[] {
  const buffer = createFeatureBuffer();
  const result: Row[] = [];
  const add = (text: string, label: 0 | 1, test: boolean): void => {
    const folded = normalize(text).text;
    extractFeatures(folded, DEFAULT_OPTIONS.bits, buffer);
    result.push({ text: folded, label, language: featureLanguage(buffer), indices: buffer.indices.slice(0, buffer.count), test });
  };
  const corpora = [...loadCorpora(here('../../shared/eval/')), ...loadTrainCorpora(here('../../shared/train/'), { only: 'train+eval' })];
  for (const sample of corpora.flatMap((corpus) => corpus.samples)) {
    if (sample.truth === 'unknown' || splitOf(sample.text) !== 'tune') continue;
    add(sample.text, sample.truth === 'scam' ? 1 : 0, foldOf(sample.text, DEFAULT_OPTIONS.folds) === 0);
  }
  for (const fixture of readBenignFixtures(here('./benign-fixtures/'))) for (const text of fixture.texts) add(text, 0, false);
  return result;
}

/** fastText's input: Han characters as separate tokens, everything on one line. */
function fastTextLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/(\p{Script=Han})/gu, ' $1 ').replace(/\s+/g, ' ').trim();
}

function auc(scores: readonly { score: number; label: 0 | 1 }[]): number {
  const sorted = [...scores].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let positives = 0;
  sorted.forEach((entry, index) => {
    if (entry.label === 1) {
      rankSum += index + 1;
      positives += 1;
    }
  });
  const negatives = sorted.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function recallAtFpr(scores: readonly { score: number; label: 0 | 1 }[], fpr: number): number {
  const benign = scores.filter((entry) => entry.label === 0).map((entry) => entry.score).sort((a, b) => b - a);
  const threshold = (benign[Math.floor(fpr * benign.length)] ?? 0) + 1e-9;
  const scams = scores.filter((entry) => entry.label === 1);
  return scams.filter((entry) => entry.score >= threshold).length / scams.length;
}

function report(name: string, test: readonly Row[], scores: readonly number[], bytes: number, microsPerText: number): void {
  for (const language of ['en', 'zh'] as const) {
    const picked = test.map((row, index) => ({ score: scores[index] as number, label: row.label, language: row.language })).filter((entry) => entry.language === language);
    console.log(
      `${name.padEnd(22)}${language}  AUC ${auc(picked).toFixed(4)}  recall@0.5%FPR ${recallAtFpr(picked, 0.005).toFixed(3)}  model ${(bytes / 1e6).toFixed(2)} MB  ${microsPerText.toFixed(1)} µs/text`,
    );
  }
}

const all = rows();
const fit = all.filter((row) => !row.test);
const test = all.filter((row) => row.test);
console.log(`${fit.length} rows fitted, ${test.length} scored (fold 0 of tune)`);

let started = performance.now();
const linear = trainLinear(
  fit.map((row) => ({ indices: row.indices, label: row.label, weight: 1 })),
  DEFAULT_OPTIONS,
);
const linearTrainSeconds = (performance.now() - started) / 1000;
started = performance.now();
const linearScores = test.map((row) => predict(linear, row.indices));
report('logistic (TypeScript)', test, linearScores, (1 << DEFAULT_OPTIONS.bits) * 4, ((performance.now() - started) * 1000) / test.length);
console.log(`  trained in ${linearTrainSeconds.toFixed(1)} s`);

const dir = mkdtempSync(join(tmpdir(), 'safeword-fasttext-'));
try {
  writeFileSync(join(dir, 'fit.txt'), fit.map((row) => `__label__${row.label === 1 ? 'scam' : 'other'} ${fastTextLine(row.text)}`).join('\n'));
  writeFileSync(join(dir, 'test.txt'), test.map((row) => fastTextLine(row.text)).join('\n'));
  for (const [name, extra] of [
    ['fastText dim 16', ['-dim', '16']],
    ['fastText dim 50', ['-dim', '50']],
  ] as const) {
    started = performance.now();
    execFileSync('fasttext', ['supervised', '-input', join(dir, 'fit.txt'), '-output', join(dir, 'model'), ...extra, '-epoch', '10', '-lr', '0.5', '-wordNgrams', '4', '-minn', '3', '-maxn', '5', '-bucket', '262144', '-thread', '1', '-seed', '1', '-verbose', '0']);
    const trainSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const output = execFileSync('fasttext', ['predict-prob', join(dir, 'model.bin'), join(dir, 'test.txt'), '2'], { maxBuffer: 64 << 20 }).toString();
    const micros = ((performance.now() - started) * 1000) / test.length;
    const scores = output
      .trimEnd()
      .split('\n')
      .map((line) => {
        const parts = line.split(' ');
        for (let index = 0; index + 1 < parts.length; index += 2) if (parts[index] === '__label__scam') return Number(parts[index + 1]);
        return 0;
      });
    report(name, test, scores, statSync(join(dir, 'model.bin')).size, micros);
    console.log(`  trained in ${trainSeconds.toFixed(1)} s (µs/text includes the CLI's start-up)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
