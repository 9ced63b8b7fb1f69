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
 * The marked forms PaddleOCR's dictionary has of the letters it writes plain on Spanish lines (á í ó ú ü é; no ñ
 * Á Í Ú Ñ): ctcDecode records their best score under each such letter ({@link markedFormClasses}).
 */
const MARKED_FORMS: Readonly<Record<string, string>> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'úü', E: 'É', O: 'Ó' };

/** Recognizer class of each plain letter (k + 1 for labels[k]) → the classes of its marked forms, for ctcDecode. */
export function markedFormClasses(labels: readonly string[]): Map<number, number[]> {
  const classOf = new Map(labels.map((label, index) => [label, index + 1]));
  const probes = new Map<number, number[]>();
  for (const [letter, forms] of Object.entries(MARKED_FORMS)) {
    const plainClass = classOf.get(letter);
    const formClasses = [...forms].flatMap((form) => classOf.get(form) ?? []);
    if (plainClass !== undefined && formClasses.length > 0) probes.set(plainClass, formClasses);
  }
  return probes;
}

/**
 * The score a marked form must reach under a plain letter for the line to be read again. PaddleOCR scores á ó ú
 * about 10⁻⁶ under a plain a o u; where the glyph carries the accent it still writes the plain letter, but the
 * marked form scores more. On the 20 generated Spanish screenshots (218 bubble lines, each read again by
 * Tesseract: `node bench/spanish-reread.ts`), under the letters the second reading marked and under the others:
 * á 6.2·10⁻⁴–6.7·10⁻² and ≤ 3.6·10⁻⁵, ó 1.6·10⁻⁴–0.11 and ≤ 3.3·10⁻⁵, ú ü 2.0·10⁻³–9.5·10⁻² and ≤ 4.7·10⁻⁴ (on
 * two chats written afterwards an ú scored 7.4·10⁻⁴, so u takes the floor of a and o, not one between its two
 * ranges); é, which PaddleOCR writes (it read most é as é), 2.4·10⁻²–0.47 and ≤ 3.0·10⁻³. É Ó (none in the
 * generated set) take their lowercase letter's.
 */
const MIN_MARK_SCORE: Readonly<Record<string, number>> = { a: 1e-4, o: 1e-4, O: 1e-4, u: 1e-4, e: 1e-2, E: 1e-2 };
/**
 * ñ is not in PaddleOCR's dictionary: under an ñ it wrote n with another letter as runner-up (the tilde's ink
 * above: h, r, k) at 8.8·10⁻⁴ or more; under every n of the lines without an ñ, another letter scored 3.1·10⁻⁴ at
 * most (N and ｎ, the same letter, are no sign). Á Ú Ñ, also missing, get the same test (none in the generated set).
 */
const MIN_TILDE_RUNNER_UP = 5e-4;

/** The same letter in another case or width (n, N, ｎ): a runner-up that says nothing about a mark. */
function sameLetter(a: string, b: string): boolean {
  return a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();
}

/** PaddleOCR's reading of a line, as ctcDecode returns it (ocr-engine.ts Recognized). */
export interface SpanishLineReading {
  /** The reading, untrimmed: the per-character arrays index its characters. */
  text: string;
  runnerUps?: readonly string[];
  runnerUpScores?: readonly number[];
  /** The best score of the character's marked forms (MARKED_FORMS) where it was written. */
  probeScores?: readonly number[];
}

/** A full stop or ellipsis that ends a sentence: before a space or the line's end ("1.250 €" goes on). */
const SENTENCE_END = /[.…](?=\s|$)/u;
/** The first sentence end or "?" "!" of a line. */
const SENTENCE_OR_QUESTION_END = new RegExp(`${SENTENCE_END.source}|[?!]`, 'u');

/**
 * For each line of a screenshot's bubbles, in reading order: whether it is part of a question or an exclamation,
 * where an opening ¿ ¡ may have been lost. A line that has a "?" or "!", or whose last sentence runs on into the
 * following lines and ends there with one ("¿Me puedes hacer una" / "transferencia de 850 euros?"). Lines of
 * several bubbles may be read as one sentence: that reads a line more, never one less.
 */
export function questionsAhead(texts: readonly string[]): boolean[] {
  return texts.map((text, index) => {
    if (/[?!]/u.test(text)) return true;
    // Whatever follows the line's last full stop goes on into the next lines.
    if (!/\p{L}/u.test(text.split(SENTENCE_END).at(-1) ?? '')) return false;
    for (const next of texts.slice(index + 1)) {
      const end = SENTENCE_OR_QUESTION_END.exec(next);
      if (end) return end[0] === '?' || end[0] === '!';
    }
    return false;
  });
}

/**
 * Whether Tesseract's reading of a bubble line of a Spanish screenshot can change it: mergeSpanishReadings only
 * puts a mark on a letter PaddleOCR wrote plain (and ó over a final 6) or puts back an opening ¿ ¡, and each
 * leaves a trace in PaddleOCR's own reading:
 * - a marked form scoring at least its {@link MIN_MARK_SCORE} under a, e, o, u (É Ó likewise);
 * - an n (A, U, N) whose runner-up is another letter at {@link MIN_TILDE_RUNNER_UP} or more;
 * - a 6 after a lowercase letter ("rompi6");
 * - an i or I: í leaves no trace (í scored 4·10⁻⁶–2·10⁻⁴ under an i Tesseract marked, up to 7·10⁻⁵ under the
 *   others), so every line with one is read again;
 * - `inQuestion` (questionsAhead): a ¿ ¡ to put back.
 * On the 20 generated Spanish screenshots this reads 179 of the 218 bubble lines again (was 218), and all 128 the
 * second reading changes; on four chats written after these thresholds (`node bench/spanish-reread.ts --holdout`,
 * 40 screenshots) 426 of 442 lines, and all 266 a second reading changes (the first two found that a decimal point
 * ended a question's sentence and an ú under the threshold u had then). Timestamps, the status bar's "5G 87%" and numbers are never read again.
 */
export function mayGainFromSpanishReread(line: SpanishLineReading, inQuestion: boolean): boolean {
  const characters = [...line.text];
  if (!/\p{L}.*\p{L}/u.test(line.text)) return false;
  if (inQuestion || /[iI]|\p{Ll}6/u.test(line.text)) return true;
  return characters.some((character, index) => {
    const threshold = MIN_MARK_SCORE[character];
    if (threshold !== undefined) return (line.probeScores?.[index] ?? 0) >= threshold;
    if (!'nNAU'.includes(character)) return false;
    const runnerUp = line.runnerUps?.[index] ?? '';
    return /\p{L}/u.test(runnerUp) && !sameLetter(runnerUp, character) && (line.runnerUpScores?.[index] ?? 0) >= MIN_TILDE_RUNNER_UP;
  });
}

/** Tesseract's spa, for the Spanish screenshots' second readings. */
export function spanishRereader(): Promise<LineRereader> {
  return lineRereader('spa');
}
