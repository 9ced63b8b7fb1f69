import type { Registry } from 'prom-client';
import type { Checker, CheckOptions, CheckOutcome } from '../core/checker.ts';
import type { CheckRequest } from '../core/request.ts';
import { OcrError, type ImageReader } from '../image/ocr-pool.ts';
import type { StoreFaultKind } from './store-health.ts';

/** Prometheus metrics of one process. Labels are small closed sets: never message text, user or chat ids. */
export interface Metrics {
  /** Wraps a checker so every check is counted and timed (instant and refined phase). */
  meter(checker: Checker): Checker;
  /** Wraps the screenshot reader so every image read is timed, by outcome (ok, or the OCR failure's code). */
  meterImages(reader: ImageReader): ImageReader;
  storeFault(kind: StoreFaultKind): void;
  shed(reason: 'overloaded' | 'client_gone'): void;
  /** The exposition text for GET /metrics. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
  /** The LLM circuit breaker's state, when a second opinion is configured. */
  breakerState?: () => 'closed' | 'open' | 'half_open';
  /** Adds the process metrics (memory, CPU, event-loop lag); default true. */
  processMetrics?: boolean;
}

const PLATFORMS = new Set(['api', 'web', 'cli', 'telegram', 'discord', 'slack']);
const BREAKER_STATES = ['closed', 'open', 'half_open'] as const;

type Labels = Record<string, string>;
/** One value as prom-client's registry renders it (the shape its own metrics' get() returns). */
interface MetricValue {
  value: number;
  labels: Labels;
  metricName?: string;
  sharedLabels?: Labels;
}
/** What prom-client's Registry needs of a metric: name, help, type and get() (plus reset for resetMetrics). */
interface OwnMetric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: 'sum';
  get(): { name: string; help: string; type: string; aggregator: 'sum'; values: MetricValue[] };
  reset(): void;
}

const labelKey = (labels: Labels): string => JSON.stringify(labels);

function ownCounter(name: string, help: string): OwnMetric & { inc(labels: Labels): void } {
  const values = new Map<string, MetricValue>();
  return {
    name,
    help,
    type: 'counter',
    aggregator: 'sum',
    inc(labels) {
      const key = labelKey(labels);
      const entry = values.get(key);
      if (entry) entry.value += 1;
      else values.set(key, { value: 1, labels: { ...labels } });
    },
    get: () => ({ name, help, type: 'counter', aggregator: 'sum', values: [...values.values()].map((entry) => ({ ...entry })) }),
    reset: () => values.clear(),
  };
}

function ownHistogram(name: string, help: string, buckets: readonly number[]): OwnMetric & { observe(labels: Labels, value: number): void } {
  const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  return {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    observe(labels, value) {
      const key = labelKey(labels);
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { labels: { ...labels }, counts: buckets.map(() => 0), sum: 0, count: 0 }));
      const bucket = buckets.findIndex((bound) => value <= bound);
      if (bucket >= 0) entry.counts[bucket] = (entry.counts[bucket] as number) + 1;
      entry.sum += value;
      entry.count += 1;
    },
    get() {
      // As prom-client's Histogram renders: cumulative buckets with le first, then +Inf, _sum and _count.
      const values: MetricValue[] = [];
      for (const entry of series.values()) {
        let cumulative = 0;
        buckets.forEach((bound, index) => {
          cumulative += entry.counts[index] as number;
          values.push({ value: cumulative, labels: { le: String(bound) }, metricName: `${name}_bucket`, sharedLabels: entry.labels });
        });
        values.push({ value: entry.count, labels: { le: '+Inf' }, metricName: `${name}_bucket`, sharedLabels: entry.labels });
        values.push({ value: entry.sum, labels: {}, metricName: `${name}_sum`, sharedLabels: entry.labels });
        values.push({ value: entry.count, labels: {}, metricName: `${name}_count`, sharedLabels: entry.labels });
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    },
    reset: () => series.clear(),
  };
}

