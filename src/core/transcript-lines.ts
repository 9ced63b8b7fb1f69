import { explicitRole } from './speaker-role.ts';
import { addPiece, findLabel, isSpace, splitLines, trimEnd, type DraftTurn, type Piece } from './transcript-draft.ts';

/**
 * Parses "Speaker: text" lines (ASCII or full-width colon) from `from` on. A line without a label continues
 * the previous turn; text before the first label is a turn without a speaker. Dialogues pasted as one line
 * ("Suspect: Hi. Innocent: Who is this? Suspect: …") are split at the inline labels too.
 */
export function parseSpeakerLines(text: string, from: number): DraftTurn[] {
  const turns: DraftTurn[] = [];
  let current: DraftTurn | undefined;
  for (const line of splitLines(text, from)) {
    const label = findLabel(text, line.start, line.end);
    if (label) {
      current = { speaker: label.speaker, pieces: [] };
      turns.push(current);
      addPiece(current, text, label.textStart, line.end, '\n');
    } else {
      if (!current) {
        current = { speaker: '', pieces: [] };
        turns.push(current);
      }
      addPiece(current, text, line.start, line.end, '\n');
    }
  }
  return splitInlineLabels(text, turns.filter((turn) => turn.pieces.length > 0 || turn.speaker !== ''));
}

/** A label found inside a line. */
interface InlineLabel {
  /** Index of the turn, and of the piece in the turn. */
  turn: number;
  piece: number;
  /** Where the label starts and where the spoken text after it starts. */
  at: number;
  textStart: number;
  speaker: string;
  key: string;
  /** Right after the end of a sentence (". Innocent: …", "。受害人：…"). */
  afterSentence: boolean;
}

const SENTENCE_END = new Set(Array.from('.!?"\'”’…)）。！？；', (char) => char.charCodeAt(0)));
const CHINESE_SENTENCE_END = new Set(Array.from('。！？；…”', (char) => char.charCodeAt(0)));

function isLabelStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/** Longest stretch before a colon that findLabel reads as a label (its limit is 32 code units plus 2). */
const LABEL_REACH = 33;

/** Index of the next ASCII or full-width colon in [from, to), or -1. */
function nextColon(text: string, from: number, to: number): number {
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 58 || code === 0xff1a) return index;
  }
  return -1;
}

/**
 * Finds inline label candidates in one piece: at a capital letter or Han character after space or a Chinese
 * sentence end. A label ends in a colon, so only the few code units before each colon are looked at (the
 * earliest candidate wins, as in a left-to-right scan); text without colons costs one pass.
 */
function scanPiece(text: string, piece: Piece, turnIndex: number, pieceIndex: number, found: InlineLabel[]): void {
  // Candidates start after piece.start; the scan resumes after each label found and after each colon.
  let resume = piece.start + 1;
  for (let colon = nextColon(text, resume, piece.end); colon >= 0; colon = nextColon(text, Math.max(resume, colon + 1), piece.end)) {
    for (let index = Math.max(resume, colon - LABEL_REACH); index < colon; index += 1) {
      const code = text.charCodeAt(index);
      if (!isLabelStart(code)) continue;
      const previous = text.charCodeAt(index - 1);
      if (!isSpace(previous) && !CHINESE_SENTENCE_END.has(previous)) continue;
      const label = findLabel(text, index, piece.end);
      if (!label) continue;
      let back = index - 1;
      while (back >= piece.start && isSpace(text.charCodeAt(back))) back -= 1;
      const afterSentence = back < piece.start || SENTENCE_END.has(text.charCodeAt(back));
      found.push({ turn: turnIndex, piece: pieceIndex, at: index, textStart: label.textStart, speaker: label.speaker, key: label.speaker.toLowerCase(), afterSentence });
      resume = label.textStart;
      break;
    }
    // A candidate before this colon stops at it, so later colons only need candidates after it.
    resume = Math.max(resume, colon + 1);
  }
}

/** Splits turns at inline labels of speakers that are evidently speaking (see parseSpeakerLines). */
function splitInlineLabels(text: string, turns: DraftTurn[]): DraftTurn[] {
  const known = new Set<string>();
  for (const turn of turns) if (turn.speaker !== '') known.add(turn.speaker.toLowerCase());
  if (known.size === 0) return turns;

  const found: InlineLabel[] = [];
  for (let turnIndex = 0; turnIndex < turns.length; turnIndex += 1) {
    const pieces = (turns[turnIndex] as DraftTurn).pieces;
    for (let pieceIndex = 0; pieceIndex < pieces.length; pieceIndex += 1) scanPiece(text, pieces[pieceIndex] as Piece, turnIndex, pieceIndex, found);
  }
  if (found.length === 0) return turns;
  const counts = new Map<string, number>();
  let knownInline = false;
  for (const label of found) {
    if (label.afterSentence) counts.set(label.key, (counts.get(label.key) ?? 0) + 1);
    if (known.has(label.key) && label.afterSentence) knownInline = true;
  }
  const labels = found.filter(
    (label) =>
      known.has(label.key) ||
      (label.afterSentence && (knownInline || (counts.get(label.key) ?? 0) >= 2 || explicitRole(label.speaker) !== undefined)),
  );
  if (labels.length === 0) return turns;

  const result: DraftTurn[] = [];
  let next = 0;
  turns.forEach((turn, turnIndex) => {
    if (next >= labels.length || (labels[next] as InlineLabel).turn !== turnIndex) {
      result.push(turn);
      return;
    }
    let current: DraftTurn = { speaker: turn.speaker, pieces: [] };
    result.push(current);
    turn.pieces.forEach((piece, pieceIndex) => {
      let start = piece.start;
      while (next < labels.length && (labels[next] as InlineLabel).turn === turnIndex && (labels[next] as InlineLabel).piece === pieceIndex) {
        const label = labels[next] as InlineLabel;
        const end = trimEnd(text, start, label.at);
        if (end > start) current.pieces.push({ start, end, separator: current.pieces.length === 0 ? '' : '\n' });
        current = { speaker: label.speaker, pieces: [] };
        result.push(current);
        start = label.textStart;
        next += 1;
      }
      addPiece(current, text, start, piece.end, '\n');
    });
  });
  return result.filter((turn) => turn.pieces.length > 0 || turn.speaker !== '');
}
