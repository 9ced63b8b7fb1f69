import { assignRoles, explicitRole } from './speaker-role.ts';
import { looksLikeCues, looksLikeWebVtt, parseCues } from './transcript-cues.ts';
import { finishDraft, skipSpace, trimEnd, type DraftTurn } from './transcript-draft.ts';
import { parseJsonTurns } from './transcript-json.ts';
import { parseSpeakerLines } from './transcript-lines.ts';
import type { SpeakerRole } from './verdict.ts';

/** The shape a transcript came in. */
export type TranscriptFormat = 'lines' | 'srt' | 'webvtt' | 'json' | 'plain';

/** One turn of a call: who spoke, their role, what they said and where it is in the original text. */
export interface Turn {
  /** The speaker's label as written ("Caller", "Officer Li", "妈妈", "left"); empty when the text names nobody. */
  speaker: string;
  /** The caller is who placed the call (the scam side); the callee is the person being called. */
  role: SpeakerRole;
  /** What was said, without labels and markup; lines of one turn are joined with "\n". */
  text: string;
  /**
   * Range [start, end) in the ORIGINAL input (UTF-16 code units) from the first to the last character of
   * the turn's text. For a JSON string with escapes, the range of the string literal's content instead.
   */
  start: number;
  end: number;
}

/** A parsed transcript. */
export interface Transcript {
  format: TranscriptFormat;
  turns: Turn[];
}

/**
 * True when speaker lines look like a conversation, not a message with a "Note:" or two: two speakers, one
 * speaker more than once, or one label that names the caller ("Scammer: …"). A lone label naming the callee
 * ("Dear Customer: …") does not count: the message would be weighed as the victim's own words.
 */
function isConversation(turns: readonly DraftTurn[]): boolean {
  const counts = new Map<string, number>();
  for (const turn of turns) {
    if (turn.speaker === '') continue;
    const key = turn.speaker.toLowerCase();
    if (explicitRole(turn.speaker) === 'caller') return true;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size >= 2) return true;
  for (const count of counts.values()) if (count >= 2) return true;
  return false;
}

function finish(format: TranscriptFormat, text: string, drafts: readonly DraftTurn[]): Transcript {
  const kept: Array<{ draft: DraftTurn; text: string; start: number; end: number }> = [];
  for (const draft of drafts) {
    const finished = finishDraft(draft, text);
    if (finished) kept.push({ draft, ...finished });
  }
  const roles = assignRoles(kept.map(({ draft }) => draft));
  return {
    format,
    turns: kept.map((turn, index) => ({
      speaker: turn.draft.speaker,
      role: roles[index] as SpeakerRole,
      text: turn.text,
      start: turn.start,
      end: turn.end,
    })),
  };
}

/**
 * Parses a call transcript into turns: JSON (a turn array, `{turns: […]}` or TeleAntiFraud `{left, right}`),
 * WebVTT, SRT, "Speaker: text" lines (also a one-line "A: … B: …" dialogue and full-width colons), or, when
 * none fits, one plain turn of unknown role. Roles come from explicit labels (caller, scammer, officer, 来电者,
 * 骗子, left → caller; callee, victim, me, 我, 受害人, right → callee); with exactly two speakers the other one
 * takes the opposite role, and if neither is labeled the first to speak is the caller. Offsets point into the
 * original text, so evidence found in a turn maps back. Pure, linear in the input, never throws on bad input.
 */
export function parseTranscript(input: string): Transcript {
  const text = typeof input === 'string' ? input : '';
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = skipSpace(text, from, text.length);
  if (first >= text.length) return { format: 'plain', turns: [] };

  const opening = text.charCodeAt(first);
  if (opening === 91 || opening === 123) {
    const jsonTurns = parseJsonTurns(text, first);
    if (jsonTurns) return finish('json', text, jsonTurns);
  }
  if (looksLikeWebVtt(text, from)) return finish('webvtt', text, parseCues(text, from, true));
  if (looksLikeCues(text, from)) return finish('srt', text, parseCues(text, from, false));

  const lineTurns = parseSpeakerLines(text, from);
  if (isConversation(lineTurns)) return finish('lines', text, lineTurns);

  const end = trimEnd(text, first, text.length);
  return finish('plain', text, [{ speaker: '', pieces: [{ start: first, end, separator: '' }] }]);
}

/** The turns one party said, in order (for example the caller's, which weigh most). */
export function turnsBy(transcript: Transcript, role: SpeakerRole): Turn[] {
  return transcript.turns.filter((turn) => turn.role === role);
}