/**
 * Creates the metrics of one service (so tests and several services never share counters). The counts live
 * in this module's own small store from the start; prom-client (its Registry renders them, and its default
 * metrics add memory, CPU and event-loop lag) is imported on the first GET /metrics only: importing it costs
 * an idle worker ~7.7 MB RSS (measured 2026-12-03 after zod, yaml, tldts and keyv: 65.2 → 72.9 MB), and most
 * installations are never scraped. prom-client's process metrics therefore start at the first scrape: its CPU
 * and GC counters count from there (rate() over them is unaffected), memory and handles are read at each scrape.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const checks = ownCounter('safeword_checks_total', 'Checks answered (instant phase), by platform, kind, level and language.');
  const duration = ownHistogram('safeword_check_duration_seconds', 'Time to the instant rules verdict and to the refined verdict.', [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30]);
  const secondOpinions = ownCounter(
    'safeword_second_opinions_total',
    'Refined verdicts by where the second opinion came from: ok = LLM call answered, cached = cache hit, unavailable = failed or skipped.',
  );
  const refinedLevels = ownCounter('safeword_refined_checks_total', 'Refined verdicts by level, and whether the level differs from the instant one.');
  const storeErrors = ownCounter('safeword_store_errors_total', 'Failed store calls, by kind.');
  const shed = ownCounter('safeword_shed_requests_total', 'Checks not done: over the in-flight cap (503), or the client left.');
  const ocr = ownHistogram('safeword_ocr_duration_seconds', 'Time to read one screenshot (queue wait included), by outcome: ok or the failure (busy, timeout, decode, internal, closed).', [0.1, 0.25, 0.5, 1, 2, 5, 10, 30]);
  const own: OwnMetric[] = [checks, duration, secondOpinions, refinedLevels, storeErrors, shed, ocr];
  if (options.breakerState) {
    const state = options.breakerState;
    const name = 'safeword_llm_breaker_state';
    const help = 'LLM circuit breaker: 1 for the current state.';
    own.push({
      name,
      help,
      type: 'gauge',
      aggregator: 'sum',
      get() {
        const current = state();
        return { name, help, type: 'gauge', aggregator: 'sum', values: BREAKER_STATES.map((option) => ({ value: option === current ? 1 : 0, labels: { state: option } })) };
      },
      reset: () => undefined,
    });
  }
  let registry: Promise<Registry> | undefined;
  const loadRegistry = async (): Promise<Registry> => {
    const promClient = await import('prom-client');
    const created = new promClient.Registry();
    if (options.processMetrics ?? true) promClient.collectDefaultMetrics({ register: created, prefix: 'safeword_' });
    for (const metric of own) created.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
    return created;
  };

  return {
    meter(checker) {
      return {
        ruleset: checker.ruleset,
        country: checker.country,
        get secondOpinion() {
          return checker.secondOpinion;
        },
        check(request: CheckRequest, checkOptions?: CheckOptions): CheckOutcome {
          const started = performance.now();
          const outcome = checker.check(request, checkOptions);
          duration.observe({ phase: 'instant' }, (performance.now() - started) / 1000);
          const platform = request.source?.platform;
          checks.inc({
            platform: platform && PLATFORMS.has(platform) ? platform : 'other',
            kind: request.kind,
            level: outcome.instant.level,
            language: outcome.instant.language,
          });
          if (checker.secondOpinion === 'on') {
            outcome.refined.then(
              (refined) => {
                duration.observe({ phase: 'refined' }, (performance.now() - started) / 1000);
                secondOpinions.inc({ status: refined.secondOpinion.status });
                refinedLevels.inc({ level: refined.level, changed: String(refined.level !== outcome.instant.level) });
              },
              () => undefined,
            );
          }
          return outcome;
        },
      };
    },
    meterImages(reader) {
      return {
        async read(bytes) {
          const started = performance.now();
          let outcome = 'internal';
          try {
            const result = await reader.read(bytes);
            outcome = 'ok';
            return result;
          } catch (error) {
            if (error instanceof OcrError) outcome = error.code;
            throw error;
          } finally {
            ocr.observe({ outcome }, (performance.now() - started) / 1000);
          }
        },
        close: () => reader.close(),
      };
    },
    storeFault(kind) {
      storeErrors.inc({ kind });
    },
    shed(reason) {
      shed.inc({ reason });
    },
    async render() {
      registry ??= loadRegistry();
      registry.catch(() => (registry = undefined));
      const loaded = await registry;
      return { contentType: loaded.contentType, body: await loaded.metrics() };
    },
  };
}
