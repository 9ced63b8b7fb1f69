import { detectLanguage } from '../core/language.ts';
import type { Bubble, BubbleSpeaker } from './bubbles.ts';
import { restoreSpanishMarks } from './spanish-marks.ts';

/** What was read from one or more screenshots, as the JSON output carries it (`extracted`). */
export interface ExtractedConversation {
  /** The bubbles' text, one bubble a line, in reading order. */
  text: string;
  turns: Array<{ speaker: BubbleSpeaker; text: string }>;
}

/** Transcript labels the core's speaker roles know by position: `left` is the caller side, `right` the callee. */
const LABELS: Record<BubbleSpeaker, string> = { other: 'left', user: 'right' };

/** Turns bubbles (of several screenshots, in order) into what was read; a Spanish conversation gets its ¿ ¡ back. */
export function extractedConversation(bubbles: readonly Bubble[]): ExtractedConversation {
  let turns = bubbles.map(({ speaker, text }) => ({ speaker, text: text.replace(/\s+/g, ' ').trim() })).filter((turn) => turn.text !== '');
  if (detectLanguage(turns.map((turn) => turn.text).join('\n')) === 'es') turns = turns.map((turn) => ({ ...turn, text: restoreSpanishMarks(turn.text) }));
  return { text: turns.map((turn) => turn.text).join('\n'), turns };
}

/**
 * The transcript checked for what was read: one "left: …" / "right: …" line per bubble, so the other party's
 * turns weigh as the caller's and the user's own words weigh less (core transcript roles).
 */
export function transcriptText(extracted: ExtractedConversation): string {
  return extracted.turns.map((turn) => `${LABELS[turn.speaker]}: ${turn.text}`).join('\n');
}
