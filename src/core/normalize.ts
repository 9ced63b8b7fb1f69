import * as OpenCC from 'opencc-js/t2cn';
import { CONFUSABLES, LEET } from './confusables.ts';
import { foldVariantWords } from './zh-variant-words.ts';

/**
 * Text folded for matching, with a map back into the original: output code unit `i` came from the original
 * range [`starts[i]`, `starts[i] + 1`), or [`starts[i]`, `starts[i] + 2`) when `i` is in `wide` (a unit of an
 * astral code point's fold). No array of ends: it was a second map as long as the text, filled and allocated
 * per check, for what originalSpan() reads once per hit.
 */
export interface NormalizedText {
  text: string;
  starts: Int32Array;
  /** The output positions whose original range is two units long, ascending; usually empty. */
  wide: Int32Array;
  /** True when the original text is ASCII only (normalize() always says; other makers of this may leave it out). */
  asciiOnly?: boolean;
}

const NO_WIDE = new Int32Array(0);

const traditionalToSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * Characters removed before matching, by Unicode property rather than a hand-made list: every
 * Default_Ignorable_Code_Point (zero-width and bidi marks, variation selectors, tags, the Hangul fillers), every
 * format character (Cf: soft hyphen, interlinear annotation marks U+FFF9-FFFB, musical and hieroglyph format
 * controls such as U+1D173 and U+13437, shorthand format controls U+1BCA0…), the C0 and C1 controls other than
 * the whitespace ones (U+0001, U+0085…), and blank characters drawn as nothing: U+2800 (Braille pattern blank),
 * U+3164, U+115F, U+1160 and U+FFA0 (Hangul fillers). One inside a word no longer splits it.
 */
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\u2800\u3164\u115F\u1160\uFFA0]$/u;
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
      else if (INVISIBLE.test(piece)) continue;
      else if (HAN.test(piece)) out += CONFUSABLES.get(traditionalToSimplified(piece)) ?? traditionalToSimplified(piece);
      else out += WHITESPACE.test(piece) ? ' ' : piece;
    }
    folded = out;
  }
  if (foldCache.size < 50_000) foldCache.set(codePoint, folded);
  return folded;
}

/** ASCII fast path: what each code below 128 becomes (DROP: removed, SPACE: a space to collapse). */
const DROP = -1;
const SPACE = -2;
const ASCII_FOLD = Int32Array.from({ length: 128 }, (_, code) => {
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  if (code < 32 || code === 127) return DROP;
  return code >= 65 && code <= 90 ? code + 32 : code;
});
/** Folds of BMP code points that are one unit, dropped or a space; UNKNOWN until first seen, MANY otherwise. */
const UNKNOWN = 0x7fffffff;
const MANY = -3;
const BMP_FOLD = new Int32Array(65_536).fill(UNKNOWN);

function learnBmp(code: number): number {
  const folded = foldCodePoint(code, String.fromCharCode(code));
  const single = folded === '' ? DROP : folded === ' ' ? SPACE : folded.length === 1 ? folded.charCodeAt(0) : MANY;
  BMP_FOLD[code] = single;
  return single;
}

