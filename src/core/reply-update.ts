import type { Checker, CheckOutcome } from './checker.ts';
import { secondOpinionState, type SecondOpinionState } from './reply.ts';
import type { Verdict } from './verdict.ts';

/** The second-opinion state to show with the instant reply: "pending" while a second opinion is on its way. */
export function instantReplyState(checker: Pick<Checker, 'secondOpinion'>, instant: Verdict): SecondOpinionState {
  return checker.secondOpinion === 'on' ? 'pending' : secondOpinionState(instant);
}

/** What a sent instant reply should become once the refined verdict is in. */
export interface ReplyUpdate {
  /** The verdict to render: the refined one when it changed materially, else the instant one with its new footer. */
  verdict: Verdict;
  secondOpinion: SecondOpinionState;
  /** True when the refined verdict changed the answer (not only the footer). */
  changed: boolean;
}

/**
 * The one rule every adapter follows for two-phase replies: edit the sent reply when `outcome.changed(refined)`;
 * when nothing changed, only replace a "second opinion pending" footer; otherwise leave the reply alone
 * (undefined).
 */
export function replyUpdate(outcome: CheckOutcome, refined: Verdict, shownState: SecondOpinionState): ReplyUpdate | undefined {
  const changed = outcome.changed(refined);
  if (!changed && shownState !== 'pending') return undefined;
  return { verdict: changed ? refined : { ...outcome.instant, secondOpinion: refined.secondOpinion }, secondOpinion: secondOpinionState(refined), changed };
}
