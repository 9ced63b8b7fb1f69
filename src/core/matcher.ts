import { normalize } from './normalize.ts';
import { analysePattern, PatternPolicyError, type PatternShape } from './pattern-policy.ts';
import type { Rule } from './rule-schema.ts';
import { LiteralScanner } from './literal-scanner.ts';

/** One match of one rule, in normalized-text offsets. */
export interface RawHit {
  ruleIndex: number;
  start: number;
  end: number;
}

/** What one scan found, and whether it finished within its time budget. */
export interface MatchResult {
  hits: RawHit[];
  /** False when the time budget ran out: the hits found until then are kept, the remaining rules were skipped. */
  complete: boolean;
}

/** All rule patterns compiled once; `match` scans a normalized text. */
export interface Matcher {
  /** Every rule's matches in `normalizedText`, rule by rule, leftmost first, at most MAX_HITS_PER_RULE each. */
  match(normalizedText: string): RawHit[];
  /** Like `match`, stopping after `budgetMs` milliseconds (default DEFAULT_MATCH_BUDGET_MS). */
  matchWithin(normalizedText: string, budgetMs?: number): MatchResult;
}

/** Most matches kept per rule and text: enough evidence, bounded work on hostile input. */
export const MAX_HITS_PER_RULE = 3;

/**
 * Time one check may spend matching, a last guard: with the pattern language (src/core/pattern-policy.ts)
 * the worst 200,000-character inputs take a few milliseconds, so only a future bad rule can reach it, and
 * then one answer is partial (and logged) instead of the event loop being blocked for everyone.
 */
export const DEFAULT_MATCH_BUDGET_MS = 250;

/** Longest prefix of a literal the scanner looks for: any prefix of a required literal is required too. */
const MAX_SCANNED_LITERAL = 16;

const ASCII_WORD = /^[a-z0-9]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns a literal phrase into a regular-expression source over normalized text. Phrases are normalized like
 * the text they are matched against; an ASCII word edge gets a word boundary so "ice" never matches "police",
 * and a space in a phrase also matches no space (normalization drops spaces between Chinese characters).
 */
export function phraseSource(phrase: string): string {
  const folded = normalize(phrase).text.trim();
  let source = escapeRegExp(folded).replace(/ /g, ' ?');
  if (ASCII_WORD.test(folded)) source = `(?<![a-z0-9])${source}`;
  if (ASCII_WORD.test(folded.slice(-1))) source = `${source}(?![a-z0-9])`;
  return source;
}

/** One distinct pattern or phrase source, shared by every rule that uses it. */
interface Part {
  shape: PatternShape;
  expression: RegExp;
}

/** Where a literal occurrence lets a part start: [position - maxOffset, position - minOffset]. */
interface AnchorRef {
  part: number;
  minOffset: number;
  maxOffset: number;
}

/** A match of one part: start and end in the text. */
interface PartMatch {
  start: number;
  end: number;
}

const NO_MATCH: PartMatch = { start: -1, end: -1 };

/**
 * Compiles rules into one matcher. Every phrase and pattern is checked against the pattern language
 * (src/core/pattern-policy.ts); identical sources across rules become one part. All their literals go into
 * one scanner (src/core/literal-scanner.ts), so a check is one pass over the text plus, around each literal
 * occurrence, the parts that literal anchors, run only in the window where a match containing it could start.
 * Rules with no literal in the text cost nothing, so the cost follows the matches, not the number of rules.
 * Throws an error naming the rule and the pattern when one is refused.
 */
