import type { SpeakerRole } from '../core/verdict.ts';

const WIDE = /[\u1100-\u11FF\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]/g;

/**
 * A cheap, tokenizer-free estimate of how many tokens a text costs: one per CJK character (they rarely
 * share tokens), one per four other characters. Errs high for English, which is the safe side for a budget.
 */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return wide + Math.ceil((text.length - wide) / 4);
}

/** A turn of a transcript, as the core's parser gives it (offsets into the original text). */
export interface ExcerptTurn {
  speaker: string;
  role: SpeakerRole;
  text: string;
  start: number;
  end: number;
}

/** What to cut down. */
export interface ExcerptInput {
  text: string;
  /** Evidence spans in the original text (rule signals); every one is always kept. */
  evidence: ReadonlyArray<{ start: number; end: number }>;
  /** Transcript turns; without them the text is cut by lines. */
  turns?: readonly ExcerptTurn[];
  maxTokens: number;
  /** Characters kept each side of a hit inside a very long turn or line (default 400). */
  windowChars?: number;
}

/** The text to send and whether it is the whole original. */
export interface Excerpt {
  text: string;
  excerpted: boolean;
  tokens: number;
}

/** Marks left-out text; the prompts' excerpt note explains it to the model. */
export const GAP = '[…]';

interface Segment {
  start: number;
  end: number;
  /** "Speaker: " for a turn with a named speaker. */
  label: string;
  /** The segment's own text (a turn's cleaned text, or the original line). */
  body: string;
  role: SpeakerRole;
}

function lineSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const match of text.matchAll(/[^\n]+/g)) {
    if (match[0].trim() === '') continue;
    const start = match.index;
    segments.push({ start, end: start + match[0].length, label: '', body: match[0], role: 'unknown' });
  }
  return segments;
}

function turnSegments(turns: readonly ExcerptTurn[]): Segment[] {
  return [...turns]
    .sort((a, b) => a.start - b.start)
    .map((turn) => ({ start: turn.start, end: turn.end, label: turn.speaker ? `${turn.speaker}: ` : '', body: turn.text, role: turn.role }));
}

/** Merges overlapping or touching [start, end) ranges. */
function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/**
 * Cuts a long text down to a token budget for the model without ever dropping evidence. When the whole
 * text fits it is sent as is. Otherwise, in priority order: the turns (or lines) holding a rule hit —
 * always, even past the budget, and as a window of characters around each hit when the turn itself is
 * very long; then the turns just before and after each hit; then the caller's turns; then the rest, in
 * order, while the budget lasts. The pieces keep their original order, and "[…]" marks each gap.
 */
export function selectExcerpt(input: ExcerptInput): Excerpt {
  const wholeTokens = estimateTokens(input.text);
  if (wholeTokens <= input.maxTokens) return { text: input.text, excerpted: false, tokens: wholeTokens };

  const windowChars = input.windowChars ?? 400;
  const segments = input.turns && input.turns.length > 0 ? turnSegments(input.turns) : lineSegments(input.text);
  const whole: boolean[] = segments.map(() => false);
  const partial = new Map<number, Array<[number, number]>>();
  const costs = segments.map((segment) => estimateTokens(segment.label + segment.body));
  let used = 0;

  const hitSegments = new Set<number>();
  segments.forEach((segment, index) => {
    const hits = input.evidence.filter((span) => span.start < segment.end && span.end > segment.start);
    if (hits.length === 0) return;
    hitSegments.add(index);
    if ((costs[index] as number) > input.maxTokens / 4) {
      const ranges = hits.map((span): [number, number] => [
        Math.max(segment.start, span.start - windowChars),
        Math.min(segment.end, span.end + windowChars),
      ]);
      partial.set(index, mergeRanges(ranges));
      used += estimateTokens(mergeRanges(ranges).map(([a, b]) => input.text.slice(a, b)).join(GAP));
    } else {
      whole[index] = true;
      used += costs[index] as number;
    }
  });
  // Evidence outside every segment (text between turns, e.g. a header line) is kept as its own piece.
  const loose = input.evidence.filter((span) => !segments.some((segment) => span.start < segment.end && span.end > segment.start));

  const tryWhole = (index: number): void => {
    if (index < 0 || index >= segments.length || whole[index] || partial.has(index)) return;
    const cost = costs[index] as number;
    if (used + cost <= input.maxTokens) {
      whole[index] = true;
      used += cost;
    }
  };
  for (const index of hitSegments) {
    tryWhole(index - 1);
    tryWhole(index + 1);
  }
  segments.forEach((segment, index) => {
    if (segment.role === 'caller') tryWhole(index);
  });
  segments.forEach((_segment, index) => tryWhole(index));

  // Fill what is left of the budget with the head of the first segment not yet sent.
  const remaining = input.maxTokens - used;
  const firstLeft = segments.findIndex((_segment, index) => !whole[index] && !partial.has(index));
  if (remaining > 50 && firstLeft >= 0) {
    const segment = segments[firstLeft] as Segment;
    const chars = Math.floor((remaining * (segment.end - segment.start)) / Math.max(1, costs[firstLeft] as number));
    if (chars > 0) {
      partial.set(firstLeft, [[segment.start, segment.start + Math.min(chars, segment.end - segment.start)]]);
      used += estimateTokens(input.text.slice(segment.start, segment.start + chars));
    }
  }

  const pieces: Array<{ start: number; index: number; text: string }> = [];
  segments.forEach((segment, index) => {
    if (whole[index]) {
      pieces.push({ start: segment.start, index, text: segment.label + segment.body });
      return;
    }
    const ranges = partial.get(index);
    if (!ranges) return;
    const parts = ranges.map(([a, b]) => input.text.slice(a, b));
    const head = (ranges[0] as [number, number])[0] > segment.start ? GAP : '';
    const tail = (ranges.at(-1) as [number, number])[1] < segment.end ? GAP : '';
    pieces.push({ start: segment.start, index, text: `${segment.label}${head}${parts.join(` ${GAP} `)}${tail}` });
  });
  for (const span of loose) {
    const start = Math.max(0, span.start - 80);
    pieces.push({ start, index: -1, text: `${GAP}${input.text.slice(start, Math.min(input.text.length, span.end + 80))}${GAP}` });
  }
  pieces.sort((a, b) => a.start - b.start);

  const lines: string[] = [];
  let previous = -1;
  for (const piece of pieces) {
    if (piece.index === -1 || piece.index !== previous + 1) lines.push(GAP);
    lines.push(piece.text);
    previous = piece.index === -1 ? Number.NaN : piece.index;
  }
  if (previous !== segments.length - 1) lines.push(GAP);
  const text = lines.filter((line, index) => !(line === GAP && lines[index - 1] === GAP)).join('\n');
  return { text, excerpted: true, tokens: estimateTokens(text) };
}
