import type { Logger } from '../../src/core/adapter.ts';
import type { Checker } from '../../src/core/checker.ts';
import { instantReplyState, replyUpdate } from '../../src/core/reply-update.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import { renderVerdictBlocks, type SlackMessage } from './render.ts';

/** A message sent to a response_url: ephemeral (only the person who asked sees it), optionally replacing the last one. */
export interface SlackResponse extends SlackMessage {
  response_type: 'ephemeral';
  replace_original?: boolean;
}

/** Posts to the response_url of a slash command or shortcut (Bolt's `respond`). */
export type Respond = (message: SlackResponse) => Promise<unknown>;

/** Dependencies of {@link createRespondWithCheck}. */
export interface RespondWithCheckDeps {
  checker: Checker;
  logger: Logger;
}

/** What {@link createRespondWithCheck}'s function returns once the instant reply is sent. */
export interface RespondWithCheckResult {
  instant: Verdict;
  /** Resolves when the reply was updated with the refined verdict (or nothing needed to change); never rejects. */
  settled: Promise<void>;
}

/** Logs an error by name and code only: Slack errors and response bodies may echo message content. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const fields: Record<string, unknown> = { error: error.name };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'string') fields.code = code;
  if (typeof statusCode === 'number') fields.status = statusCode;
  return fields;
}

/**
 * Creates `respondWithCheck`: checks the request, answers ephemerally with the instant rules verdict, then,
 * when the refined verdict arrives, replaces that reply if `outcome.changed(refined)`; when nothing changed it
 * only replaces a "second opinion pending" footer. The reply's language is the verdict's (from the text).
 */
export function createRespondWithCheck(deps: RespondWithCheckDeps): (respond: Respond, request: CheckRequest) => Promise<RespondWithCheckResult> {
  return async (respond, request) => {
    const outcome = deps.checker.check(request);
    const firstState = instantReplyState(deps.checker, outcome.instant);
    await respond({ response_type: 'ephemeral', ...renderVerdictBlocks(outcome.instant, { secondOpinion: firstState }) });
    deps.logger.info('slack: check answered', { kind: request.kind, chars: request.text.length, level: outcome.instant.level });

    const settled = outcome.refined
      .then(async (refined) => {
        const update = replyUpdate(outcome, refined, firstState);
        if (!update) return;
        await respond({ response_type: 'ephemeral', replace_original: true, ...renderVerdictBlocks(update.verdict, { secondOpinion: update.secondOpinion }) });
        if (update.changed) deps.logger.info('slack: reply updated with the second opinion', { level: refined.level });
      })
      .catch((error: unknown) => {
        deps.logger.warn('slack: could not update a reply with the second opinion', errorFields(error));
      });
    return { instant: outcome.instant, settled };
  };
}
