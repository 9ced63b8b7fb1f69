import type { Checker, CheckOutcome } from '../../src/core/checker.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import type { Level, Verdict } from '../../src/core/verdict.ts';
import { ruleset } from '../fakes/texts.ts';

/** A verdict with the given level and no signals, for an English text, replied in English unless the request asks otherwise. */
export function makeVerdict(request: CheckRequest, level: Level, overrides: Partial<Verdict> = {}): Verdict {
  return {
    level,
    score: { none: 0, low: 1, medium: 3, high: 7 }[level],
    signals: [],
    categories: [],
    combinations: [],
    language: 'en',
    rulesCoverLanguage: true,
    replyLanguage: request.language ?? request.interfaceLanguage ?? 'en',
    summary: `summary for ${level}`,
    actions: [{ id: 'hang_up', text: 'Hang up.' }],
    steps: [],
    medium: 'message',
    secondOpinion: { status: 'off' },
    ...overrides,
  };
}

/** A Checker that records requests and answers by a function; `refined` can be delayed or changed. */
export function createFakeChecker(options: {
  secondOpinion?: 'off' | 'on';
  level?: (request: CheckRequest) => Level;
  refine?: (instant: Verdict) => Promise<Verdict>;
  throws?: boolean;
} = {}): Checker & { requests: CheckRequest[] } {
  const requests: CheckRequest[] = [];
  return {
    requests,
    secondOpinion: options.secondOpinion ?? 'off',
    ruleset,
    check(request): CheckOutcome {
      if (options.throws) throw new Error('checker exploded');
      requests.push(request);
      const instant = makeVerdict(request, options.level?.(request) ?? 'none');
      const refined = options.refine ? options.refine(instant) : Promise.resolve(instant);
      return { instant, refined, changed: (after) => after.level !== instant.level };
    },
  };
}
