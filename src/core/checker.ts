import type { CheckRequest } from './request.ts';
import type { Ruleset } from './ruleset.ts';
import type { Verdict } from './verdict.ts';

/**
 * The result of one check, in two phases: `instant` is the rules verdict, ready at once; `refined`
 * resolves to the verdict after the LLM second opinion (or to a copy of the instant verdict that says why
 * there was none). `refined` never rejects.
 */
export interface CheckOutcome {
  instant: Verdict;
  refined: Promise<Verdict>;
  /** True when the refined verdict differs enough from the instant one that a sent reply should be edited. */
  changed(refined: Verdict): boolean;
}

/** Per-call options of {@link Checker.check}. */
export interface CheckOptions {
  signal?: AbortSignal;
}

/** What adapters call. Implementations: the rules-only checker in src/core, the LLM-backed one in src/llm. */
export interface Checker {
  /** `signal`: the asker left; second-opinion work only it waited for is dropped (refined = rules verdict). */
  check(request: CheckRequest, options?: CheckOptions): CheckOutcome;
  /** Whether an LLM second opinion is configured (shown in reply footers and at start-up). */
  readonly secondOpinion: 'off' | 'on';
  /** The ruleset the verdicts come from; replies are built with its explanations and texts. */
  readonly ruleset: Ruleset;
  /**
   * The service's country (COUNTRY) for report contacts when a request names none; adapters use it for texts
   * they write without a check (a check-in timeout in a group without /country).
   */
  readonly country?: string | undefined;
}
