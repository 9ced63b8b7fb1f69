/**
 * Measures detection on the shared, labeled corpora: `npm run eval -- [dir] [--train dir] [--json]
 * [--threshold medium] [--errors N] [--corpus name] [--split tune|holdout|all]`. Reads ../shared/eval and
 * ../shared/train (bench/corpora.ts, bench/train-corpora.ts; train rows also in ../shared/eval are dropped so
 * nothing counts twice) and judges every text with the detector the service builds by default
 * (src/service/checker-factory.ts without LLM settings). One row per corpus and per language of its texts:
 * recall, false-positive rate (legitimate texts) at medium and at high, precision and F1 for "scam"
 * (level >= threshold) against "not scam"; marketing spam and spam of unknown kind are not scams and their flag
 * rates are shown apart. `--split` keeps one deterministic half of every corpus (bench/split.ts): write rules
 * against `tune` misses only and report `holdout`. Corpus text stays in memory: nothing is written.
 * `--llm [--limit N]` also asks the configured LLM (LLM_* settings) and prints rules-only and combined figures
 * side by side (bench/llm-eval.ts); it exits with 2 when no LLM is configured or reachable.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Keyv from 'keyv';
import type { Logger } from '../src/core/adapter.ts';
import type { Checker } from '../src/core/checker.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { LevelSchema, levelRank, type Level, type Verdict } from '../src/core/verdict.ts';
import { createChecker } from '../src/service/checker-factory.ts';
import { loadCorpora, type Corpus, type Sample } from './corpora.ts';
import { loadTrainCorpora } from './train-corpora.ts';
import { inSplit, SPLITS, type Split } from './split.ts';
import { countPrediction, emptyTally, figures, type Figures, type Tally } from './metrics.ts';
import { formatLlmTable, LlmEvalUnavailable, reachableLlmConfig, runLlmEval } from './llm-eval.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../shared/eval/', import.meta.url));
const DEFAULT_TRAIN_DIR = fileURLToPath(new URL('../../shared/train/', import.meta.url));

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Miss {
  sample: Sample;
  verdict: Verdict;
}

/** Tallies of one row at the chosen threshold and at medium and high. */
interface RowTallies {
  at: Tally;
  medium: Tally;
  high: Tally;
}

