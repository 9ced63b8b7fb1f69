import * as OpenCC from 'opencc-js/t2cn';
import { CONFUSABLES, LEET } from './confusables.ts';

/**
 * Text folded for matching, with a map back into the original: output code unit `i` came from the original
 * range [`starts[i]`, `ends[i]`).
 */
export interface NormalizedText {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

const traditionalToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Zero-width, bidi, soft hyphen, variation selectors, tag characters and other invisible format marks. */
const INVISIBLE = /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]$|^[\u{E0000}-\u{E0FFF}]$/u;
const COMBINING_MARK = /\p{M}/gu;
const WHITESPACE = /^\s$/u;
const HAN = /^\p{Script=Han}$/u;

const foldCache = new Map<number, string>();

/** How one non-ASCII code point is folded: NFKC, lower case, marks stripped, confusables, simplified Chinese. */
function foldCodePoint(codePoint: number, char: string): string {
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  let folded: string;
  if (INVISIBLE.test(char)) {
    folded = '';
  } else if (WHITESPACE.test(char)) {
    folded = ' ';
  } else {
    folded = char.normalize('NFKC').toLowerCase().normalize('NFD').replace(COMBINING_MARK, '').normalize('NFC');
    let out = '';
    for (const piece of folded) {
      const confusable = CONFUSABLES.get(piece);
      if (confusable !== undefined) out += confusable;
      else if (HAN.test(piece)) out += CONFUSABLES.get(traditionalToSimplified(piece)) ?? traditionalToSimplified(piece);
      else out += WHITESPACE.test(piece) ? ' ' : piece;
    }
    folded = out;
  }
  if (foldCache.size < 50_000) foldCache.set(codePoint, folded);
  return folded;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * Folds text for matching: NFKC (full-width → half-width, styled letters → plain), case folding, diacritics,
 * zero-width and bidi controls removed, homoglyphs folded to Latin, traditional → simplified Chinese,
 * whitespace runs collapsed to one space (and dropped between two Chinese characters, so "公 安 局" matches),
 * and digits or symbols between letters read as letters ("p0lice"). Linear in the input length.
 */
export function normalize(original: string): NormalizedText {
  const capacity = original.length + 16;
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  const units: string[] = [];
  let length = 0;
  let pendingSpace = -1;

  const push = (piece: string, start: number, end: number): void => {
    for (let k = 0; k < piece.length; k += 1) {
      if (length >= starts.length) {
        const grownStarts = new Int32Array(starts.length * 2);
        grownStarts.set(starts);
        starts = grownStarts;
        const grownEnds = new Int32Array(ends.length * 2);
        grownEnds.set(ends);
        ends = grownEnds;
      }
      units.push(piece[k] as string);
      starts[length] = start;
      ends[length] = end;
      length += 1;
    }
  };

  let index = 0;
  while (index < original.length) {
    const code = original.charCodeAt(index);
    let folded: string;
    let width = 1;
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) folded = ' ';
      else if (code >= 65 && code <= 90) folded = String.fromCharCode(code + 32);
      else folded = original[index] as string;
    } else {
      const codePoint = original.codePointAt(index) as number;
      width = codePoint > 0xffff ? 2 : 1;
      folded = foldCodePoint(codePoint, String.fromCodePoint(codePoint));
    }
    if (folded === ' ') {
      if (length > 0 && pendingSpace < 0) pendingSpace = index;
    } else if (folded !== '') {
      if (pendingSpace >= 0) {
        const previous = units[length - 1]?.charCodeAt(0) ?? 0;
        if (!(isHanCode(previous) && isHanCode(folded.charCodeAt(0)))) push(' ', pendingSpace, pendingSpace + 1);
        pendingSpace = -1;
      }
      push(folded, index, index + width);
    }
    index += width;
  }

  // Digits and symbols standing for letters inside a word: "p0lice", "tran$fer".
  for (let position = 1; position < length - 1; position += 1) {
    const replacement = LEET.get(units[position] as string);
    if (replacement === undefined) continue;
    const before = (units[position - 1] as string).charCodeAt(0);
    const after = (units[position + 1] as string).charCodeAt(0);
    if (isAsciiLetter(before) && isAsciiLetter(after)) units[position] = replacement;
  }

  return { text: units.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** Maps a span [start, end) of normalized text back to the span of the original text it came from. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (normalized.starts.length === 0) return { start: 0, end: 0 };
  const first = Math.min(start, normalized.starts.length - 1);
  const last = Math.min(Math.max(end - 1, first), normalized.ends.length - 1);
  return { start: normalized.starts[first] as number, end: normalized.ends[last] as number };
}
