import { findLabel, isSpace, skipSpace, splitLines, trimEnd, type DraftTurn, type Line } from './transcript-draft.ts';

/** A cue timing line: "00:00:01,000 --> 00:00:03,000" (SRT) or "00:01.000 --> 00:03.000" (WebVTT). */
const TIMING = /^\s*(?:\d{1,3}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->/;

/** True when the line is a cue timing line. */
function isTimingLine(text: string, line: Line): boolean {
  const head = text.slice(line.start, Math.min(line.end, line.start + 48));
  return head.includes('-->') && TIMING.test(head);
}

/** Longest markup tag looked at; a "<" without a ">" soon after is text. */
const MAX_TAG_LENGTH = 200;

/** Index of the first `code` in [from, to), or -1. */
function findWithin(text: string, code: number, from: number, to: number): number {
  for (let index = from; index < to; index += 1) if (text.charCodeAt(index) === code) return index;
  return -1;
}

/**
 * Parses the payload of one cue line into turns: `<v Name>` (also `<v.class Name>`) starts a turn by Name, a
 * leading "Name: " label starts one too, other tags (`<i>`, `<c.x>`, `<00:01.000>`, `<font …>`) and SRT
 * `{\an8}` codes are dropped; text between them is kept with its original offsets.
 */
function parsePayloadLine(text: string, line: Line, turns: DraftTurn[]): void {
  let current = turns[turns.length - 1] as DraftTurn;
  let firstOnLine = true;
  let labelAllowed = true;
  const emit = (start: number, end: number): void => {
    if (labelAllowed) {
      start = skipSpace(text, start, end);
      if (start >= end) return;
      const label = findLabel(text, start, end);
      if (label) {
        current = { speaker: label.speaker, pieces: [] };
        turns.push(current);
        start = label.textStart;
      }
      labelAllowed = false;
    }
    if (current.pieces.length === 0) start = skipSpace(text, start, end);
    if (start >= end) return;
    current.pieces.push({ start, end, separator: current.pieces.length === 0 ? '' : firstOnLine ? '\n' : '' });
    firstOnLine = false;
  };
  let textStart = line.start;
  let index = line.start;
  // Where the last failed search for each closing character stopped: no need to scan that stretch again.
  let noAngleUntil = 0;
  let noBraceUntil = 0;
  while (index < line.end) {
    const code = text.charCodeAt(index);
    const close = code === 60 ? '>' : code === 123 && text.charCodeAt(index + 1) === 92 ? '}' : '';
    let tagEnd = -1;
    if (close !== '') {
      const limit = Math.min(line.end, index + MAX_TAG_LENGTH);
      const clear = close === '>' ? noAngleUntil : noBraceUntil;
      tagEnd = findWithin(text, close.charCodeAt(0), Math.max(index + 1, clear), limit);
      if (tagEnd < 0 && close === '>') noAngleUntil = limit;
      else if (tagEnd < 0) noBraceUntil = limit;
    }
    if (tagEnd < 0) {
      index += 1;
      continue;
    }
    emit(textStart, index);
    const tag = text.slice(index + 1, tagEnd);
    if (close === '>' && /^v[\s.]/.test(tag)) {
      current = { speaker: tag.replace(/^v(?:\.\S*)?\s+/, '').trim(), pieces: [] };
      turns.push(current);
      labelAllowed = false;
    }
    index = tagEnd + 1;
    textStart = index;
  }
  emit(textStart, trimEnd(text, textStart, line.end));
}

/**
 * Parses SRT or WebVTT (`webvtt` true: header, NOTE/STYLE/REGION blocks skipped) from `from` on. Each cue
 * starts a new turn; the speaker comes from a `<v Name>` voice tag or a "Name: " prefix, otherwise the turn
 * has no speaker. Blocks without a timing line keep their text as turns without a speaker.
 */
export function parseCues(text: string, from: number, webvtt: boolean): DraftTurn[] {
  const lines = splitLines(text, from);
  const turns: DraftTurn[] = [];
  let index = 0;
  if (webvtt) {
    // The header runs to the first blank line.
    while (index < lines.length && trimEnd(text, (lines[index] as Line).start, (lines[index] as Line).end) > (lines[index] as Line).start) index += 1;
  }
  while (index < lines.length) {
    // Collect one block of non-blank lines.
    const block: Line[] = [];
    while (index < lines.length) {
      const line = lines[index] as Line;
      index += 1;
      const blank = skipSpace(text, line.start, line.end) === line.end;
      if (blank) {
        if (block.length > 0) break;
        continue;
      }
      block.push(line);
    }
    if (block.length === 0) continue;
    const first = block[0] as Line;
    if (webvtt && /^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(text.slice(first.start, Math.min(first.end, first.start + 7)))) continue;
    let payload = block.findIndex((line) => isTimingLine(text, line)) + 1;
    if (payload === 0) {
      // No timing line: plain text between cues; a lone cue number is not text.
      if (block.length === 1 && /^\s*\d+\s*$/.test(text.slice(first.start, first.end))) continue;
      payload = 0;
    }
    const cueTurns: DraftTurn[] = [{ speaker: '', pieces: [] }];
    for (let lineIndex = payload; lineIndex < block.length; lineIndex += 1) {
      parsePayloadLine(text, block[lineIndex] as Line, cueTurns);
    }
    for (const turn of cueTurns) if (turn.pieces.length > 0) turns.push(turn);
  }
  return turns;
}

/** Whether some line near the top of the text is a cue timing line (an SRT file's second or third line). */
export function looksLikeCues(text: string, from: number): boolean {
  let seen = 0;
  for (const line of splitLines(text.slice(0, Math.min(text.length, from + 2000)), from)) {
    if (skipSpace(text, line.start, line.end) === line.end) continue;
    if (isTimingLine(text, line)) return true;
    seen += 1;
    if (seen >= 4) return false;
  }
  return false;
}

/** True when the text starts with a WebVTT header. */
export function looksLikeWebVtt(text: string, from: number): boolean {
  const start = skipSpace(text, from, Math.min(text.length, from + 64));
  if (!text.startsWith('WEBVTT', start)) return false;
  const next = text.charCodeAt(start + 6);
  return Number.isNaN(next) || isSpace(next);
}
