/**
 * Measures detection on the shared, labeled corpora: `npm run eval -- [dir] [--train dir] [--json]
 * [--threshold medium] [--errors N] [--corpus name] [--split tune|holdout|all]`. Reads ../shared/eval and
 * ../shared/train (bench/corpora.ts, bench/train-corpora.ts; train rows also in ../shared/eval are dropped so
 * nothing counts twice) and judges every text with the detector the service builds by default
 * (src/service/checker-factory.ts without LLM settings). One row per corpus and per language of its texts:
 * recall, false-positive rate (legitimate texts) at medium and at high, precision and F1 for "scam"
 * (level >= threshold) against "not scam"; marketing spam and spam of unknown kind are not scams and their flag
 * rates are shown apart. `--split` keeps one deterministic half of every corpus (bench/split.ts): write rules
 * against `tune` misses only and report `holdout`. A second table splits each corpus by how the detector read
 * its texts: the language it detected (verdict.language) when its rules read that language, and `unread` for
 * texts in a language the rules cannot read (verdict.rulesCoverLanguage false; those are answered "cannot read
 * this language", never "no warning signs"), with the languages counted. Corpus text stays in memory: nothing
 * is written.
 * `--llm [--limit N]` also asks the configured LLM (LLM_* settings) and prints rules-only and combined figures
 * side by side (bench/llm-eval.ts); it exits with 2 when no LLM is configured or reachable.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Keyv from 'keyv';
import type { Logger } from '../src/core/logger.ts';
import type { Checker } from '../src/core/checker.ts';
import { analyze } from '../src/core/analyze.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { LevelSchema, levelRank, type Level, type Verdict } from '../src/core/verdict.ts';
import { createChecker, localModelFromEnv } from '../src/service/checker-factory.ts';
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

/** Tallies of one detector at the chosen threshold and at medium and high. */
interface LevelTallies {
  at: Tally;
  medium: Tally;
  high: Tally;
}

/** The three detectors compared: rules alone, the local model alone, and both (what the service answers). */
const DETECTORS = ['rules', 'model', 'combined'] as const;
type Detector = (typeof DETECTORS)[number];
type RowTallies = Record<Detector, LevelTallies>;

/** One detector's figures in a row. */
export interface DetectorFigures {
  /** At the chosen threshold. */
  figures: Figures;
  medium: Figures;
  high: Figures;
}

/** One printed row: a corpus (or `all`) and one language of its texts. */
export interface EvalRow {
  name: string;
  language: string;
  /** `eval`, `fit` (train rows that may be fitted on) or `measure` (train rows that are eval only); `*` for totals. */
  use: string;
  /** The service's default detector (rules + local model), at the chosen threshold. */
  figures: Figures;
  medium: Figures;
  high: Figures;
  rules: DetectorFigures;
  /** The local model alone: medium and high where its probability reaches the calibrated thresholds. */
  model: DetectorFigures;
}

/** The label of a reading row: the detected language when the rules read it, else this. */
export const UNREAD = 'unread';

