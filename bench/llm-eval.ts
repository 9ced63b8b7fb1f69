/**
 * `npm run eval -- --llm`: the same corpora judged by the rules alone and by rules + the configured LLM
 * second opinion (the combination policy of src/llm/combine.ts), side by side. Uses the LLM_* settings of
 * the environment; nothing is cached on disk and no corpus text is written anywhere.
 */
import Keyv from 'keyv';
import type { Logger } from '../src/core/adapter.ts';
import type { Ruleset } from '../src/core/ruleset.ts';
import { levelRank, type Level } from '../src/core/verdict.ts';
import { parseLlmConfig, type LlmConfig } from '../src/llm/config.ts';
import { createLlmServices } from '../src/llm/setup.ts';
import { createLlmClient } from '../src/llm/transcribe.ts';
import type { Corpus, Sample } from './corpora.ts';
import { countPrediction, emptyTally, figures, type Figures, type Tally } from './metrics.ts';

/** One line of the side-by-side table. */
export interface LlmRow {
  name: string;
  language: string;
  rules: Figures;
  combined: Figures;
  /** Samples whose second opinion was unavailable (the combined figure then used the rules verdict). */
  unavailable: number;
  /** Samples whose level the second opinion changed. */
  changed: number;
}

/** The whole LLM evaluation. */
export interface LlmEvalResult {
  model: string;
  endpoint: string;
  threshold: Level;
  samples: number;
  seconds: number;
  rows: LlmRow[];
}

/** Why the LLM evaluation cannot run: no settings, or the endpoint does not answer. */
export class LlmEvalUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlmEvalUnavailable';
  }
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function endpointOf(config: LlmConfig): string {
  return config.baseUrl ? new URL(config.baseUrl).host : 'api.openai.com';
}

/**
 * The LLM settings from the environment, checked to be reachable (GET /models answers, whatever its status).
 * Throws {@link LlmEvalUnavailable} with a clear message when none are set or the server cannot be reached.
 */
export async function reachableLlmConfig(env: NodeJS.ProcessEnv): Promise<LlmConfig> {
  const config = parseLlmConfig(env);
  if (!config) {
    throw new LlmEvalUnavailable(
      'no LLM configured: set LLM_MODEL and LLM_BASE_URL (e.g. LLM_BASE_URL=http://localhost:11434/v1 LLM_MODEL=qwen2.5:7b for Ollama), or LLM_API_KEY for OpenAI; see the README',
    );
  }
  const client = createLlmClient(config);
  try {
    await client.models.list({ timeout: config.timeoutMs, maxRetries: 0 });
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number') {
      throw new LlmEvalUnavailable(`the LLM at ${endpointOf(config)} is not reachable (${(error as Error).message}); start it or fix LLM_BASE_URL`);
    }
  }
  return config;
}

/** Runs `worker` over `items` with at most `limit` in flight, keeping order in the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Options for {@link runLlmEval}. */
export interface LlmEvalOptions {
  config: LlmConfig;
  ruleset: Ruleset;
  threshold: Level;
  /** Keeps only the samples this returns true for (the eval's --split). */
  keep: (sample: Sample) => boolean;
  /** At most this many samples per corpus, spread evenly (LLM calls are slow); undefined for all. */
  limit?: number | undefined;
}

function spread<T>(items: readonly T[], limit: number | undefined): T[] {
  if (limit === undefined || items.length <= limit) return [...items];
  const step = items.length / limit;
  return Array.from({ length: limit }, (_unused, index) => items[Math.floor(index * step)] as T);
}

/** Judges every kept sample with the rules and with rules + LLM, and tallies both per corpus and language. */
export async function runLlmEval(corpora: readonly Corpus[], options: LlmEvalOptions): Promise<LlmEvalResult> {
  const { checker } = createLlmServices(options.config, {
    ruleset: options.ruleset,
    store: new Keyv(),
    secret: crypto.randomUUID(),
    logger: quiet,
  });
  const rows: LlmRow[] = [];
  const perLanguage = new Map<string, { rules: Tally; combined: Tally; unavailable: number; changed: number }>();
  const started = performance.now();
  let samples = 0;
  const flagged = (level: Level): boolean => levelRank(level) >= levelRank(options.threshold);
  for (const corpus of corpora) {
    const chosen = spread(corpus.samples.filter(options.keep), options.limit);
    const verdicts = await mapLimited(chosen, options.config.maxConcurrency, async (sample) => {
      const outcome = checker.check({ kind: sample.kind, text: sample.text.slice(0, 200_000) });
      return { sample, instant: outcome.instant, refined: await outcome.refined };
    });
    const rules = emptyTally();
    const combined = emptyTally();
    let unavailable = 0;
    let changed = 0;
    const language = perLanguage.get(corpus.language) ?? { rules: emptyTally(), combined: emptyTally(), unavailable: 0, changed: 0 };
    perLanguage.set(corpus.language, language);
    for (const { sample, instant, refined } of verdicts) {
      countPrediction(rules, sample.truth, flagged(instant.level));
      countPrediction(combined, sample.truth, flagged(refined.level));
      countPrediction(language.rules, sample.truth, flagged(instant.level));
      countPrediction(language.combined, sample.truth, flagged(refined.level));
      if (refined.secondOpinion.status === 'unavailable') {
        unavailable += 1;
        language.unavailable += 1;
      }
      if (refined.level !== instant.level) {
        changed += 1;
        language.changed += 1;
      }
    }
    samples += verdicts.length;
    rows.push({ name: corpus.name, language: corpus.language, rules: figures(rules), combined: figures(combined), unavailable, changed });
  }
  for (const [language, tallies] of perLanguage) {
    rows.push({ name: 'all', language, rules: figures(tallies.rules), combined: figures(tallies.combined), unavailable: tallies.unavailable, changed: tallies.changed });
  }
  return {
    model: options.config.model,
    endpoint: endpointOf(options.config),
    threshold: options.threshold,
    samples,
    seconds: (performance.now() - started) / 1000,
    rows,
  };
}

function cell(value: number | null): string {
  return value === null ? '    - ' : value.toFixed(3).padStart(6);
}

/** The side-by-side table, for people. */
export function formatLlmTable(result: LlmEvalResult): string {
  const lines = [
    `rules only vs rules + LLM second opinion (${result.model} at ${result.endpoint}); scam = level >= ${result.threshold}`,
    `${''.padEnd(33)}${'rules only'.padEnd(22)}rules + LLM`,
    `${'corpus'.padEnd(20)}${'lang'.padEnd(5)}${'n'.padStart(6)}  recall    FPR     F1   recall    FPR     F1  changed  unavail`,
  ];
  for (const row of result.rows) {
    lines.push(
      `${row.name.padEnd(20)}${row.language.padEnd(5)}${String(row.rules.n).padStart(6)}  ${cell(row.rules.recall)} ${cell(row.rules.falsePositiveRate)} ${cell(row.rules.f1)}  ${cell(row.combined.recall)} ${cell(row.combined.falsePositiveRate)} ${cell(row.combined.f1)}  ${String(row.changed).padStart(7)}  ${String(row.unavailable).padStart(7)}`,
    );
  }
  lines.push(`${result.samples} samples in ${result.seconds.toFixed(1)} s`);
  return lines.join('\n');
}
