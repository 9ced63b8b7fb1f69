/**
 * Hashed n-gram features of normalized text for the local model (src/core/model/): character 1–4-grams of
 * Chinese (Han) runs, and for other scripts whole words, pairs of adjacent words, and character 3–5-grams of
 * each word padded with `<` and `>` (fastText-style subwords). Digits fold to `0`, so a number reads as its
 * length; a few money and address symbols ($ £ € ¥ ₹ % @ /) count as words of their own, so "$0000" and
 * "pay 00%" are pairs the model can weigh. Every n-gram is hashed (32-bit FNV-1a, then mixed) into
 * a table of 2^bits weights; nothing is allocated per call, so one 500-byte message costs a few microseconds.
 * Only the first {@link MAX_MODEL_CHARS} code units are read, so the cost is bounded for long transcripts.
 * Training (bench/train.ts) and inference share this one function, so they cannot drift apart.
 */

/** Version of the feature recipe; a model file names the version it was trained with. */
export const FEATURE_VERSION = 3;

/** Longest prefix of the normalized text the model reads (a long transcript shows its nature early). */
export const MAX_MODEL_CHARS = 4000;

/** Upper bound of features one text yields: 4 per Han character; a word of L characters gives at most 3L subwords plus itself and its pair (≤ 4 per character with the character that ends it; a lone symbol gives 2). */
export const MAX_FEATURES = MAX_MODEL_CHARS * 4 + 8;

/** Reusable output of {@link extractFeatures}: hashed indices and the script counts that pick thresholds. */
export interface FeatureBuffer {
  /** Table indices, `count` of them are valid. */
  indices: Int32Array;
  count: number;
  /** Han characters read. */
  han: number;
  /** Words of other scripts read. */
  words: number;
}

