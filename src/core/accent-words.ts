import { z } from 'zod';
import { phraseSource, type MatcherRule } from './matcher.ts';
import { originalSpan, type NormalizedText } from './normalize.ts';

/**
 * rules/accent-words.yaml: words whose accent is all that tells them from another word, once normalization
 * has stripped it (Spanish "pagué", I paid, and "pague", pay!). Rules are written without accents, so they
 * read both as the demand; a hit that matches only by reading such a word, written with its accent, as its
 * unaccented twin is dropped.
 */
export const AccentWordsFileSchema = z
  .object({
    /** Lower case, with the accent (NFC): each is one word whose folded form is plain a-z. */
    words: z.array(z.string().min(2)).default([]),
  })
  .strict();

/** The accented words by their folded form, and each rule as one sticky expression (built on first need). */
export interface AccentWords {
  /** Folded form ("pague") → the accented spellings that mean something else ("pagué"). */
  byFolded: ReadonlyMap<string, readonly string[]>;
  /**
   * Whether a text may hold a listed word written with its accent: one of the words' accented letters (either
   * case) or a combining mark (a decomposed accent). The letters of a listed word, NFC and lower-cased, can
   * only come from these, so a text without any (every plain-ASCII text) is passed over without its hits'
   * spans being read. By UTF-16 code unit: 1 for such a letter or mark, 2 for a high surrogate (the pair is
   * then read as one code point, against `astral`); see {@link mayHoldAccentedWord}.
   */
  accentedUnits: Uint8Array;
  /** The words' accented letters beyond the Basic Multilingual Plane (either case), by code point. */
  astralLetters: ReadonlySet<number>;
  /** The lowest code unit `accentedUnits` marks (U+00C0 and up for most lists; U+0300 is the first mark). */
  lowestUnit: number;
  /** Sticky expression per rule index, compiled the first time a hit of that rule holds an accented word. */
  expressions: (RegExp | undefined)[];
  rules: readonly AccentRule[];
}

/** What the filter reads of a rule: its parts, and the accented words it means as written (`means_accented`). */
export type AccentRule = MatcherRule & { means_accented?: readonly string[] };

/** A hit in normalized-text offsets (RawHit and anything shaped like it). */
export interface AccentHit {
  ruleIndex: number;
  start: number;
  end: number;
}

/**
 * Compiles the word list. `fold` is the normalizer's fold (normalize().text): each word must fold to plain a-z
 * of its own length (so the accented spelling can stand in the normalized text in its place) and differ from
 * its fold. Throws naming the word otherwise.
 */
export function compileAccentWords(words: readonly string[], rules: readonly AccentRule[], fold: (text: string) => string): AccentWords {
  const byFolded = new Map<string, string[]>();
  for (const raw of words) {
    const word = raw.normalize('NFC').toLowerCase();
    const folded = fold(word);
    if (!/^[a-z]+$/.test(folded) || folded.length !== word.length || folded === word) {
      throw new Error(`word ${JSON.stringify(raw)} must fold to a different plain a-z word of its own length (got ${JSON.stringify(folded)})`);
    }
    byFolded.set(folded, [...(byFolded.get(folded) ?? []), word]);
  }
  const listed = new Set([...byFolded.values()].flat());
  for (const rule of rules) {
    for (const word of rule.means_accented ?? []) {
      if (!listed.has(word.normalize('NFC').toLowerCase())) throw new Error(`rule ${rule.id}: means_accented ${JSON.stringify(word)} is not in the word list`);
    }
  }
  const letters = new Set([...listed].flatMap((word) => [...word, ...word.toUpperCase()]).filter((char) => !/^[a-zA-Z]$/.test(char)));
  const accentedUnits = markUnits().slice();
  const astralLetters = new Set<number>();
  for (const letter of letters) {
    const code = letter.codePointAt(0) as number;
    if (code > 0xffff) astralLetters.add(code);
    else accentedUnits[code] = 1;
  }
  const lowestUnit = accentedUnits.findIndex((kind) => kind !== 0);
  return { byFolded, accentedUnits, astralLetters, lowestUnit, expressions: [], rules };
}

let markTable: Uint8Array | undefined;

/**
 * By UTF-16 code unit: 1 for a combining mark (\p{M}) of the Basic Multilingual Plane, 2 for a high surrogate.
 * Built once, by one global match over every non-surrogate BMP code unit.
 */
function markUnits(): Uint8Array {
  if (markTable) return markTable;
  const table = new Uint8Array(0x10000);
  for (let code = 0xd800; code <= 0xdbff; code += 1) table[code] = 2;
  let all = '';
  for (let code = 0; code < 0x10000; code += 1) all += code >= 0xd800 && code <= 0xdfff ? ' ' : String.fromCharCode(code);
  for (const match of all.matchAll(/\p{M}/gu)) table[match.index] = 1;
  markTable = table;
  return table;
}

