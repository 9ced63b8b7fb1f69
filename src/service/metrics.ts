import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Checker, CheckOptions, CheckOutcome } from '../core/checker.ts';
import type { CheckRequest } from '../core/request.ts';
import type { StoreFaultKind } from './store-health.ts';

/** Prometheus metrics of one process. Labels are small closed sets: never message text, user or chat ids. */
export interface Metrics {
  readonly registry: Registry;
  /** Wraps a checker so every check is counted and timed (instant and refined phase). */
  meter(checker: Checker): Checker;
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

/** Creates the metrics on a registry of their own (so tests and several services never share counters). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'safeword_' });
  const checks = new Counter({
    name: 'safeword_checks_total',
    help: 'Checks answered (instant phase), by platform, kind, level and language.',
    labelNames: ['platform', 'kind', 'level', 'language'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'safeword_check_duration_seconds',
    help: 'Time to the instant rules verdict and to the refined verdict.',
    labelNames: ['phase'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const secondOpinions = new Counter({
    name: 'safeword_second_opinions_total',
    help: 'Refined verdicts by where the second opinion came from: ok = LLM call answered, cached = cache hit, unavailable = failed or skipped.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const refinedLevels = new Counter({
    name: 'safeword_refined_checks_total',
    help: 'Refined verdicts by level, and whether the level differs from the instant one.',
    labelNames: ['level', 'changed'] as const,
    registers: [registry],
  });
  const storeErrors = new Counter({ name: 'safeword_store_errors_total', help: 'Failed store calls, by kind.', labelNames: ['kind'] as const, registers: [registry] });
  const shed = new Counter({ name: 'safeword_shed_requests_total', help: 'Checks not done: over the in-flight cap (503), or the client left.', labelNames: ['reason'] as const, registers: [registry] });
  if (options.breakerState) {
    const state = options.breakerState;
    new Gauge({
      name: 'safeword_llm_breaker_state',
      help: 'LLM circuit breaker: 1 for the current state.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const current = state();
        for (const name of BREAKER_STATES) this.set({ state: name }, name === current ? 1 : 0);
      },
    });
  }

  return {
    registry,
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
    storeFault(kind) {
      storeErrors.inc({ kind });
    },
    shed(reason) {
      shed.inc({ reason });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
