import { decodeJsonString, type DecodedString } from './json-positions.ts';
import { skipSpace } from './transcript-draft.ts';
import { parseJsonTurns } from './transcript-json.ts';

/** The text rules should read for a transcript, and the way back from its offsets to the original's. */
export interface TranscriptSource {
  /** What was said, turn after turn, joined with "\n" (JSON escapes decoded). */
  text: string;
  /** The original range [start, end) that the range [start, end) of `text` came from. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

function isTrimmable(char: string): boolean {
  return char.trim() === '';
}

/**
 * For a JSON transcript whose strings use escapes (Python's json.dumps writes every Chinese character as
 * "\uXXXX"), the decoded turns with a map back to the original, so rules match what was said and evidence
 * still points into the original text. Undefined for every other input: it can be matched as it is.
 * Linear; never throws.
 */
export function transcriptSource(input: string): TranscriptSource | undefined {
  if (typeof input !== 'string' || !input.includes('\\')) return undefined;
  const first = skipSpace(input, input.charCodeAt(0) === 0xfeff ? 1 : 0, input.length);
  const opening = input.charCodeAt(first);
  if (opening !== 91 && opening !== 123) return undefined;
  const turns = parseJsonTurns(input, first);
  if (!turns || !turns.some((turn) => turn.pieces.some((piece) => piece.text !== undefined))) return undefined;

  const parts: DecodedString[] = [];
  let total = 0;
  for (const turn of turns) {
    for (const piece of turn.pieces) {
      let decoded = decodeJsonString(input, piece.start, piece.end);
      // Trim like the turn's text (String.prototype.trim), keeping the offsets of what is left.
      let head = 0;
      let tail = decoded.value.length;
      while (head < tail && isTrimmable(decoded.value[head] as string)) head += 1;
      while (tail > head && isTrimmable(decoded.value[tail - 1] as string)) tail -= 1;
      if (tail <= head) continue;
      decoded = { value: decoded.value.slice(head, tail), from: decoded.from.subarray(head, tail), to: decoded.to.subarray(head, tail) };
      parts.push(decoded);
      total += decoded.value.length + 1;
    }
  }
  if (parts.length === 0) return undefined;

  const from = new Int32Array(total);
  const to = new Int32Array(total);
  let text = '';
  let offset = 0;
  for (const part of parts) {
    if (offset > 0) {
      // The "\n" between turns belongs to the end of the previous turn.
      from[offset] = to[offset - 1] as number;
      to[offset] = to[offset - 1] as number;
      text += '\n';
      offset += 1;
    }
    text += part.value;
    from.set(part.from, offset);
    to.set(part.to, offset);
    offset += part.value.length;
  }
  return {
    text,
    toOriginal(start, end) {
      const first = Math.max(0, Math.min(start, offset - 1));
      const last = Math.max(first, Math.min(end, offset) - 1);
      return { start: from[first] as number, end: Math.max(from[first] as number, to[last] as number) };
    },
  };
}
