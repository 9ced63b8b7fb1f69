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
   * spans being read.
   */
  accented: RegExp;
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
  const accented = new RegExp(`[${[...letters].map((char) => `\\u{${char.codePointAt(0)!.toString(16)}}`).join('')}]|\\p{M}`, 'u');
  return { byFolded, accented, expressions: [], rules };
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
 * (nearly all) is returned as it is, after one regular-expression test; one with them costs a scan of the
 * hits' spans.
 */
export function keepAccentedReadings<T extends AccentHit>(original: string, normalized: NormalizedText, hits: readonly T[], words: AccentWords): readonly T[] {
  if (hits.length === 0 || words.byFolded.size === 0 || !words.accented.test(original)) return hits;
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
