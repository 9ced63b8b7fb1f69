import { DiscordAPIError, HTTPError, MessageFlags } from 'discord.js';
import type { Logger } from '../../src/core/adapter.ts';
import type { Checker } from '../../src/core/checker.ts';
import { instantReplyState, replyUpdate } from '../../src/core/reply-update.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import { renderVerdictReply, type DiscordReply } from './render.ts';

/** The two calls a check reply needs from an interaction: the first (ephemeral) answer and its later edit. */
export interface ReplyChannel {
  reply(message: DiscordReply & { flags: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply(message: DiscordReply): Promise<unknown>;
}

/** Dependencies of {@link createReplyWithCheck}. */
export interface ReplyWithCheckDeps {
  checker: Checker;
  logger: Logger;
}

/** What the function made by {@link createReplyWithCheck} returns once the instant reply is sent. */
export interface ReplyWithCheckResult {
  instant: Verdict;
  /** Resolves when the reply was edited with the refined verdict (or nothing needed to change); never rejects. */
  settled: Promise<void>;
}

/**
 * Logs an error by name, code and HTTP status only: Discord's error bodies may echo content, and a request
 * URL holds the interaction token.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) return { error: 'DiscordAPIError', code: error.code, status: error.status };
  if (error instanceof HTTPError) return { error: 'HTTPError', status: error.status };
  if (!(error instanceof Error)) return { error: typeof error };
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { error: error.name, code } : { error: error.name };
}

/**
 * Creates `replyWithCheck`: checks the request and answers at once, ephemerally, with the instant rules
 * verdict; when the refined verdict arrives it edits that reply if `outcome.changed(refined)`, and when
 * nothing changed it only replaces a "second opinion pending" footer. The reply is in the verdict's language.
 */
export function createReplyWithCheck(deps: ReplyWithCheckDeps): (channel: ReplyChannel, request: CheckRequest) => Promise<ReplyWithCheckResult> {
  return async (channel, request) => {
    const outcome = deps.checker.check(request);
    const firstState = instantReplyState(deps.checker, outcome.instant);
    await channel.reply({ ...renderVerdictReply(outcome.instant, { secondOpinion: firstState }), flags: MessageFlags.Ephemeral });
    deps.logger.info('discord: check answered', { kind: request.kind, chars: request.text.length, level: outcome.instant.level });

    const settled = outcome.refined
      .then(async (refined) => {
        const update = replyUpdate(outcome, refined, firstState);
        if (!update) return;
        await channel.editReply(renderVerdictReply(update.verdict, { secondOpinion: update.secondOpinion }));
        if (update.changed) deps.logger.info('discord: reply updated with the second opinion', { level: refined.level });
      })
      .catch((error: unknown) => {
        deps.logger.warn('discord: could not update a reply with the second opinion', errorFields(error));
      });
    return { instant: outcome.instant, settled };
  };
}
