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
  /**
   * With cue groups compiled in (see compileMatcher): the start of each group's first match, -1 for none.
   * Undefined when the matcher has no groups or the budget ran out before they were matched. One buffer per
   * matcher, overwritten by its next check.
   */
  groupStarts?: Int32Array;
}

/** All rule patterns compiled once; `match` scans a normalized text. */
export interface Matcher {
  /** Every rule's matches in `normalizedText`, rule by rule, leftmost first, at most MAX_HITS_PER_RULE each (or the count the matcher was compiled with). */
  match(normalizedText: string): RawHit[];
  /** Like `match`, stopping after `budgetMs` milliseconds (default DEFAULT_MATCH_BUDGET_MS). */
  matchWithin(normalizedText: string, budgetMs?: number): MatchResult;
  /** The work this matcher has done since it was compiled, a deterministic measure for tests (no clock). */
  work(): MatcherWork;
}

/** Counters of a matcher's work, summed over every check since it was compiled. */
export interface MatcherWork {
  /** Literal occurrences the scan reported. */
  occurrences: number;
  /** Pattern runs: one per start tried in a narrow window, one per search of a wide window. */
  attempts: number;
  /** Code units handed to pattern runs: 1 per start tried, a wide window's slice length per search. */
  units: number;
}

/** Most matches kept per rule and text: enough evidence, bounded work on hostile input. */
export const MAX_HITS_PER_RULE = 3;

/**
 * Time one check may spend matching, a last guard: with the pattern language (src/core/pattern-policy.ts)
 * the worst 200,000-character input of bench/adversarial.ts takes about 40 ms of CPU for the whole check, so
 * only a future bad rule should reach it, and then one answer is partial (and logged) instead of the event
 * loop being blocked for everyone.
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

/** What the matcher reads of a rule: its id (for errors), its phrases and its patterns. */
export type MatcherRule = Pick<Rule, 'id' | 'phrases' | 'patterns'>;

/** Lists as one flat array and the offsets of each list in it: list i is values[offsets[i] .. offsets[i + 1] - 1]. */
function flatten<T>(lists: readonly (readonly T[])[]): { offsets: Int32Array; values: T[] } {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, index) => (offsets[index + 1] = (offsets[index] as number) + list.length));
  return { offsets, values: lists.flat() as T[] };
}

/** One distinct pattern or phrase source, shared by every rule that uses it. */
interface Part {
  shape: PatternShape;
  /** Global, run over a slice from a window's first start (wide windows). */
  expression: RegExp;
  /** Sticky, tried at each start of a narrow window. */
  sticky: RegExp;
  /** The code units a match can start with (src/core/first-units.ts); undefined: any. */
  firstUnits: Set<number> | undefined;
}

/** Windows with at most this many starts are tried start by start; wider ones are searched in one call. */
const STICKY_WINDOW = 16;

/** Where a literal occurrence lets a part start: [position - maxOffset, position - minOffset]. */
interface AnchorRef {
  part: number;
  minOffset: number;
  maxOffset: number;
}

let sortScratch = new Int32Array(256);

/** The first `count` numbers of `list` ascending, in place: an insertion sort for short lists, the built-in sort beyond. */
function sortPrefix(list: number[], count: number): void {
  if (count > 24) {
    // A typed array's own sort (numeric, no comparator call per comparison) in a reused buffer: the
    // Array sort with a comparator and its slice were most of sortPrefix's time (touched rules on a
    // 500-byte English message are often more than 24).
    if (sortScratch.length < count) sortScratch = new Int32Array(Math.max(count, sortScratch.length * 2));
    for (let index = 0; index < count; index += 1) sortScratch[index] = list[index] as number;
    const sorted = sortScratch.subarray(0, count).sort();
    for (let index = 0; index < count; index += 1) list[index] = sorted[index] as number;
    return;
  }
  for (let index = 1; index < count; index += 1) {
    const value = list[index] as number;
    let at = index - 1;
    while (at >= 0 && (list[at] as number) > value) {
      list[at + 1] = list[at] as number;
      at -= 1;
    }
    list[at + 1] = value;
  }
}

