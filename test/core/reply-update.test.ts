import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import type { CheckOutcome } from '../../src/core/checker.ts';
import { instantReplyState, replyUpdate } from '../../src/core/reply-update.ts';
import { verdictChanged } from '../../src/core/rules-checker.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import type { Verdict } from '../../src/core/verdict.ts';

const ruleset = loadRuleset(new URL('../fixtures/rules/', import.meta.url).pathname);
const instant = analyze({ kind: 'message', text: 'The police visited our school today.', language: 'en' }, ruleset);
const outcome = (refined: Verdict): CheckOutcome => ({ instant, refined: Promise.resolve(refined), changed: (after) => verdictChanged(instant, after) });

describe('two-phase reply updates', () => {
  it('shows "pending" with the instant reply only while a second opinion is on', () => {
    expect(instantReplyState({ secondOpinion: 'on' }, instant)).toBe('pending');
    expect(instantReplyState({ secondOpinion: 'off' }, instant)).toBe('off');
  });

  it('renders the refined verdict when it changed the answer', () => {
    const refined: Verdict = { ...instant, level: 'high', secondOpinion: { status: 'ok', label: 'scam' } };
    expect(replyUpdate(outcome(refined), refined, 'pending')).toEqual({ verdict: refined, secondOpinion: 'ok', changed: true });
    expect(replyUpdate(outcome(refined), refined, 'off')?.changed).toBe(true);
  });

  it('only swaps a pending footer when nothing changed, and leaves any other reply alone', () => {
    const refined: Verdict = { ...instant, secondOpinion: { status: 'unavailable' } };
    expect(replyUpdate(outcome(refined), refined, 'pending')).toEqual({ verdict: { ...instant, secondOpinion: { status: 'unavailable' } }, secondOpinion: 'unavailable', changed: false });
    expect(replyUpdate(outcome(refined), refined, 'off')).toBeUndefined();
  });
});