/** Digits and symbols read as letters between letters, by ASCII code (0: none). */
const LEET_FOLD = Int32Array.from({ length: 128 }, (_, code) => LEET.get(String.fromCharCode(code))?.charCodeAt(0) ?? 0);

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isHanCode(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Output buffers, grown on demand and shared by every call (normalize is synchronous). */
let unitBuffer = new Uint16Array(4096);
let startBuffer = new Int32Array(4096);
/**
 * Output positions whose end is their start + 2 (from an astral code point); every other output unit ends one
 * unit after its start, so fold() writes no end per unit. And the positions of digits or symbols that may
 * stand for letters, for readLeet(). Both in output order.
 */
const widePositions = { data: new Int32Array(64), count: 0 };
/** Whether fold() wrote a non-ASCII unit: an ASCII-only text has no Chinese words to fold (skips a pass). */
let foldedNonAscii = false;
/** Whether fold() read a non-ASCII unit: later steps can skip a pass over an ASCII-only original (accent-words.ts). */
let readNonAscii = false;
const leetPositions = { data: new Int32Array(256), count: 0 };

function pushPosition(list: { data: Int32Array; count: number }, position: number): void {
  if (list.count === list.data.length) {
    const grown = new Int32Array(list.data.length * 2);
    grown.set(list.data);
    list.data = grown;
  }
  list.data[list.count] = position;
  list.count += 1;
}

function ensureCapacity(needed: number): void {
  if (needed <= unitBuffer.length) return;
  let size = unitBuffer.length;
  while (size < needed) size *= 2;
  const units = new Uint16Array(size);
  units.set(unitBuffer);
  unitBuffer = units;
  const starts = new Int32Array(size);
  starts.set(startBuffer);
  startBuffer = starts;
}

/**
 * Folds text for matching: NFKC (full-width → half-width, styled letters → plain), case folding, diacritics,
 * invisible characters removed (see INVISIBLE), homoglyphs folded to Latin, traditional → simplified Chinese
 * and Taiwan words read as the mainland word of the same length (zh-variant-words.ts: 登入 → 登录, 點選 → 点击),
 * whitespace runs collapsed to one space (and dropped between two Chinese characters, so "公 安 局" matches),
 * and digits or symbols between letters read as letters ("p0lice"). Linear in the input length; ASCII goes
 * through a table, other code points through a cache of their folded form.
 */
export function normalize(original: string): NormalizedText {
  ensureCapacity(original.length + 16);
  const length = fold(original);
  if (leetPositions.count > 0) readLeet(length);
  if (foldedNonAscii) foldVariantWords(unitBuffer, length);
  const starts = offsetMap(length);
  if (length > 256) {
    starts.set(startBuffer.subarray(0, length));
  } else {
    for (let index = 0; index < length; index += 1) starts[index] = startBuffer[index] as number;
  }
  const wide = widePositions.count === 0 ? NO_WIDE : widePositions.data.slice(0, widePositions.count);
  return { text: unitsToString(length), starts, wide, asciiOnly: !readNonAscii };
}

/**
 * Offset maps are carved from shared 256 KB slabs, never reused, like Node's Buffer pool: a new Int32Array
 * of a few KB per check gets its own off-heap backing store, and allocating it was about half of
 * normalize()'s time on the 500-byte bench messages (2.7 of 5.4 µs). A slab lives while a map cut from it
 * does; a map larger than an eighth of a slab gets its own buffer.
 */
const SLAB_LENGTH = 65_536;
let slab = new Int32Array(SLAB_LENGTH);
let slabUsed = 0;

function offsetMap(length: number): Int32Array {
  if (length > SLAB_LENGTH / 8) return new Int32Array(length);
  if (slabUsed + length > SLAB_LENGTH) {
    slab = new Int32Array(SLAB_LENGTH);
    slabUsed = 0;
  }
  // A view by constructor: subarray() looks up a species constructor first and cost more than the copy.
  const map = new Int32Array(slab.buffer, slabUsed * 4, length);
  slabUsed += length;
  return map;
}

/**
 * The first `length` output units as a string. Buffer's UTF-16 decoding measured 1.5 ms for 200,000 units
 * where TextDecoder took 1.4-22 ms and String.fromCharCode in chunks 20-170 ms (typed arrays are
 * little-endian on every platform Node runs this service on).
 */
function unitsToString(length: number): string {
  if (length <= 32) return String.fromCharCode(...unitBuffer.subarray(0, length));
  return Buffer.from(unitBuffer.buffer, unitBuffer.byteOffset, length * 2).toString('utf16le');
}

/** The folding pass into the shared buffers; returns the output length. */
function fold(original: string): number {
  let units = unitBuffer;
  let starts = startBuffer;
  let length = 0;
  let pendingSpace = -1;
  let index = 0;
  const total = original.length;
  widePositions.count = 0;
  leetPositions.count = 0;
  foldedNonAscii = false;
  readNonAscii = false;
  while (index < total) {
    const code = original.charCodeAt(index);
    if (code < 128) {
      const folded = ASCII_FOLD[code] as number;
      if (folded >= 0) {
        if (pendingSpace >= 0) {
          // A space between two Chinese characters is dropped; ASCII never is Chinese.
          units[length] = 32;
          starts[length] = pendingSpace;
          length += 1;
          pendingSpace = -1;
        }
        if (LEET_FOLD[folded] !== 0) pushPosition(leetPositions, length);
        units[length] = folded;
        starts[length] = index;
        length += 1;
      } else if (folded === SPACE && length > 0 && pendingSpace < 0) {
        pendingSpace = index;
      }
      index += 1;
      continue;
    }
    readNonAscii = true;
    if (code < 0xd800 || code > 0xdfff) {
      // A BMP code point: its fold is usually one unit, read from a table filled on first sight.
      let single = BMP_FOLD[code] as number;
      if (single === UNKNOWN) single = learnBmp(code);
      if (single >= 0) {
        if (pendingSpace >= 0) {
          if (!(isHanCode(units[length - 1] ?? 0) && isHanCode(single))) {
            units[length] = 32;
            starts[length] = pendingSpace;
              length += 1;
          }
          pendingSpace = -1;
        }
        if (single < 128) {
          if (LEET_FOLD[single] !== 0) pushPosition(leetPositions, length);
        } else {
          foldedNonAscii = true;
        }
        units[length] = single;
        starts[length] = index;
        length += 1;
        index += 1;
        continue;
      }
      if (single === DROP) {
        index += 1;
        continue;
      }
      if (single === SPACE) {
        if (length > 0 && pendingSpace < 0) pendingSpace = index;
        index += 1;
        continue;
      }
    }
    const codePoint = original.codePointAt(index) as number;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCache.get(codePoint) ?? foldCodePoint(codePoint, String.fromCodePoint(codePoint));
    if (folded === ' ') {
      if (length > 0 && pendingSpace < 0) pendingSpace = index;
    } else if (folded !== '') {
      // Room for this expansion and for every remaining input unit (ASCII adds at most one unit per unit).
      if (length + folded.length + 1 + (total - index) > units.length) {
        ensureCapacity(length + folded.length + 1 + (total - index));
        units = unitBuffer;
        starts = startBuffer;
      }
      if (pendingSpace >= 0) {
        if (!(isHanCode(units[length - 1] ?? 0) && isHanCode(folded.charCodeAt(0)))) {
          units[length] = 32;
          starts[length] = pendingSpace;
          length += 1;
        }
        pendingSpace = -1;
      }
      for (let k = 0; k < folded.length; k += 1) {
        const unit = folded.charCodeAt(k);
        if (unit < 128) {
          if (LEET_FOLD[unit] !== 0) pushPosition(leetPositions, length);
        } else {
          foldedNonAscii = true;
        }
        units[length] = unit;
        starts[length] = index;
        if (width === 2) pushPosition(widePositions, length);
        length += 1;
      }
    }
    index += width;
  }
  return length;
}

/** Digits and symbols standing for letters inside a word: "p0lice", "tran$fer". */
function readLeet(length: number): void {
  const units = unitBuffer;
  // Only the positions fold() wrote such a unit at, in order (a replaced unit is a letter for the next one).
  for (let at = 0; at < leetPositions.count; at += 1) {
    const position = leetPositions.data[at] as number;
    if (position < 1 || position >= length - 1) continue;
    const replacement = LEET_FOLD[units[position] as number] as number;
    if (isAsciiLetter(units[position - 1] as number) && isAsciiLetter(units[position + 1] as number)) units[position] = replacement;
  }
}

/** Maps a span [start, end) of normalized text back to the span of the original text it came from. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  const { starts, wide } = normalized;
  if (starts.length === 0) return { start: 0, end: 0 };
  const first = Math.min(start, starts.length - 1);
  const last = Math.min(Math.max(end - 1, first), starts.length - 1);
  return { start: starts[first] as number, end: (starts[last] as number) + (isWide(wide, last) ? 2 : 1) };
}

/** Whether `position` is in the ascending list `wide` (binary search). */
function isWide(wide: Int32Array, position: number): boolean {
  let low = 0;
  let high = wide.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((wide[middle] as number) < position) low = middle + 1;
    else high = middle;
  }
  return low < wide.length && wide[low] === position;
}
