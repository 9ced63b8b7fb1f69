/**
 * Required literals of a regular expression: a set of strings such that every match of the expression
 * contains at least one of them, each with where in the match it can start. The matcher scans the text once
 * for every literal of every rule and runs a pattern only where one of its literals occurs, starting the
 * pattern at the offsets the literal allows. The analysis is conservative: anything it does not understand
 * (classes, backreferences, lookarounds, optional parts) contributes no literal, and when no literal is
 * certain the answer is `undefined`.
 */
import { alternativesLength, nodeLength, parsePattern, type PatternNode } from './pattern-syntax.ts';

/** A literal every match contains (one of a set) and the range of its start, counted from the match start. */
export interface LiteralAnchor {
  literal: string;
  minOffset: number;
  /** Infinity when a part before it is unbounded. */
  maxOffset: number;
}

/** Shortest literal worth a prefilter check; shorter ones occur in almost every text. */
const MIN_LITERAL_LENGTH = 2;

/** True when a literal is selective enough: two characters, or one Chinese (non-ASCII) character. */
function longEnough(literal: string): boolean {
  return literal.length >= MIN_LITERAL_LENGTH || (literal.length === 1 && literal.charCodeAt(0) >= 0x80);
}
/** More alternatives than this and checking them costs more than running the expression. */
const MAX_LITERALS = 48;

/** Words so frequent in messages that, as a literal, they filter out almost nothing. */
const COMMON_WORDS = new Set(
  'a an and are as at be by day for from get has have he her his i in is it me my no not now of on or our out she so than that the their them they this to up us was we were what when will with you your'.split(' '),
);

/** How selective a literal is: its length, or 1 when it is only very common words (spaces around allowed). */
function selectivity(literal: string): number {
  return literal.trim().split(/ +/).every((word) => COMMON_WORDS.has(word)) ? 1 : literal.length;
}

/** How good a literal set is as a prefilter: its least selective member, fewer members breaking ties. */
function quality(anchors: readonly LiteralAnchor[]): number {
  return Math.min(...anchors.map((anchor) => selectivity(anchor.literal))) * 1000 - anchors.length;
}

/**
 * A sequence flattened for literal runs: a literal character or group, or `null` for anything else (a class,
 * an assertion, an optional part, the repetitions after the first of a repeated part), with its length range.
 */
interface Item {
  atom: (PatternNode & { kind: 'char' | 'group' }) | null;
  min: number;
  max: number;
}

function flatten(sequence: readonly PatternNode[]): Item[] {
  const items: Item[] = [];
  for (const node of sequence) {
    const [min, max] = nodeLength(node);
    if (node.kind === 'char' || node.kind === 'group') {
      items.push({ atom: node, min, max });
    } else if (node.kind === 'repeat' && node.min >= 1 && (node.body.kind === 'char' || node.body.kind === 'group')) {
      const [bodyMin, bodyMax] = nodeLength(node.body);
      items.push({ atom: node.body, min: bodyMin, max: bodyMax });
      if (node.max !== 1) items.push({ atom: null, min: min - bodyMin, max: max - bodyMax });
    } else {
      items.push({ atom: null, min, max });
    }
  }
  return items;
}

/** The strings a group matches when every alternative is plain text, else undefined. */
function groupStrings(alternatives: readonly PatternNode[][]): string[] | undefined {
  const strings: string[] = [];
  for (const sequence of alternatives) {
    let text = '';
    for (const node of sequence) {
      if (node.kind !== 'char') return undefined;
      text += node.text;
    }
    strings.push(text);
  }
  return strings.length <= MAX_LITERALS ? strings : undefined;
}

/** Anchors of a list of alternatives: every alternative must yield some, else undefined. */
function alternativesAnchors(alternatives: readonly PatternNode[][]): LiteralAnchor[] | undefined {
  const merged = new Map<string, LiteralAnchor>();
  for (const sequence of alternatives) {
    const anchors = sequenceAnchors(sequence);
    if (!anchors) return undefined;
    for (const anchor of anchors) {
      const known = merged.get(anchor.literal);
      if (known) {
        known.minOffset = Math.min(known.minOffset, anchor.minOffset);
        known.maxOffset = Math.max(known.maxOffset, anchor.maxOffset);
      } else {
        merged.set(anchor.literal, { ...anchor });
      }
    }
    if (merged.size > MAX_LITERALS) return undefined;
  }
  return [...merged.values()];
}

/**
 * The best anchor set of one sequence: among its runs of consecutive required characters and its required
 * groups (each group's alternatives expanded; a group of plain strings is glued to the literal text right
 * before and after it), the one whose least selective member is most selective.
 */