/** One printed row: a corpus (or `all`) and one language of its texts. */
export interface EvalRow {
  name: string;
  language: string;
  /** `eval`, `fit` (train rows that may be fitted on) or `measure` (train rows that are eval only); `*` for totals. */
  use: string;
  /** Figures at the chosen threshold. */
  figures: Figures;
  medium: Figures;
  high: Figures;
}

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run eval -- [dir] [--train dir|none] [--json] [--threshold low|medium|high] [--errors N] [--corpus name] [--split tune|holdout|all] [--llm [--limit N]]`,
  );
  process.exit(2);
}

function format(value: number | null): string {
  return value === null ? '   -  ' : value.toFixed(3).padStart(6);
}

function useLabel(corpus: Corpus): string {
  if (corpus.origin === 'eval') return 'eval';
  return corpus.use === 'train+eval' ? 'fit' : 'measure';
}

function printTable(rows: EvalRow[], threshold: Level, seconds: number, samples: number): void {
  console.log(`scam = level >= ${threshold}; FPR over legitimate texts at medium and at high; spam% = marketing spam flagged; unk% = spam of unknown kind flagged`);
  console.log(`use: eval = ../shared/eval; fit = ../shared/train rows that may be trained on; measure = eval-only train rows`);
  console.log(
    `${'corpus'.padEnd(24)}${'lang'.padEnd(5)}${'use'.padEnd(8)}${'n'.padStart(6)}${'scams'.padStart(6)}${'legit'.padStart(6)}${'spam'.padStart(6)}${'unk'.padStart(6)}  recall FPR@med FPR@hi  precis      F1   spam%    unk%`,
  );
  for (const row of rows) {
    const f = row.figures;
    console.log(
      `${row.name.padEnd(24)}${row.language.padEnd(5)}${row.use.padEnd(8)}${String(f.n).padStart(6)}${String(f.scams).padStart(6)}${String(f.legitimate).padStart(6)}${String(f.spam).padStart(6)}${String(f.unknown).padStart(6)}  ${format(f.recall)} ${format(row.medium.falsePositiveRate)} ${format(row.high.falsePositiveRate)}  ${format(f.precision)}  ${format(f.f1)}  ${format(f.spamFlaggedRate)}  ${format(f.unknownFlaggedRate)}`,
    );
  }
  console.log(`${samples} samples in ${seconds.toFixed(2)} s (${Math.round(samples / seconds)} per second)`);
}

function clip(text: string, length = 300): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function printErrors(title: string, misses: Miss[], count: number): void {
  if (misses.length === 0) return;
  console.log(`\n${title} (${Math.min(count, misses.length)} of ${misses.length}):`);
  const step = Math.max(1, Math.floor(misses.length / count));
  for (let index = 0; index < misses.length && index / step < count; index += step) {
    const { sample, verdict } = misses[index] as Miss;
    const fired = verdict.signals.map((signal) => `${signal.ruleId}[${signal.quote.slice(0, 30)}]`).join(' ');
    console.log(`- [${sample.corpus} ${sample.subtype}] level=${verdict.level} score=${verdict.score.toFixed(1)} ${fired}\n  ${clip(sample.text)}`);
  }
}

function emptyRow(): RowTallies {
  return { at: emptyTally(), medium: emptyTally(), high: emptyTally() };
}

function rowOf(name: string, language: string, use: string, tallies: RowTallies): EvalRow {
  return { name, language, use, figures: figures(tallies.at), medium: figures(tallies.medium), high: figures(tallies.high) };
}

/** The detector the service builds when no LLM is configured: what a default install answers with. */
async function serviceChecker(rulesDir: string | undefined): Promise<Checker> {
  const setup = await createChecker({ env: {}, logger: quiet, cache: new Keyv(), secret: crypto.randomUUID(), ...(rulesDir ? { rulesDir } : {}) });
  return setup.checker;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      threshold: { type: 'string', default: 'medium' },
      errors: { type: 'string', default: '0' },
      corpus: { type: 'string' },
      rules: { type: 'string' },
      train: { type: 'string' },
      split: { type: 'string', default: 'all' },
      llm: { type: 'boolean', default: false },
      limit: { type: 'string' },
    },
  });
  const threshold = LevelSchema.safeParse(values.threshold);
  if (!threshold.success || threshold.data === 'none') usage(`--threshold must be low, medium or high`);
  const errorCount = Number(values.errors);
  if (!Number.isInteger(errorCount) || errorCount < 0) usage('--errors takes a whole number');
  const split = values.split as Split;
  if (!SPLITS.includes(split)) usage('--split must be tune, holdout or all');
  const dir = resolve(positionals[0] ?? DEFAULT_DIR);
  // Another eval folder (a test fixture) comes without the shared train folder unless --train names one.
  const trainDir = values.train === 'none' ? undefined : values.train ? resolve(values.train) : positionals[0] ? undefined : DEFAULT_TRAIN_DIR;
  const rulesDir = values.rules ? resolve(values.rules) : undefined;
  const corpora = [...loadCorpora(dir), ...(trainDir ? loadTrainCorpora(trainDir) : [])].filter((corpus) => !values.corpus || corpus.name === values.corpus);
  if (corpora.length === 0) usage(`no corpora found in ${dir}${trainDir ? ` or ${trainDir}` : ''}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) usage('--limit takes a whole number of samples per corpus');

  if (values.llm) {
    let config;
    try {
      config = await reachableLlmConfig(process.env);
    } catch (error) {
      if (!(error instanceof LlmEvalUnavailable) && !(error instanceof Error && 'variable' in error)) throw error;
      console.error(`eval --llm: ${(error as Error).message}`);
      process.exit(2);
    }
    const ruleset = rulesDir ? loadRuleset(rulesDir) : loadRuleset();
    const result = await runLlmEval(corpora, { config, ruleset, threshold: threshold.data, keep: (sample) => inSplit(sample.text, split), limit });
    console.log(values.json ? JSON.stringify({ mode: 'llm', split, ...result }, null, 2) : formatLlmTable(result));
    return;
  }

  const checker = await serviceChecker(rulesDir);
  const rows: EvalRow[] = [];
  const byLanguage = new Map<string, RowTallies>();
  const overall = emptyRow();
  const misses: Miss[] = [];
  const falseAlarms: Miss[] = [];
  const started = performance.now();
  let total = 0;
  for (const corpus of corpora) {
    const perLanguage = new Map<string, RowTallies>();
    for (const sample of corpus.samples) {
      if (!inSplit(sample.text, split)) continue;
      const verdict = checker.check({ kind: sample.kind, text: sample.text.slice(0, 200_000) }).instant;
      const rank = levelRank(verdict.level);
      const predictedScam = rank >= levelRank(threshold.data);
      let row = perLanguage.get(sample.language);
      if (!row) perLanguage.set(sample.language, (row = emptyRow()));
      let languageRow = byLanguage.get(sample.language);
      if (!languageRow) byLanguage.set(sample.language, (languageRow = emptyRow()));
      for (const target of [row, languageRow, overall]) {
        countPrediction(target.at, sample.truth, predictedScam);
        countPrediction(target.medium, sample.truth, rank >= levelRank('medium'));
        countPrediction(target.high, sample.truth, rank >= levelRank('high'));
      }
      if (sample.truth === 'scam' && !predictedScam) misses.push({ sample, verdict });
      if (sample.truth === 'legitimate' && predictedScam) falseAlarms.push({ sample, verdict });
      total += 1;
    }
    const languages = [...perLanguage].sort((a, b) => b[1].at.n - a[1].at.n);
    for (const [language, tallies] of languages) rows.push(rowOf(corpus.name, language, useLabel(corpus), tallies));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const [language, tallies] of [...byLanguage].sort((a, b) => b[1].at.n - a[1].at.n)) rows.push(rowOf('all', language, '*', tallies));
  if (byLanguage.size > 1) rows.push(rowOf('all', '*', '*', overall));

  if (values.json) {
    console.log(JSON.stringify({ threshold: threshold.data, split, seconds, samples: total, rows }, null, 2));
  } else {
    printTable(rows, threshold.data, seconds, total);
    if (errorCount > 0) {
      printErrors('missed scams', misses, errorCount);
      printErrors('false alarms', falseAlarms, errorCount);
    }
  }
}

await main();
