import type { Logger } from '../core/logger.ts';
import { analyze } from '../core/analyze.ts';
import type { LocalModel } from '../core/model/local-model.ts';
import type { Checker, CheckOutcome } from '../core/checker.ts';
import { sourceLanguage, type CheckRequest } from '../core/request.ts';
import { verdictChanged } from '../core/rules-checker.ts';
import type { Ruleset } from '../core/ruleset.ts';
import { parseTranscript } from '../core/transcript.ts';
import type { Verdict } from '../core/verdict.ts';
import type { Opinion } from './classification.ts';
import type { Classifier } from './classifier.ts';
import { combineVerdict } from './combine.ts';
import { LlmError } from './errors.ts';
import { opinionKey, type OpinionCache } from './opinion-cache.ts';
import { selectExcerpt } from './token-budget.ts';

/** Options for {@link createLlmChecker}. */
export interface LlmCheckerOptions {
  /** The ruleset for the instant verdict and for the combination policy. */
  ruleset: Ruleset;
  classifier: Classifier;
  /** Second opinions by keyed hash; undefined means no cache. */
  cache?: OpinionCache | undefined;
  /** Key for the cache's keyed hashes (the service secret). */
  secret: string;
  /** Token budget for the text sent to the model. */
  maxInputTokens: number;
  /** Country code for report contacts. */
  country?: string | undefined;
  /** The local model for the instant verdict; rules only when absent. */
  localModel?: LocalModel | undefined;
  logger?: Logger | undefined;
}

/** The rules verdict, marked: the second opinion was asked for and could not be had. */
function unavailable(instant: Verdict): Verdict {
  return { ...instant, secondOpinion: { status: 'unavailable' } };
}

/**
 * A Checker with an LLM second opinion. `instant` is the rules verdict; `refined` resolves to the rules
 * verdict combined with the model's opinion by the policy in combine.ts, from the cache when the same text
 * was judged before. The model sees the text (a long transcript cut to the token budget around the rule
 * hits, caller first) wrapped as untrusted data. `refined` never rejects: on any failure — timeout, 429 or
 * 5xx after the one retry, breaker open, queue full, invalid output — it is the rules verdict with
 * secondOpinion.status 'unavailable'. Identical texts in flight at the same time share one model call.
 */
export function createLlmChecker(options: LlmCheckerOptions): Checker {
  const analyzeOptions = {
    ...(options.country ? { country: options.country } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.localModel ? { model: options.localModel } : {}),
  };
  /** One model call per text in flight, shared by its askers; aborted only when every asker left. */
  const inFlight = new Map<string, { opinion: Promise<Opinion>; askers: number; controller: AbortController }>();

  async function askModel(request: CheckRequest, instant: Verdict, signal: AbortSignal): Promise<Opinion> {
    const turns = request.kind === 'transcript' ? parseTranscript(request.text).turns : undefined;
    const excerpt = selectExcerpt({ text: request.text, evidence: instant.signals, ...(turns ? { turns } : {}), maxTokens: options.maxInputTokens });
    const answer = await options.classifier.classify({ text: excerpt.text, kind: request.kind, language: sourceLanguage(instant.replyLanguage), excerpted: excerpt.excerpted }, { signal });
    const { reasoning: _reasoning, ...opinion } = answer;
    return opinion;
  }

  async function refine(request: CheckRequest, instant: Verdict, signal: AbortSignal | undefined): Promise<Verdict> {
    const key = opinionKey(options.secret, {
      text: request.text,
      kind: request.kind,
      language: sourceLanguage(instant.replyLanguage),
      model: options.classifier.model,
      promptVersion: options.classifier.promptVersion,
    });
    const cached = await options.cache?.get(key);
    if (cached) return combineVerdict(instant, cached, { ruleset: options.ruleset, status: 'cached', country: options.country });

    if (signal?.aborted) throw new LlmError('aborted', 'the asker left');
    let pending = inFlight.get(key);
    if (!pending) {
      const controller = new AbortController();
      const shared = { opinion: askModel(request, instant, controller.signal), askers: 0, controller };
      inFlight.set(key, shared);
      shared.opinion.then(
        (opinion) => options.cache?.set(key, opinion),
        () => undefined,
      ).finally(() => inFlight.delete(key));
      pending = shared;
    }
    const call = pending;
    call.askers += 1;
    const leave = (): void => {
      call.askers -= 1;
      if (call.askers === 0) call.controller.abort();
    };
    signal?.addEventListener('abort', leave, { once: true });
    let opinion: Opinion;
    try {
      opinion = await call.opinion;
    } finally {
      if (!signal?.aborted) {
        signal?.removeEventListener('abort', leave);
        call.askers -= 1;
      }
    }
    return combineVerdict(instant, opinion, { ruleset: options.ruleset, status: 'ok', country: options.country });
  }

  return {
    secondOpinion: 'on',
    ruleset: options.ruleset,
    country: options.country,
    check(request, checkOptions = {}): CheckOutcome {
      const instant = analyze(request, options.ruleset, analyzeOptions);
      const refined = refine(request, instant, checkOptions.signal).catch((error: unknown) => {
        const code = error instanceof LlmError ? error.code : 'internal';
        if (!(error instanceof LlmError)) options.logger?.error('second opinion failed unexpectedly', { error: (error as Error).name });
        options.logger?.info('second opinion unavailable', { code });
        return unavailable(instant);
      });
      return { instant, refined, changed: (after) => verdictChanged(instant, after) };
    },
  };
}