function sequenceAnchors(sequence: readonly PatternNode[]): LiteralAnchor[] | undefined {
  const candidates = sequenceCandidates(sequence);
  if (candidates.length === 0) return undefined;
  return candidates.reduce((best, candidate) => (quality(candidate) > quality(best) ? candidate : best));
}

/** Every literal set a sequence requires (each set: one of its members occurs in every match). */
function sequenceCandidates(sequence: readonly PatternNode[]): LiteralAnchor[][] {
  const items = flatten(sequence);
  const candidates: LiteralAnchor[][] = [];
  let low = 0;
  let high = 0;
  let run = '';
  let runLow = 0;
  let runHigh = 0;
  const endRun = (): void => {
    if (longEnough(run)) candidates.push([{ literal: run, minOffset: runLow, maxOffset: runHigh }]);
    run = '';
  };
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index] as Item;
    const atom = item.atom;
    if (atom?.kind === 'char') {
      if (run === '') [runLow, runHigh] = [low, high];
      run += atom.text;
    } else if (atom?.kind === 'group') {
      const whole = groupStrings(atom.alternatives);
      if (whole) {
        if (run === '') [runLow, runHigh] = [low, high];
        let after = '';
        let next = index + 1;
        while (next < items.length && items[next]?.atom?.kind === 'char') {
          after += (items[next]?.atom as { text: string }).text;
          next += 1;
        }
        const glued = whole.map((text) => run + text + after);
        if (glued.every(longEnough)) candidates.push(glued.map((literal) => ({ literal, minOffset: runLow, maxOffset: runHigh })));
        run = '';
        low += item.min;
        high += item.max;
        if (longEnough(after)) candidates.push([{ literal: after, minOffset: low, maxOffset: high }]);
        low += after.length;
        high += after.length;
        index = next - 1;
        continue;
      }
      endRun();
      const inner = alternativesAnchors(atom.alternatives);
      if (inner && inner.length > 0 && inner.every((anchor) => longEnough(anchor.literal))) {
        candidates.push(inner.map((anchor) => ({ literal: anchor.literal, minOffset: low + anchor.minOffset, maxOffset: high + anchor.maxOffset })));
      }
    } else {
      endRun();
    }
    low += item.min;
    high += item.max;
  }
  endRun();
  return candidates;
}

/**
 * Literals one of which every match of a parsed pattern contains, with where each can start in the match;
 * undefined when no literal is certain. Sound by construction: a literal is only taken from characters every
 * match must contain, in order and adjacent.
 */
export function literalAnchors(alternatives: readonly PatternNode[][]): LiteralAnchor[] | undefined {
  const anchors = alternativesAnchors(alternatives);
  return anchors && anchors.length > 0 ? anchors : undefined;
}

/**
 * Whether a further literal is rare enough to be worth looking up: four ASCII characters that are not only
 * common words, or two characters with a Chinese one. On the benchmark messages, shorter ones ("is", " y",
 * "的") occurred 124 times per message and filtered out nothing.
 */
function worthConfirming(literal: string): boolean {
  return selectivity(literal) >= (/[^\u0000-\u007f]/.test(literal) ? 2 : 4);
}

/**
 * Every literal set a parsed pattern requires, most selective first: the first is the anchor literalAnchors()
 * gives, the others are further sets every match must also contain one member of (from other parts of a
 * pattern with a single top-level alternative). The matcher runs a pattern at an anchor occurrence only when
 * each further set also occurs close enough.
 */
export function literalAnchorSets(alternatives: readonly PatternNode[][]): LiteralAnchor[][] {
  const anchors = literalAnchors(alternatives);
  if (!anchors) return [];
  if (alternatives.length !== 1) return [anchors];
  const others = sequenceCandidates(alternatives[0] as PatternNode[])
    .filter((set) => set.length <= MAX_LITERALS && set.every((anchor) => worthConfirming(anchor.literal)))
    .sort((a, b) => quality(b) - quality(a));
  const key = (set: readonly LiteralAnchor[]): string => set.map((anchor) => anchor.literal).sort().join('\u0000');
  const first = key(anchors);
  return [anchors, ...others.filter((set) => key(set) !== first)];
}

/**
 * Strings of which every match of `source` contains at least one, or undefined when the pattern offers no
 * certain literal (or uses syntax this analysis does not read).
 */
export function requiredLiterals(source: string): string[] | undefined {
  let alternatives: PatternNode[][];
  try {
    alternatives = parsePattern(source);
  } catch {
    return undefined;
  }
  return literalAnchors(alternatives)?.map((anchor) => anchor.literal);
}

/** The longest match of a parsed pattern, in UTF-16 code units (Infinity when unbounded). */
export function longestMatch(alternatives: readonly PatternNode[][]): number {
  return alternativesLength(alternatives)[1];
}