export function compileMatcher(rules: readonly Rule[]): Matcher {
  const parts: Part[] = [];
  const partIndex = new Map<string, number>();
  const rulesOfPart: number[][] = [];
  const partsOfRule: number[][] = rules.map((rule, ruleIndex) => {
    const sources = [
      ...rule.phrases.map((phrase) => ({ source: phraseSource(phrase), what: `phrase ${JSON.stringify(phrase)}` })),
      ...rule.patterns.map((pattern, index) => ({ source: pattern, what: `patterns[${index}] ${JSON.stringify(pattern)}` })),
    ];
    const ids: number[] = [];
    for (const { source, what } of sources) {
      let id = partIndex.get(source);
      if (id === undefined) {
        let shape: PatternShape;
        try {
          shape = analysePattern(source);
        } catch (error) {
          if (error instanceof PatternPolicyError) throw new Error(`rule ${rule.id}: ${what} ${error.message}`);
          throw error;
        }
        id = parts.length;
        parts.push({ shape, expression: new RegExp(source, 'gu') });
        rulesOfPart.push([]);
        partIndex.set(source, id);
      }
      if (!ids.includes(id)) {
        ids.push(id);
        (rulesOfPart[id] as number[]).push(ruleIndex);
      }
    }
    return ids;
  });

  // One scanner entry per distinct (cut) literal, with every part it anchors.
  const literalIds = new Map<string, number>();
  const anchorsOfLiteral: AnchorRef[][] = [];
  parts.forEach((part, id) => {
    for (const anchor of part.shape.anchors) {
      const literal = anchor.literal.slice(0, MAX_SCANNED_LITERAL);
      let literalId = literalIds.get(literal);
      if (literalId === undefined) {
        literalId = anchorsOfLiteral.length;
        literalIds.set(literal, literalId);
        anchorsOfLiteral.push([]);
      }
      const refs = anchorsOfLiteral[literalId] as AnchorRef[];
      const known = refs.find((ref) => ref.part === id);
      if (known) {
        known.minOffset = Math.min(known.minOffset, anchor.minOffset);
        known.maxOffset = Math.max(known.maxOffset, anchor.maxOffset);
      } else {
        refs.push({ part: id, minOffset: anchor.minOffset, maxOffset: Math.min(anchor.maxOffset, part.shape.maxLength) });
      }
    }
  });
  const scanner = new LiteralScanner([...literalIds.keys()]);

  // Per-check scratch space, indexed by part or rule; `stamp` marks what the current check touched, so
  // nothing proportional to the number of rules is reset or scanned per check.
  let stamp = 0;
  const partStamp = new Int32Array(parts.length);
  const ruleStamp = new Int32Array(rules.length);
  const windows: number[][] = parts.map(() => []);
  const merged: boolean[] = parts.map(() => false);
  const memo: (PartMatch | undefined)[] = parts.map(() => undefined);
  const memoFrom = new Int32Array(parts.length);

  /** Sorts and merges a part's candidate-start windows [lo, hi] (flat pairs) once per check. */
  const windowsOf = (part: number): number[] => {
    const list = windows[part] as number[];
    if (merged[part]) return list;
    merged[part] = true;
    if (list.length <= 2) return list;
    const pairs: [number, number][] = [];
    for (let index = 0; index < list.length; index += 2) pairs.push([list[index] as number, list[index + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    list.length = 0;
    for (const [lo, hi] of pairs) {
      const last = list.length - 1;
      if (last > 0 && lo <= (list[last] as number) + 1) list[last] = Math.max(list[last] as number, hi);
      else list.push(lo, hi);
    }
    return list;
  };

  /**
   * The leftmost match of a part starting at or after `from`, searched only inside its windows, each on a
   * slice wide enough for any match starting there and for its lookarounds, so the result is exactly what a
   * search over the whole text would give at those positions.
   */
  const firstMatch = (text: string, part: number, from: number): PartMatch => {
    const known = memo[part];
    if (known !== undefined && from >= (memoFrom[part] as number) && (known === NO_MATCH || known.start >= from)) return known;
    const list = windowsOf(part);
    const { shape, expression } = parts[part] as Part;
    let found = NO_MATCH;
    for (let index = 0; index < list.length; index += 2) {
      const hi = list[index + 1] as number;
      if (hi < from) continue;
      if (performance.now() > deadline) {
        timedOut = true;
        break;
      }
      const lo = Math.max(list[index] as number, from);
      const sliceStart = Math.max(0, lo - shape.behind);
      const sliceEnd = Math.min(text.length, hi + shape.maxLength + shape.ahead);
      const slice = text.slice(sliceStart, sliceEnd);
      expression.lastIndex = lo - sliceStart;
      let result: RegExpExecArray | null;
      while ((result = expression.exec(slice)) !== null && result[0].length === 0) expression.lastIndex += 1;
      if (result !== null && result.index + sliceStart <= hi) {
        found = { start: result.index + sliceStart, end: result.index + sliceStart + result[0].length };
        break;
      }
    }
    if (timedOut) return NO_MATCH;
    memo[part] = found;
    memoFrom[part] = from;
    return found;
  };

  let deadline = 0;
  let timedOut = false;

  const matchWithin = (text: string, budgetMs = DEFAULT_MATCH_BUDGET_MS): MatchResult => {
    const hits: RawHit[] = [];
    if (text.length === 0) return { hits, complete: true };
    const occurrences = scanner.scan(text);
    if (occurrences.length === 0) return { hits, complete: true };
    deadline = performance.now() + budgetMs;
    timedOut = false;
    stamp += 1;
    const touchedParts: number[] = [];
    for (let index = 0; index < occurrences.length; index += 2) {
      const position = occurrences[index] as number;
      for (const ref of anchorsOfLiteral[occurrences[index + 1] as number] as AnchorRef[]) {
        const hi = position - ref.minOffset;
        if (hi < 0) continue;
        if (partStamp[ref.part] !== stamp) {
          partStamp[ref.part] = stamp;
          (windows[ref.part] as number[]).length = 0;
          merged[ref.part] = false;
          memo[ref.part] = undefined;
          touchedParts.push(ref.part);
        }
        (windows[ref.part] as number[]).push(Math.max(0, position - ref.maxOffset), hi);
      }
    }
    const touchedRules: number[] = [];
    for (const part of touchedParts) {
      for (const ruleIndex of rulesOfPart[part] as number[]) {
        if (ruleStamp[ruleIndex] === stamp) continue;
        ruleStamp[ruleIndex] = stamp;
        touchedRules.push(ruleIndex);
      }
    }
    touchedRules.sort((a, b) => a - b);

    // Each rule as the alternation of its parts in file order, scanned like a global regular expression:
    // the leftmost match wins, the earlier part on a tie, and the next search starts where it ended.
    for (const ruleIndex of touchedRules) {
      if (timedOut) return { hits, complete: false };
      const ruleParts = (partsOfRule[ruleIndex] as number[]).filter((part) => partStamp[part] === stamp);
      let cursor = 0;
      for (let found = 0; found < MAX_HITS_PER_RULE; found += 1) {
        let best = NO_MATCH;
        for (const part of ruleParts) {
          const candidate = firstMatch(text, part, cursor);
          if (candidate !== NO_MATCH && (best === NO_MATCH || candidate.start < best.start)) best = candidate;
        }
        if (timedOut) return { hits, complete: false };
        if (best === NO_MATCH) break;
        hits.push({ ruleIndex, start: best.start, end: best.end });
        cursor = best.end;
      }
    }
    return { hits, complete: true };
  };

  return {
    match: (text) => matchWithin(text).hits,
    matchWithin,
  };
}
