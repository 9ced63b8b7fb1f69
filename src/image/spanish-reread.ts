/**
 * Spanish letters PaddleOCR cannot write. PP-OCRv4's recognizer (trained on Chinese) has no ñ ¿ ¡ in its
 * dictionary and scores á í ó ú about 10⁻⁶ where it writes a i o u, so a Spanish screenshot was quoted back
 * without its accents ("Se me cayo el movil", "cumpleanos"): 94.6–97.4% of the characters with accents on the
 * 20 generated Spanish screenshots. The checks did not suffer (normalization strips accents), the quote did.
 * Tesseract's spa model reads the same line crops with every accent (about 55 ms a line), but drops spaces
 * ("a los" → "alos") and misreads status-bar glyphs ("5G" → "56"), so, as for Traditional Chinese, the two
 * readings are aligned and only what PaddleOCR cannot write is taken from Tesseract's: a letter with its accent,
 * tilde or diaeresis where PaddleOCR wrote the plain letter, and an opening ¿ ¡ where PaddleOCR wrote nothing
 * or a letter or mark for it (spanish-marks.ts puts those back when Tesseract is not there).
 */
import { alignReadings, lineRereader, type LineRereader } from './line-rereader.ts';

/** Letters of Spanish PaddleOCR writes without their mark (é it keeps; the others come from Tesseract). */
const MARKED_LETTERS = new Set([...'áéíóúüñÁÉÍÓÚÜÑ']);
const OPENING_MARKS = new Set(['¿', '¡']);
/** What PaddleOCR wrote for an opening ¿ ¡ on the generated set (spanish-marks.ts has the counts). */
const MISREAD_OPENINGS = new Set([...'zij;:&']);

/** The letter without its accent, tilde or diaeresis. */
function plain(character: string): string {
  return character.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Whether `out` ends where a word starts (the line's start or a space). */
function atWordStart(out: string): boolean {
  return out === '' || /\s$/u.test(out);
}

/**
 * Merges Tesseract's reading of a Spanish line (`second`) into PaddleOCR's (`first`): the characters are aligned
 * ignoring accents (so "movil" and "móvil" match letter for letter), and from the second reading only marked
 * letters over PaddleOCR's plain ones (and ó over a final 6, "rompi6") and opening ¿ ¡ at the start of a word
 * are taken. Everything else — letters, digits, spaces, other punctuation — stays PaddleOCR's.
 */
export function mergeSpanishReadings(first: string, second: string): string {
  const a = [...first];
  const b = [...second.replace(/\s+/g, '')];
  if (b.length === 0) return first;
  let out = '';
  let i = 0; // the next character of `a` not yet aligned
  for (const { first: x, second: y } of alignReadings(a, b, (p, q) => plain(p) === plain(q))) {
    if (x !== undefined && y !== undefined) {
      if (MARKED_LETTERS.has(y) && (x === plain(y) || (x === '6' && y === 'ó' && /\p{Ll}$/u.test(out)))) out += y;
      else if (OPENING_MARKS.has(y) && MISREAD_OPENINGS.has(x) && atWordStart(out) && /\p{Lu}/u.test(a[i + 1] ?? '')) out += y;
      else out += x;
      i++;
    } else if (y !== undefined) {
      // An opening mark PaddleOCR dropped: before the word it opens.
      if (OPENING_MARKS.has(y) && atWordStart(out) && /\p{L}/u.test(a[i] ?? '')) out += y;
    } else {
      out += x ?? '';
      i++;
    }
  }
  return out;
}

/**
 * Whether a line of a Spanish screenshot can gain from Tesseract's reading: it has a letter that may carry a
 * mark (a e i o u n), a 6 after a letter, or ends a question or exclamation (an opening mark to put back).
 * Timestamps, the status bar's "5G 87%" and numbers are not read again.
 */
export function mayGainFromSpanishReread(text: string): boolean {
  return /[aeiounAEIOUN]|\p{Ll}6|[?!]/u.test(text) && /\p{L}.*\p{L}/u.test(text);
}

/** Tesseract's spa, for the Spanish screenshots' second readings. */
export function spanishRereader(): Promise<LineRereader> {
  return lineRereader('spa');
}
