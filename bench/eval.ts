/**
 * Measures detection on the shared, labeled corpora: `npm run eval -- [dir] [--json] [--threshold medium]
 * [--errors N] [--corpus name] [--split tune|holdout|all]`. Prints precision, recall, false-positive rate
 * (legitimate messages) and F1 per corpus and per language for "scam" (level >= threshold) against "not scam";
 * marketing spam is not a scam and its flag rate is shown apart. `--split` keeps one deterministic half of every corpus (bench/split.ts):
 * write rules against `tune` misses only and report `holdout`. Corpus text stays in memory: nothing is written.
 * `--llm [--limit N]` also asks the configured LLM (LLM_* settings) and prints rules-only and combined figures
 * side by side (bench/llm-eval.ts); it exits with 2 when no LLM is configured or reachable.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze } from '../src/core/analyze.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { LevelSchema, levelRank, type Level, type Verdict } from '../src/core/verdict.ts';
import { loadCorpora, type Sample } from './corpora.ts';
import { inSplit, SPLITS, type Split } from './split.ts';
import { countPrediction, emptyTally, figures, type Figures, type Tally } from './metrics.ts';
import { formatLlmTable, LlmEvalUnavailable, reachableLlmConfig, runLlmEval } from './llm-eval.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../shared/eval/', import.meta.url));

interface Miss {
  sample: Sample;
  verdict: Verdict;
}

interface Row {
  name: string;
  language: string;
  figures: Figures;
}

function usage(message: string): never {
  console.error(`${message}\nusage: npm run eval -- [dir] [--json] [--threshold low|medium|high] [--errors N] [--corpus name] [--split tune|holdout|all] [--llm [--limit N]]`);
  process.exit(2);
}

function format(value: number | null): string {
  return value === null ? '   -  ' : value.toFixed(3).padStart(6);
}

function printTable(rows: Row[], threshold: Level, seconds: number, samples: number): void {
  console.log(`scam = level >= ${threshold}; FPR over legitimate; spam% = marketing spam flagged as scam`);
  console.log(`${'corpus'.padEnd(22)}${'lang'.padEnd(6)}${'n'.padStart(6)}${'scams'.padStart(7)}${'legit'.padStart(7)}${'spam'.padStart(6)}  precis  recall     FPR      F1   spam%`);
  for (const row of rows) {
    const f = row.figures;
    console.log(
      `${row.name.padEnd(22)}${row.language.padEnd(6)}${String(f.n).padStart(6)}${String(f.scams).padStart(7)}${String(f.legitimate).padStart(7)}${String(f.spam).padStart(6)}  ${format(f.precision)}  ${format(f.recall)}  ${format(f.falsePositiveRate)}  ${format(f.f1)}  ${format(f.spamFlaggedRate)}`,
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
    console.log(`- [${sample.subtype}] level=${verdict.level} score=${verdict.score.toFixed(1)} ${fired}\n  ${clip(sample.text)}`);
  }
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
  const ruleset = values.rules ? loadRuleset(resolve(values.rules)) : loadRuleset();
  const corpora = loadCorpora(dir).filter((corpus) => !values.corpus || corpus.name === values.corpus);
  if (corpora.length === 0) usage(`no corpora found in ${dir}`);
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
    const result = await runLlmEval(corpora, { config, ruleset, threshold: threshold.data, keep: (sample) => inSplit(sample.text, split), limit });
    console.log(values.json ? JSON.stringify({ mode: 'llm', split, ...result }, null, 2) : formatLlmTable(result));
    return;
  }

  const rows: Row[] = [];
  const byLanguage = new Map<string, Tally>();
  const overall = emptyTally();
  const misses: Miss[] = [];
  const falseAlarms: Miss[] = [];
  const started = performance.now();
  let total = 0;
  for (const corpus of corpora) {
    const tally = emptyTally();
    const languageTally = byLanguage.get(corpus.language) ?? emptyTally();
    byLanguage.set(corpus.language, languageTally);
    for (const sample of corpus.samples.filter((candidate) => inSplit(candidate.text, split))) {
      const verdict = analyze({ kind: sample.kind, text: sample.text.slice(0, 200_000) }, ruleset);
      const predictedScam = levelRank(verdict.level) >= levelRank(threshold.data);
      for (const target of [tally, languageTally, overall]) countPrediction(target, sample.truth, predictedScam);
      if (sample.truth === 'scam' && !predictedScam) misses.push({ sample, verdict });
      if (sample.truth !== 'scam' && predictedScam) falseAlarms.push({ sample, verdict });
      total += 1;
    }
    rows.push({ name: corpus.name, language: corpus.language, figures: figures(tally) });
  }
  const seconds = (performance.now() - started) / 1000;
  for (const [language, tally] of byLanguage) rows.push({ name: 'all', language, figures: figures(tally) });
  if (byLanguage.size > 1) rows.push({ name: 'all', language: '*', figures: figures(overall) });

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