/** A buffer large enough for any text. */
export function createFeatureBuffer(): FeatureBuffer {
  return { indices: new Int32Array(MAX_FEATURES), count: 0, han: 0, words: 0 };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const HAN_SEED = 0x68; // 'h'
const WORD_SEED = 0x77; // 'w'
const SUBWORD_SEED = 0x73; // 's'
const PAIR_SEED = 0x70; // 'p'
const WORD_START = 0x3c; // '<'
const WORD_END = 0x3e; // '>'

/** Spreads FNV's weak low bits before masking (murmur3's finalizer). */
function mix(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** Letters and digits of any non-Han script (Latin, Cyrillic, kana, hangul…); punctuation, spaces and symbols end a word. */
function isWordChar(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  if (code < 0xc0 || code === 0xd7 || code === 0xf7) return false;
  if (code >= 0x2000 && code <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  if (code >= 0x3000 && code <= 0x303f) return false; // CJK punctuation
  if (code >= 0xd800 && code <= 0xdfff) return false; // surrogates (emoji and the like)
  if (code >= 0xfe30 && code <= 0xfe6f) return false; // CJK compatibility and small forms
  if (code >= 0xff00 && code <= 0xff20) return false; // full-width punctuation
  return !isHan(code);
}

/** Symbols read as one-character words: money, percent, the @ of an address and the / of a link path. */
function isSymbolWord(code: number): boolean {
  return code === 0x24 || code === 0x25 || code === 0x40 || code === 0x2f || code === 0xa3 || code === 0xa5 || code === 0x20ac || code === 0x20b9;
}

/** What {@link foldCode} turns every ASCII digit into ('0'): numbers are read by their shape, not their value. */
const FOLDED_DIGIT = 48;

/** A word character with digits folded to `0` and ASCII upper case to lower. */
function foldCode(code: number): number {
  if (code >= 48 && code <= 57) return FOLDED_DIGIT;
  if (code >= 65 && code <= 90) return code + 32;
  return code;
}

/**
 * What each UTF-16 code unit is to the reader, one table read per unit instead of the range tests above
 * (built from them, so it says the same; 256 KB): OTHER, HAN, SYMBOL, or a word character folded (foldCode) plus
 * WORD_BASE.
 */
const OTHER = 0;
const HAN = 1;
const SYMBOL = 2;
const WORD_BASE = 3;
const UNIT_CLASS = Int32Array.from({ length: 65_536 }, (_, code) =>
  isHan(code) ? HAN : isSymbolWord(code) ? SYMBOL : isWordChar(code) ? WORD_BASE + foldCode(code) : OTHER,
);

/** The folded units of the word being read, padded; grown for a longer word (words are at most MAX_MODEL_CHARS). */
let word: Int32Array = new Int32Array(64);

function growWord(current: Int32Array): Int32Array {
  const grown = new Int32Array(current.length * 2);
  grown.set(current);
  word = grown;
  return grown;
}

/**
 * Fills `out` with the hashed features of `text` (already normalized by src/core/normalize.ts) for a table of
 * `2^bits` entries. Deterministic: the same text always gives the same indices in the same order. `hanBase` is
 * added to every Han n-gram's index: the model's Chinese table holds Han n-grams after the other scripts' 2^bits
 * (local-model.ts scoreText passes 2^bits; the English table masks them back into its own 2^bits).
 */
export function extractFeatures(text: string, bits: number, out: FeatureBuffer, hanBase = 0): void {
  const mask = (1 << bits) - 1;
  const end = Math.min(text.length, MAX_MODEL_CHARS);
  const indices = out.indices;
  let count = 0;
  let han = 0;
  let words = 0;
  let index = 0;
  // Hash of the previous word or symbol (0: none since the start or the last Han run), for word pairs.
  let previous = 0;
  while (index < end) {
    const code = text.charCodeAt(index);
    const kind = UNIT_CLASS[code] as number;
    if (kind === HAN) {
      let runEnd = index;
      while (runEnd < end && UNIT_CLASS[text.charCodeAt(runEnd)] === HAN) runEnd += 1;
      han += runEnd - index;
      for (let start = index; start < runEnd; start += 1) {
        let hash = (FNV_OFFSET ^ HAN_SEED) >>> 0;
        const last = Math.min(runEnd, start + 4);
        for (let at = start; at < last; at += 1) {
          hash = Math.imul(hash ^ text.charCodeAt(at), FNV_PRIME);
          indices[count++] = (mix(hash) & mask) + hanBase;
        }
      }
      index = runEnd;
      previous = 0;
    } else if (kind === SYMBOL) {
      const symbolHash = Math.imul((FNV_OFFSET ^ WORD_SEED) >>> 0 ^ code, FNV_PRIME);
      indices[count++] = mix(symbolHash) & mask;
      if (previous !== 0) indices[count++] = mix(Math.imul((previous ^ PAIR_SEED) >>> 0, FNV_PRIME) ^ symbolHash) & mask;
      previous = symbolHash | 1;
      index += 1;
    } else if (kind >= WORD_BASE) {
      // One pass reads the word, folds it into `padded` ("<word>": positions 0 and length+1 are the padding
      // marks) and hashes it; the subwords then read the folded units (reading and folding each unit again
      // for every subword it is in was a third of this function's time).
      let padded = word;
      padded[0] = WORD_START;
      let length = 0;
      let wordHash = (FNV_OFFSET ^ WORD_SEED) >>> 0;
      let wordEnd = index;
      let digitsOnly = true;
      for (; wordEnd < end; wordEnd += 1) {
        const unitKind = UNIT_CLASS[text.charCodeAt(wordEnd)] as number;
        if (unitKind < WORD_BASE) break;
        const folded = unitKind - WORD_BASE;
        if (folded !== FOLDED_DIGIT) digitsOnly = false;
        wordHash = Math.imul(wordHash ^ folded, FNV_PRIME);
        length += 1;
        if (length + 1 >= padded.length) padded = growWord(padded);
        padded[length] = folded;
      }
      padded[length + 1] = WORD_END;
      words += 1;
      indices[count++] = mix(wordHash) & mask;
      if (previous !== 0) indices[count++] = mix(Math.imul((previous ^ PAIR_SEED) >>> 0, FNV_PRIME) ^ wordHash) & mask;
      previous = wordHash | 1;
      index = wordEnd;
      // A number is read as its length by the word alone: its subwords ("<00", "000", "0000"…) would only
      // repeat a few features once per digit, so that a bare phone number outweighed every other word of a
      // short text (one 11-digit number alone scored 0.999 with feature version 2).
      if (digitsOnly) continue;
      const paddedLength = length + 2;
      for (let start = 0; start + 3 <= paddedLength; start += 1) {
        let hash = Math.imul(Math.imul(((FNV_OFFSET ^ SUBWORD_SEED) >>> 0) ^ (padded[start] as number), FNV_PRIME) ^ (padded[start + 1] as number), FNV_PRIME);
        const last = Math.min(paddedLength, start + 5);
        for (let at = start + 2; at < last; at += 1) {
          hash = Math.imul(hash ^ (padded[at] as number), FNV_PRIME);
          indices[count++] = mix(hash) & mask;
        }
      }
    } else {
      index += 1;
    }
  }
  out.count = count;
  out.han = han;
  out.words = words;
}

/** The threshold set a text uses: Chinese when it has at least as many Han characters as words of other scripts. */
export function featureLanguage(buffer: Pick<FeatureBuffer, 'han' | 'words'>): 'zh' | 'en' {
  return buffer.han > 0 && buffer.han >= buffer.words ? 'zh' : 'en';
}