/**
 * Compiles rules into one matcher. Every phrase and pattern is checked against the pattern language
 * (src/core/pattern-policy.ts); identical sources across rules become one part. All their literals go into
 * one scanner (src/core/literal-scanner.ts), so a check is one pass over the text plus, around each literal
 * occurrence, the parts that literal anchors, run only in the window where a match containing it could start.
 * Rules with no literal in the text cost nothing, so the cost follows the matches, not the number of rules.
 * Throws an error naming the rule and the pattern when one is refused. `maxHitsPerRule` bounds the matches
 * kept per rule and text (MAX_HITS_PER_RULE for rules; the framing cues keep more). `groups` (the framing cue
 * groups, src/core/context.ts) share the scan: each one's first match start is returned as `groupStarts`, so a
 * check reads its text once for rules and cues (a second scan for the cues was ~6% of a 500-byte check).
 */
export function compileMatcher(rules: readonly MatcherRule[], maxHitsPerRule: number = MAX_HITS_PER_RULE, groups: readonly MatcherRule[] = []): Matcher {
  // The cue groups are matched like rules after the last rule, one match each, reported as groupStarts.
  const ruleCount = rules.length;
  if (groups.length > 0) rules = [...rules, ...groups];
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
        parts.push({
          shape,
          expression: new RegExp(source, 'gu'),
          sticky: new RegExp(source, 'uy'),
          firstUnits: shape.firstUnits ? new Set(shape.firstUnits) : undefined,
        });
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

  // One scanner entry per distinct (cut) literal, with every part it anchors and every further set it is in.
  const literalIds = new Map<string, number>();
  const anchorsOfLiteral: AnchorRef[][] = [];
  const confirmsOfLiteral: number[][] = [];
  const confirms: { minOffset: number; maxOffset: number }[] = [];
  const confirmsOfPart: number[][] = parts.map(() => []);
  const partOfConfirm: number[] = [];
  const literalId = (text: string): number => {
    const literal = text.slice(0, MAX_SCANNED_LITERAL);
    let id = literalIds.get(literal);
    if (id === undefined) {
      id = anchorsOfLiteral.length;
      literalIds.set(literal, id);
      anchorsOfLiteral.push([]);
      confirmsOfLiteral.push([]);
    }
    return id;
  };
  parts.forEach((part, id) => {
    for (const anchor of part.shape.anchors) {
      const refs = anchorsOfLiteral[literalId(anchor.literal)] as AnchorRef[];
      const maxOffset = Math.min(anchor.maxOffset, part.shape.maxLength);
      const known = refs.find((ref) => ref.part === id);
      if (known) {
        known.minOffset = Math.min(known.minOffset, anchor.minOffset);
        known.maxOffset = Math.max(known.maxOffset, maxOffset);
      } else {
        refs.push({ part: id, minOffset: anchor.minOffset, maxOffset });
      }
    }
    for (const set of part.shape.confirmers) {
      const confirm = confirms.length;
      partOfConfirm.push(id);
      confirms.push({
        minOffset: Math.min(...set.map((anchor) => anchor.minOffset)),
        maxOffset: Math.min(part.shape.maxLength, Math.max(...set.map((anchor) => anchor.maxOffset))),
      });
      (confirmsOfPart[id] as number[]).push(confirm);
      for (const anchor of set) {
        const list = confirmsOfLiteral[literalId(anchor.literal)] as number[];
        if (!list.includes(confirm)) list.push(confirm);
      }
    }
  });
  const scanner = new LiteralScanner([...literalIds.keys()]);

  // The per-check loops read flat typed arrays (CSR: the entries of item i are at [offsets[i], offsets[i + 1])):
  // walking the object lists above was about half of the matcher's own time on the 500-byte bench messages.
  const anchors = flatten(anchorsOfLiteral);
  const anchorPart = Int32Array.from(anchors.values, (ref) => ref.part);
  const anchorMin = Int32Array.from(anchors.values, (ref) => ref.minOffset);
  const anchorMax = Int32Array.from(anchors.values, (ref) => ref.maxOffset);
  const literalConfirms = flatten(confirmsOfLiteral);
  const literalConfirmIds = Int32Array.from(literalConfirms.values);
  const partConfirms = flatten(confirmsOfPart);
  const partConfirmIds = Int32Array.from(partConfirms.values);
  const confirmMin = Int32Array.from(confirms, (confirm) => confirm.minOffset);
  const confirmMax = Int32Array.from(confirms, (confirm) => confirm.maxOffset);
  const partConfirmOf = Int32Array.from(partOfConfirm);
  // Each part's rules, with the part's place among the rule's parts (its rank on a tie).
  const partRules = flatten(rulesOfPart.map((list, part) => list.map((ruleIndex) => [ruleIndex, (partsOfRule[ruleIndex] as number[]).indexOf(part)] as const)));
  const partRuleIndex = Int32Array.from(partRules.values, ([ruleIndex]) => ruleIndex);
  const partRulePlace = Int32Array.from(partRules.values, ([, place]) => place);
  // firstUnits as tables: a narrow window looks at ~140 starts per 500-byte check, and a Set lookup per
  // start was most of what skipping them cost. ASCII: one byte per (part, unit); other units: a byte per
  // unit that starts some part's match, the part's own Set asked only then.
  const firstAscii = new Uint8Array(parts.length * 128);
  const firstOther = new Uint8Array(65_536);
  let otherCount = 0;
  parts.forEach((part, id) => {
    for (const unit of part.firstUnits ?? []) {
      if (unit < 128) {
        firstAscii[id * 128 + unit] = 1;
      } else {
        firstOther[unit] = 1;
        otherCount += 1;
      }
    }
  });
  let firstBits = 4;
  while (1 << firstBits < otherCount * 2) firstBits += 1;
  const firstShift = 32 - firstBits;
  const firstMask = (1 << firstBits) - 1;
  /** (part, non-ASCII unit) pairs, open addressing: the key is part * 65536 + unit, -1 when empty. */
  const firstKeys = new Int32Array(1 << firstBits).fill(-1);
  parts.forEach((part, id) => {
    for (const unit of part.firstUnits ?? []) {
      if (unit < 128) continue;
      const key = id * 65_536 + unit;
      let slot = Math.imul(key, 0x9e3779b1) >>> firstShift;
      while (firstKeys[slot] !== -1) slot = (slot + 1) & firstMask;
      firstKeys[slot] = key;
    }
  });
  /** Whether a match of `part` can start with the non-ASCII unit `unit`. */
  const startsWith = (part: number, unit: number): boolean => {
    if (firstOther[unit] === 0) return false;
    const key = part * 65_536 + unit;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> firstShift; ; slot = (slot + 1) & firstMask) {
      const at = firstKeys[slot] as number;
      if (at === key) return true;
      if (at === -1) return false;
    }
  };

  // Per-check scratch space, indexed by part, rule or further set; a stamp marks what the current check
  // touched, so nothing proportional to the number of rules is reset or scanned per check. Lists keep their
  // arrays from check to check with a count of their valid entries: a new array per touched list, the lists'
  // growth and one object per part match were about a third of the matcher's own time and most of its
  // garbage on the 500-byte bench messages.
  let stamp = 0;
  const partStamp = new Int32Array(parts.length);
  const anchoredStamp = new Int32Array(parts.length);
  const ruleStamp = new Int32Array(rules.length);
  const confirmStamp = new Int32Array(confirms.length);
  const confirmPositions: number[][] = confirms.map(() => []);
  const confirmCount = new Int32Array(confirms.length);
  /** Per part: its candidate-start windows as flat [lo, hi] pairs, windowCount[part] numbers valid. */
  const windows: number[][] = parts.map(() => []);
  const windowCount = new Int32Array(parts.length);
  const unsorted = new Uint8Array(parts.length);
  /** Per part: the last search's result (memoStart -1: none) for searches from memoFrom on; valid when memoStamp is the check's. */
  const memoStamp = new Int32Array(parts.length);
  const memoFrom = new Int32Array(parts.length);
  const memoStart = new Int32Array(parts.length);
  const memoEnd = new Int32Array(parts.length);
  /** Per touched rule: the places (in the rule's part order) of its parts anchored in this check. */
  const activePlaces: number[][] = rules.map(() => []);
  const placeCount = new Int32Array(rules.length);
  let deadline = 0;
  let timedOut = false;
  const touchedConfirms: number[] = [];
  const touchedParts: number[] = [];
  const touchedRules: number[] = [];
  /** Window searches in this check; the clock is read every 16th. */
  let searches = 0;
  /** The end of the match firstMatch() returned last. */
  let matchEnd = -1;
  const work: MatcherWork = { occurrences: 0, attempts: 0, units: 0 };

  /**
   * Adds a candidate-start window, merged with the last one when they are close: a merged window also covers
   * a few starts that are no candidates, which is harmless (no match can start there), and a flood of
   * occurrences becomes one window searched in one call.
   */
  const addWindow = (part: number, lo: number, hi: number): void => {
    const list = windows[part] as number[];
    const count = windowCount[part] as number;
    const last = count - 1;
    if (last < 0) {
      list[0] = lo;
      list[1] = hi;
      windowCount[part] = 2;
    } else if (lo <= (list[last] as number) + STICKY_WINDOW && hi >= (list[last - 1] as number) - STICKY_WINDOW) {
      list[last - 1] = Math.min(list[last - 1] as number, lo);
      list[last] = Math.max(list[last] as number, hi);
    } else {
      if (lo < (list[last - 1] as number)) unsorted[part] = 1;
      list[count] = lo;
      list[count + 1] = hi;
      windowCount[part] = count + 2;
    }
  };

  /** A part's windows [lo, hi] (flat pairs, the first windowCount[part] numbers), sorted and merged. */
  const windowsOf = (part: number): number[] => {
    const list = windows[part] as number[];
    if (unsorted[part] === 0) return list;
    unsorted[part] = 0;
    const pairs: [number, number][] = [];
    for (let index = 0; index < (windowCount[part] as number); index += 2) pairs.push([list[index] as number, list[index + 1] as number]);
    pairs.sort((a, b) => a[0] - b[0]);
    let count = 0;
    for (const [lo, hi] of pairs) {
      const last = count - 1;
      if (last > 0 && lo <= (list[last] as number) + 1) {
        list[last] = Math.max(list[last] as number, hi);
      } else {
        list[count] = lo;
        list[count + 1] = hi;
        count += 2;
      }
    }
    windowCount[part] = count;
    return list;
  };

  /** True when a further literal set occurs where a match starting in [lo, hi] would contain it. */
  const confirmed = (confirm: number, lo: number, hi: number): boolean => {
    if (confirmStamp[confirm] !== stamp) return false;
    const positions = confirmPositions[confirm] as number[];
    const count = confirmCount[confirm] as number;
    const from = lo + (confirmMin[confirm] as number);
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((positions[middle] as number) < from) low = middle + 1;
      else high = middle;
    }
    return low < count && (positions[low] as number) <= hi + (confirmMax[confirm] as number);
  };

  /**
   * The start of the leftmost match of a part starting at or after `from` (its end in matchEnd), -1 for none,
   * searched only inside its windows, each on a slice wide enough for any match starting there and for its
   * lookarounds, so the result is exactly what a search over the whole text would give at those positions.
   */
  const firstMatch = (text: string, part: number, from: number): number => {
    if (memoStamp[part] === stamp && from >= (memoFrom[part] as number)) {
      const start = memoStart[part] as number;
      if (start < 0 || start >= from) {
        matchEnd = memoEnd[part] as number;
        return start;
      }
    }
    const list = windowsOf(part);
    const count = windowCount[part] as number;
    const { shape, expression, sticky, firstUnits } = parts[part] as Part;
    const asciiBase = part * 128;
    let foundStart = -1;
    let foundEnd = -1;
    for (let index = 0; index < count; index += 2) {
      const hi = list[index + 1] as number;
      if (hi < from) continue;
      searches += 1;
      if ((searches & 15) === 0 && performance.now() > deadline) {
        timedOut = true;
        break;
      }
      const lo = Math.max(list[index] as number, from);
      if (hi - lo < STICKY_WINDOW) {
        // Lookarounds read the whole text, so trying each start on the text itself is exact.
        for (let start = lo; start <= hi; start += 1) {
          // No match starts on a code unit outside firstUnits; a low surrogate is always tried, as the engine
          // may read the pair it ends.
          const unit = text.charCodeAt(start);
          if (firstUnits !== undefined) {
            if (unit < 128) {
              if (firstAscii[asciiBase + unit] === 0) continue;
            } else if (!startsWith(part, unit) && (unit < 0xdc00 || unit > 0xdfff)) {
              continue;
            }
          }
          sticky.lastIndex = start;
          work.attempts += 1;
          work.units += 1;
          // test() builds no match array; a sticky match ends at lastIndex.
          if (sticky.test(text) && sticky.lastIndex > start) {
            foundStart = start;
            foundEnd = sticky.lastIndex;
            break;
          }
        }
        if (foundStart >= 0) break;
        continue;
      }
      const sliceStart = Math.max(0, lo - shape.behind);
      const sliceEnd = Math.min(text.length, hi + shape.maxLength + shape.ahead);
      const slice = text.slice(sliceStart, sliceEnd);
      work.attempts += 1;
      work.units += sliceEnd - sliceStart;
      expression.lastIndex = lo - sliceStart;
      let result: RegExpExecArray | null;
      while ((result = expression.exec(slice)) !== null && result[0].length === 0) expression.lastIndex += 1;
      if (result !== null && result.index + sliceStart <= hi) {
        foundStart = result.index + sliceStart;
        foundEnd = foundStart + result[0].length;
        break;
      }
    }
    if (timedOut) return -1;
    memoStamp[part] = stamp;
    memoFrom[part] = from;
    memoStart[part] = foundStart;
    memoEnd[part] = foundEnd;
    matchEnd = foundEnd;
    return foundStart;
  };

  /**
   * Each cue group's first match start, -1 for none: one buffer, overwritten by the next check (the caller
   * reads it before checking another text, as it does the scanner's occurrences).
   */
  const groupStarts = new Int32Array(groups.length);
  const noGroupMatch = (hits: RawHit[]): MatchResult => (groups.length > 0 ? { hits, complete: true, groupStarts: groupStarts.fill(-1) } : { hits, complete: true });

  const matchWithin = (text: string, budgetMs = DEFAULT_MATCH_BUDGET_MS): MatchResult => {
    const hits: RawHit[] = [];
    if (text.length === 0) return noGroupMatch(hits);
    const { data: occurrences, length: found } = scanner.scan(text);
    work.occurrences += found >> 1;
    if (found === 0) return noGroupMatch(hits);
    deadline = performance.now() + budgetMs;
    timedOut = budgetMs < 0;
    searches = 0;
    stamp += 1;
    // Occurrences come in order of their end; a further set's start positions are sorted for binary search.
    // Only parts whose anchor occurs need their further sets: with many rules, most never get here.
    for (let index = 0; index < found; index += 2) {
      const literal = occurrences[index + 1] as number;
      for (let ref = anchors.offsets[literal] as number, end = anchors.offsets[literal + 1] as number; ref < end; ref += 1) anchoredStamp[anchorPart[ref] as number] = stamp;
    }
    let confirmsTouched = 0;
    for (let index = 0; index < found; index += 2) {
      const literal = occurrences[index + 1] as number;
      for (let at = literalConfirms.offsets[literal] as number, end = literalConfirms.offsets[literal + 1] as number; at < end; at += 1) {
        const confirm = literalConfirmIds[at] as number;
        if (anchoredStamp[partConfirmOf[confirm] as number] !== stamp) continue;
        if (confirmStamp[confirm] !== stamp) {
          confirmStamp[confirm] = stamp;
          confirmCount[confirm] = 0;
          touchedConfirms[confirmsTouched] = confirm;
          confirmsTouched += 1;
        }
        const count = confirmCount[confirm] as number;
        (confirmPositions[confirm] as number[])[count] = occurrences[index] as number;
        confirmCount[confirm] = count + 1;
      }
    }
    for (let touched = 0; touched < confirmsTouched; touched += 1) {
      const confirm = touchedConfirms[touched] as number;
      const positions = confirmPositions[confirm] as number[];
      const count = confirmCount[confirm] as number;
      for (let index = 1; index < count; index += 1) {
        if ((positions[index] as number) < (positions[index - 1] as number)) {
          sortPrefix(positions, count);
          break;
        }
      }
    }
    let partsTouched = 0;
    for (let index = 0; index < found; index += 2) {
      const position = occurrences[index] as number;
      const literal = occurrences[index + 1] as number;
      for (let ref = anchors.offsets[literal] as number, end = anchors.offsets[literal + 1] as number; ref < end; ref += 1) {
        const hi = position - (anchorMin[ref] as number);
        if (hi < 0) continue;
        const lo = Math.max(0, position - (anchorMax[ref] as number));
        const part = anchorPart[ref] as number;
        let allFound = true;
        for (let at = partConfirms.offsets[part] as number, last = partConfirms.offsets[part + 1] as number; at < last && allFound; at += 1) {
          allFound = confirmed(partConfirmIds[at] as number, lo, hi);
        }
        if (!allFound) continue;
        if (partStamp[part] !== stamp) {
          partStamp[part] = stamp;
          windowCount[part] = 0;
          unsorted[part] = 0;
          touchedParts[partsTouched] = part;
          partsTouched += 1;
        }
        addWindow(part, lo, hi);
      }
    }
    let rulesTouched = 0;
    for (let touched = 0; touched < partsTouched; touched += 1) {
      const part = touchedParts[touched] as number;
      for (let at = partRules.offsets[part] as number, end = partRules.offsets[part + 1] as number; at < end; at += 1) {
        const ruleIndex = partRuleIndex[at] as number;
        if (ruleStamp[ruleIndex] !== stamp) {
          ruleStamp[ruleIndex] = stamp;
          touchedRules[rulesTouched] = ruleIndex;
          rulesTouched += 1;
          placeCount[ruleIndex] = 0;
        }
        const count = placeCount[ruleIndex] as number;
        (activePlaces[ruleIndex] as number[])[count] = partRulePlace[at] as number;
        placeCount[ruleIndex] = count + 1;
      }
    }
    sortPrefix(touchedRules, rulesTouched);

    // Each rule as the alternation of its parts in file order, scanned like a global regular expression:
    // the leftmost match wins, the earlier part on a tie, and the next search starts where it ended. Only the
    // parts anchored in this check can match, so only they are tried, in the rule's order.
    if (groups.length > 0) groupStarts.fill(-1);
    for (let touched = 0; touched < rulesTouched; touched += 1) {
      const ruleIndex = touchedRules[touched] as number;
      if (timedOut) return { hits, complete: false };
      const ruleParts = partsOfRule[ruleIndex] as number[];
      const places = activePlaces[ruleIndex] as number[];
      const placesCount = placeCount[ruleIndex] as number;
      sortPrefix(places, placesCount);
      if (ruleIndex >= ruleCount) {
        // A cue group: its first match only.
        let best = -1;
        for (let at = 0; at < placesCount; at += 1) {
          const candidate = firstMatch(text, ruleParts[places[at] as number] as number, 0);
          if (candidate >= 0 && (best < 0 || candidate < best)) best = candidate;
        }
        if (timedOut) return { hits, complete: false };
        groupStarts[ruleIndex - ruleCount] = best;
        continue;
      }
      let cursor = 0;
      for (let kept = 0; kept < maxHitsPerRule; kept += 1) {
        let best = -1;
        let bestEnd = -1;
        for (let at = 0; at < placesCount; at += 1) {
          const candidate = firstMatch(text, ruleParts[places[at] as number] as number, cursor);
          if (candidate >= 0 && (best < 0 || candidate < best)) {
            best = candidate;
            bestEnd = matchEnd;
          }
        }
        if (timedOut) return { hits, complete: false };
        if (best < 0) break;
        hits.push({ ruleIndex, start: best, end: bestEnd });
        cursor = bestEnd;
      }
    }
    return groups.length > 0 ? { hits, complete: true, groupStarts } : { hits, complete: true };
  };

  return {
    match: (text) => matchWithin(text).hits,
    matchWithin,
    work: () => ({ ...work }),
  };
}
