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
const UTF16 = new TextDecoder('utf-16le');

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
  let units = new Uint16Array(original.length + 16);
  let starts = new Int32Array(units.length);
  let ends = new Int32Array(units.length);
  let length = 0;
  let pendingSpace = -1;

  const grow = (): void => {
    const size = units.length * 2;
    const grownUnits = new Uint16Array(size);
    grownUnits.set(units);
    units = grownUnits;
    const grownStarts = new Int32Array(size);
    grownStarts.set(starts);
    starts = grownStarts;
    const grownEnds = new Int32Array(size);
    grownEnds.set(ends);
    ends = grownEnds;
  };
  const pushUnit = (unit: number, start: number, end: number): void => {
    if (length >= units.length) grow();
    units[length] = unit;
    starts[length] = start;
    ends[length] = end;
    length += 1;
  };
  const flushSpace = (nextUnit: number): void => {
    if (pendingSpace < 0) return;
    if (!(isHanCode(units[length - 1] ?? 0) && isHanCode(nextUnit))) pushUnit(32, pendingSpace, pendingSpace + 1);
    pendingSpace = -1;
  };

  let index = 0;
  while (index < original.length) {
    const code = original.charCodeAt(index);
    if (code < 128) {
      if (code === 32 || (code >= 9 && code <= 13)) {
        if (length > 0 && pendingSpace < 0) pendingSpace = index;
      } else {
        const unit = code >= 65 && code <= 90 ? code + 32 : code;
        flushSpace(unit);
        pushUnit(unit, index, index + 1);
      }
      index += 1;
      continue;
    }
    const codePoint = original.codePointAt(index) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCache.get(codePoint) ?? foldCodePoint(codePoint, String.fromCodePoint(codePoint));
    if (folded === ' ') {
      if (length > 0 && pendingSpace < 0) pendingSpace = index;
    } else if (folded !== '') {
      flushSpace(folded.charCodeAt(0));
      for (let k = 0; k < folded.length; k += 1) pushUnit(folded.charCodeAt(k), index, index + width);
    }
    index += width;
  }

  // Digits and symbols standing for letters inside a word: "p0lice", "tran$fer".
  for (let position = 1; position < length - 1; position += 1) {
    const unit = units[position] as number;
    if (unit > 127) continue;
    const replacement = LEET.get(String.fromCharCode(unit));
    if (replacement === undefined) continue;
    if (isAsciiLetter(units[position - 1] as number) && isAsciiLetter(units[position + 1] as number)) {
      units[position] = replacement.charCodeAt(0);
    }
  }

  return { text: UTF16.decode(units.subarray(0, length)), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** Maps a span [start, end) of normalized text back to the span of the original text it came from. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (normalized.starts.length === 0) return { start: 0, end: 0 };
  const first = Math.min(start, normalized.starts.length - 1);
  const last = Math.min(Math.max(end - 1, first), normalized.ends.length - 1);
  return { start: normalized.starts[first] as number, end: normalized.ends[last] as number };
}