/**
 * Whether `text` holds one of the listed words' accented letters (either case) or a combining mark: the same
 * answer as the expression `[those letters]|\p{M}` (flag u), read through a table by code unit instead
 * (measured on the bench's 60 KB transcript: 0.48 ms for the expression, 0.09 ms for the table). A high
 * surrogate with its low half is read as one code point; a lone surrogate is neither a letter nor a mark.
 */
export function mayHoldAccentedWord(text: string, words: Pick<AccentWords, 'accentedUnits' | 'astralLetters' | 'lowestUnit'>): boolean {
  const units = words.accentedUnits;
  const lowest = words.lowestUnit;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const unit = text.charCodeAt(index);
    // Below the lowest unit the table marks, nothing is a letter or mark: ASCII never reads the table.
    if (unit < lowest) continue;
    const kind = units[unit];
    if (kind === 0) continue;
    if (kind === 1) return true;
    const low = index + 1 < length ? text.charCodeAt(index + 1) : 0;
    if (low < 0xdc00 || low > 0xdfff) continue;
    const code = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    if (words.astralLetters.has(code) || COMBINING.test(String.fromCodePoint(code))) return true;
    index += 1;
  }
  return false;
}

const COMBINING = /^\p{M}$/u;

function isAsciiLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** The rule as one sticky expression (its patterns and phrases, as the matcher reads them). */
function ruleExpression(words: AccentWords, ruleIndex: number): RegExp | undefined {
  let expression = words.expressions[ruleIndex];
  if (expression) return expression;
  const rule = words.rules[ruleIndex];
  if (!rule) return undefined;
  const sources = [...rule.patterns, ...rule.phrases.map(phraseSource)];
  expression = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'uy');
  words.expressions[ruleIndex] = expression;
  return expression;
}

/**
 * Drops the hits that match only because an accented word of the list (written so in `original`) was read as
 * its unaccented twin: "ya pagué en el Oxxo" is no order to pay at the Oxxo. For each hit whose span holds such
 * a word, the rule is tried again at the hit's start on a second view of the normalized text in which those
 * words keep their accent (same length, so offsets agree); rules are written in plain a-z, so a part that
 * needed "pague" no longer matches, while one that only passed over it in a gap still does. A hit dropped
 * this way is not replaced by a later match of the same rule. A text with none of the words' accented letters
 * (nearly all) is returned as it is, after one table-lookup pass (none when `normalized` says its original is
 * ASCII only; `normalized` must be normalize(original)); one with them costs a scan of the hits' spans.
 */
export function keepAccentedReadings<T extends AccentHit>(original: string, normalized: NormalizedText, hits: readonly T[], words: AccentWords): readonly T[] {
  // An ASCII-only original (normalize() says so) holds no accented letter or mark: no pass over it.
  if (hits.length === 0 || words.byFolded.size === 0 || (normalized.asciiOnly === true && words.lowestUnit >= 0x80) || !mayHoldAccentedWord(original, words)) return hits;
  const { text, starts } = normalized;
  // Accented words found so far: their start in the normalized text → their accented spelling.
  const marked = new Map<number, string>();
  const checked = new Set<number>();
  const hitWords: number[][] = [];
  for (const hit of hits) {
    const found: number[] = [];
    let at = hit.start;
    // Back to the start of a word the hit begins inside of.
    while (at > 0 && isAsciiLetter(text.charCodeAt(at - 1)) && at > hit.start - 24) at -= 1;
    while (at < hit.end) {
      if (!isAsciiLetter(text.charCodeAt(at))) {
        at += 1;
        continue;
      }
      const from = at;
      while (at < text.length && isAsciiLetter(text.charCodeAt(at))) at += 1;
      if (!checked.has(from)) {
        checked.add(from);
        const spellings = words.byFolded.get(text.slice(from, at));
        if (spellings) {
          // A decomposed accent (e + U+0301) folds to nothing after its letter: take it in.
          let end = originalSpan(normalized, from, at).end;
          while (end < original.length && COMBINING.test(original[end] as string)) end += 1;
          const written = original.slice(starts[from] as number, end).normalize('NFC').toLowerCase();
          if (spellings.includes(written)) marked.set(from, written);
        }
      }
      if (marked.has(from)) found.push(from);
    }
    hitWords.push(found);
  }
  if (marked.size === 0) return hits;
  return hits.filter((hit, index) => {
    const meant = words.rules[hit.ruleIndex]?.means_accented;
    const froms = (hitWords[index] as number[]).filter((from) => !meant?.includes(marked.get(from) as string));
    if (froms.length === 0) return true;
    const expression = ruleExpression(words, hit.ruleIndex);
    if (!expression) return true;
    // The second view: the normalized text with this hit's accented words spelled with their accent.
    let view = '';
    let last = 0;
    for (const from of froms) {
      const spelling = marked.get(from) as string;
      view += text.slice(last, from) + spelling;
      last = from + spelling.length;
    }
    view += text.slice(last);
    expression.lastIndex = hit.start;
    return expression.test(view);
  });
}