/** One row of the second table: a corpus and how the detector read its texts. */
export interface ReadingRow extends EvalRow {
  /** For the `unread` row: how many texts of each detected language it holds. */
  languages?: Record<string, number>;
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

function printTable(rows: EvalRow[], threshold: Level, seconds: number, samples: number, modelOn: boolean): void {
  console.log(`scam = level >= ${threshold}; FPR over legitimate texts at medium (FPR@m) and high (FPR@h); spam% = marketing spam flagged; unk% = spam of unknown kind flagged`);
  console.log(`use: eval = ../shared/eval; fit = ../shared/train rows that may be trained on; measure = eval-only train rows`);
  if (!modelOn) console.log('local model off (LOCAL_MODEL=off): model columns empty, combined = rules');
  const cell = (value: number | null): string => (value === null ? '    -' : value.toFixed(3).slice(value >= 1 ? 0 : 1).padStart(5));
  const group = (figures: DetectorFigures): string => `${cell(figures.figures.recall)} ${cell(figures.medium.falsePositiveRate)} ${cell(figures.high.falsePositiveRate)}`;
  console.log(`${''.padEnd(63)}${'rules only'.padEnd(20)}${'model only'.padEnd(20)}combined (the service)`);
  console.log(
    `${'corpus'.padEnd(24)}${'lang'.padEnd(5)}${'use'.padEnd(8)}${'n'.padStart(6)}${'scams'.padStart(6)}${'legit'.padStart(6)}${'spam'.padStart(6)}${'unk'.padStart(6)}   ${'recal FPR@m FPR@h   '.repeat(3)}spam%  unk%`,
  );
  for (const row of rows) {
    const f = row.figures;
    const combined: DetectorFigures = { figures: row.figures, medium: row.medium, high: row.high };
    console.log(
      `${row.name.padEnd(24)}${row.language.padEnd(5)}${row.use.padEnd(8)}${String(f.n).padStart(6)}${String(f.scams).padStart(6)}${String(f.legitimate).padStart(6)}${String(f.spam).padStart(6)}${String(f.unknown).padStart(6)}   ${group(row.rules)}   ${modelOn ? group(row.model) : ' '.repeat(17)}   ${group(combined)}   ${cell(f.spamFlaggedRate)} ${cell(f.unknownFlaggedRate)}`,
    );
  }
  console.log(`${samples} samples in ${seconds.toFixed(2)} s (${Math.round(samples / seconds)} per second)`);
}

function printReadings(rows: ReadingRow[]): void {
  console.log(`\nby the detector's reading: the language it detected where its rules read it; ${UNREAD} = a language the rules cannot read`);
  const cell = (value: number | null): string => (value === null ? '    -' : value.toFixed(3).slice(value >= 1 ? 0 : 1).padStart(5));
  const group = (figures: DetectorFigures): string => `${cell(figures.figures.recall)} ${cell(figures.medium.falsePositiveRate)} ${cell(figures.high.falsePositiveRate)}`;
  console.log(`${''.padEnd(49)}${'rules only'.padEnd(20)}combined`);
  console.log(`${'corpus'.padEnd(24)}${'read as'.padEnd(8)}${'n'.padStart(6)}${'scams'.padStart(6)}${'legit'.padStart(6)}   ${'recal FPR@m FPR@h   '.repeat(2)}languages`);
  for (const row of rows) {
    const f = row.figures;
    const combined: DetectorFigures = { figures: row.figures, medium: row.medium, high: row.high };
    const languages = row.languages ? Object.entries(row.languages).sort((a, b) => b[1] - a[1]).map(([language, count]) => `${language} ${count}`).join(', ') : '';
    console.log(`${row.name.padEnd(24)}${row.language.padEnd(8)}${String(f.n).padStart(6)}${String(f.scams).padStart(6)}${String(f.legitimate).padStart(6)}   ${group(row.rules)}   ${group(combined)}   ${languages}`);
  }
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

function emptyLevels(): LevelTallies {
  return { at: emptyTally(), medium: emptyTally(), high: emptyTally() };
}

function emptyRow(): RowTallies {
  return { rules: emptyLevels(), model: emptyLevels(), combined: emptyLevels() };
}

function detectorFigures(tallies: LevelTallies): DetectorFigures {
  return { figures: figures(tallies.at), medium: figures(tallies.medium), high: figures(tallies.high) };
}

function rowOf(name: string, language: string, use: string, tallies: RowTallies): EvalRow {
  const combined = detectorFigures(tallies.combined);
  return { name, language, use, ...combined, rules: detectorFigures(tallies.rules), model: detectorFigures(tallies.model) };
}

/**
 * The detector the service builds when no LLM is configured (rules + the local model, or rules alone with
 * LOCAL_MODEL=off): what a default install answers with.
 */
async function serviceChecker(rulesDir: string | undefined): Promise<Checker> {
  const env = { LOCAL_MODEL: process.env.LOCAL_MODEL, LOCAL_MODEL_PATH: process.env.LOCAL_MODEL_PATH };
  const setup = await createChecker({ env, logger: quiet, cache: new Keyv(), secret: crypto.randomUUID(), ...(rulesDir ? { rulesDir } : {}) });
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
    const localModel = localModelFromEnv({ LOCAL_MODEL: process.env.LOCAL_MODEL, LOCAL_MODEL_PATH: process.env.LOCAL_MODEL_PATH });
    const result = await runLlmEval(corpora, { config, ruleset, threshold: threshold.data, keep: (sample) => inSplit(sample.text, split), limit, localModel });
    console.log(values.json ? JSON.stringify({ mode: 'llm', split, ...result }, null, 2) : formatLlmTable(result));
    return;
  }

  const checker = await serviceChecker(rulesDir);
  const ruleset = rulesDir ? loadRuleset(rulesDir) : loadRuleset();
  let modelOn = false;
  const rows: EvalRow[] = [];
  const readings: ReadingRow[] = [];
  const byLanguage = new Map<string, RowTallies>();
  const overall = emptyRow();
  const misses: Miss[] = [];
  const falseAlarms: Miss[] = [];
  const started = performance.now();
  let total = 0;
  for (const corpus of corpora) {
    const perLanguage = new Map<string, RowTallies>();
    const perReading = new Map<string, RowTallies>();
    const unreadLanguages: Record<string, number> = {};
    for (const sample of corpus.samples) {
      if (!inSplit(sample.text, split)) continue;
      const request = { kind: sample.kind, text: sample.text.slice(0, 200_000) } as const;
      const verdict = checker.check(request).instant;
      const model = verdict.localModel;
      if (model) modelOn = true;
      // The policy changes the level only when the model fired, so only then is the rules-only verdict asked for.
      const ranks: Record<Detector, number> = {
        combined: levelRank(verdict.level),
        rules: model?.fired ? levelRank(analyze(request, ruleset).level) : levelRank(verdict.level),
        model: model ? levelRank(model.reaches) : 0,
      };
      const predictedScam = ranks.combined >= levelRank(threshold.data);
      let row = perLanguage.get(sample.language);
      if (!row) perLanguage.set(sample.language, (row = emptyRow()));
      let languageRow = byLanguage.get(sample.language);
      if (!languageRow) byLanguage.set(sample.language, (languageRow = emptyRow()));
      const reading = verdict.rulesCoverLanguage ? verdict.language : UNREAD;
      if (!verdict.rulesCoverLanguage) unreadLanguages[verdict.language] = (unreadLanguages[verdict.language] ?? 0) + 1;
      let readingRow = perReading.get(reading);
      if (!readingRow) perReading.set(reading, (readingRow = emptyRow()));
      for (const target of [row, languageRow, overall, readingRow]) {
        for (const detector of DETECTORS) {
          const rank = ranks[detector];
          countPrediction(target[detector].at, sample.truth, rank >= levelRank(threshold.data));
          countPrediction(target[detector].medium, sample.truth, rank >= levelRank('medium'));
          countPrediction(target[detector].high, sample.truth, rank >= levelRank('high'));
        }
      }
      if (sample.truth === 'scam' && !predictedScam) misses.push({ sample, verdict });
      if (sample.truth === 'legitimate' && predictedScam) falseAlarms.push({ sample, verdict });
      total += 1;
    }
    const languages = [...perLanguage].sort((a, b) => b[1].combined.at.n - a[1].combined.at.n);
    for (const [language, tallies] of languages) rows.push(rowOf(corpus.name, language, useLabel(corpus), tallies));
    for (const [reading, tallies] of [...perReading].sort((a, b) => b[1].combined.at.n - a[1].combined.at.n)) {
      readings.push({ ...rowOf(corpus.name, reading, useLabel(corpus), tallies), ...(reading === UNREAD ? { languages: { ...unreadLanguages } } : {}) });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  for (const [language, tallies] of [...byLanguage].sort((a, b) => b[1].combined.at.n - a[1].combined.at.n)) rows.push(rowOf('all', language, '*', tallies));
  if (byLanguage.size > 1) rows.push(rowOf('all', '*', '*', overall));

  if (values.json) {
    console.log(JSON.stringify({ threshold: threshold.data, split, seconds, samples: total, localModel: modelOn, rows, readings }, null, 2));
  } else {
    printTable(rows, threshold.data, seconds, total, modelOn);
    printReadings(readings);
    if (errorCount > 0) {
      printErrors('missed scams', misses, errorCount);
      printErrors('false alarms', falseAlarms, errorCount);
    }
  }
}

await main();
