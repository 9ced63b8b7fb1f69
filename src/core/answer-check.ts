import type { Checker } from './checker.ts';
import type { Logger } from './logger.ts';
import { buildReply, type SecondOpinionState } from './reply.ts';
import type { ReplySurface } from './reply-surface.ts';
import { instantReplyState, replyUpdate } from './reply-update.ts';
import { CheckRequestSchema, type CheckRequest, type ForwardOrigin } from './request.ts';
import { createTaskTracker, type TaskTracker } from './task-tracker.ts';
import type { Verdict } from './verdict.ts';

/** What {@link answerCheck} needs from its adapter; made once per adapter. */
export interface AnswerContext {
  checker: Checker;
  logger: Logger;
  /** The adapter's one tracker: the wait for the refined verdict and the edit are tracked here. */
  tasks: TaskTracker;
  /** Prefix of the log lines, e.g. "slack". */
  platform: string;
  /** What of an error may be logged (name, code, status; never a body that may echo the message). */
  errorFields(error: unknown): Record<string, unknown>;
}

/**
 * The answer context of one adapter: its checker and logger, a new task tracker (the adapter's stop() drains
 * `tasks`), the log prefix and what of an error may be logged.
 */
export function answerContext(deps: { checker: Checker; logger: Logger }, platform: string, errorFields: AnswerContext['errorFields']): AnswerContext {
  return { checker: deps.checker, logger: deps.logger, tasks: createTaskTracker(deps.logger, platform), platform, errorFields };
}

/** Extras for one answer. */
export interface AnswerOptions {
  /** Plain-text notes shown under the built ones, in the request language. */
  notes?: readonly string[];
  /** Forward origin to mention (default: the request's `source.forwardedFrom`). */
  forwardedFrom?: ForwardOrigin;
}

/** How {@link answerCheck} ended: answered, a request that is not one (nothing sent), or a failure (nothing sent, or sending failed). */
export type AnswerResult =
  | { status: 'answered'; request: CheckRequest; instant: Verdict; /** Resolves after the edit (or none); never rejects. */ settled: Promise<void> }
  | { status: 'invalid'; message: string }
  | { status: 'failed'; error: unknown };

/**
 * The reply flow every adapter shares, run once here: validates `input` with CheckRequestSchema, checks it,
 * sends the instant reply (footer "pending" while a second opinion is on its way), then waits for the refined
 * verdict in the background and edits the sent reply once when {@link replyUpdate} says so. Replies are built
 * with the checker's own ruleset. Never rejects: a check or send that throws is `failed`, and a failed edit is
 * logged with `errorFields`. The whole answer, edit included, is tracked in `context.tasks`.
 */
export function answerCheck(context: AnswerContext, surface: ReplySurface, input: unknown, options: AnswerOptions = {}): Promise<AnswerResult> {
  // Tracked from the start, so a stop() while the first reply is on its way waits for it and for its edit.
  const answering = answer(context, surface, input, options);
  context.tasks.track(answering);
  return answering;
}

async function answer(context: AnswerContext, surface: ReplySurface, input: unknown, options: AnswerOptions): Promise<AnswerResult> {
  const parsed = CheckRequestSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', message: parsed.error.issues[0]?.message ?? 'invalid request' };
  const request = parsed.data;
  const { checker, logger, platform } = context;
  const forwardedFrom = options.forwardedFrom ?? request.source?.forwardedFrom;
  const reply = (verdict: Verdict, secondOpinion: SecondOpinionState) =>
    buildReply(verdict, { secondOpinion, ruleset: checker.ruleset, ...(forwardedFrom ? { forwardedFrom } : {}), ...(options.notes ? { notes: options.notes } : {}) });

  let outcome: ReturnType<Checker['check']>;
  let firstState: SecondOpinionState;
  const started = performance.now();
  try {
    outcome = checker.check(request);
    firstState = instantReplyState(checker, outcome.instant);
    await surface.send(reply(outcome.instant, firstState));
  } catch (error) {
    return { status: 'failed', error };
  }
  logger.info(`${platform}: check answered`, { kind: request.kind, chars: request.text.length, level: outcome.instant.level, ms: Math.round(performance.now() - started) });

  const settled = outcome.refined
    .then(async (refined) => {
      const update = replyUpdate(outcome, refined, firstState);
      if (!update) return;
      await surface.edit(reply(update.verdict, update.secondOpinion));
      if (update.changed) logger.info(`${platform}: reply updated with the second opinion`, { level: refined.level });
    })
    .catch((error: unknown) => {
      logger.warn(`${platform}: could not update a reply with the second opinion`, context.errorFields(error));
    });
  context.tasks.track(settled);
  return { status: 'answered', request, instant: outcome.instant, settled };
}

/** The notices an adapter sends when {@link answerCheck} could not answer. */
export interface FallbackNotices {
  /** The request had nothing to check (e.g. "send me the text"). */
  invalid(): Promise<unknown>;
  /** The check or the first reply failed ("the check failed, try again"). */
  failed(): Promise<unknown>;
}

/**
 * {@link answerCheck}, then the adapter's notice when it could not answer: `invalid` for a request with
 * nothing to check, `failed` (logged as `<platform>: check failed`) when the check or the first reply failed.
 * A notice that cannot be sent is logged, not thrown; resolves with the answer's result.
 */
export async function answerOrNotify(context: AnswerContext, surface: ReplySurface, input: unknown, notices: FallbackNotices, options: AnswerOptions = {}): Promise<AnswerResult> {
  const result = await answerCheck(context, surface, input, options);
  if (result.status === 'invalid') await notices.invalid();
  if (result.status === 'failed') {
    context.logger.warn(`${context.platform}: check failed`, context.errorFields(result.error));
    await notices.failed().catch((failure: unknown) => context.logger.warn(`${context.platform}: could not send the failure notice`, context.errorFields(failure)));
  }
  return result;
}
