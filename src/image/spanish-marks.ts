/**
 * The fallback for Spanish marks when Tesseract's second reading (spanish-reread.ts) could not run or missed one.
 * Spanish marks the recognizer cannot write. PP-OCRv4's recognizer was trained on Chinese: its dictionary has
 * no ¿ ¡ ñ, and it scores á í ó ú about 10⁻⁶ where it writes a i o u, so no decoding could bring the accents
 * back (spanish-reread.ts takes them from Tesseract; the rules' normalization strips them anyway). What does matter is the opening mark read
 * as a character glued to the first word: on the 20 generated Spanish screenshots ¿ came out as nothing 22 times
 * of 40, "z" 5, ";" or ":" 4, "i" 2, "&" 1 ("zEstas bien?", "iA que cuenta?"), ¡ as ";" 10 of 10, and once ó
 * as "6" ("rompi6"). A glued letter makes a new word ("zestas") that no rule matches, so these are put back.
 */

/** A misread opening mark at the start of a sentence, before its first (capital) letter. */
const MISREAD_OPENING = /(^|[.?!…]\s+)([zij;:&])(\s?)(?=\p{Lu})/gu;
/** "6" read for ó at the end of a lowercase word ("rompi6", "cay6"). */
const SIX_FOR_O = /(?<=\p{Ll})6(?![\p{L}\p{N}])/gu;

/** The sentence after `index` ends with "?" or "!" before the next sentence starts: the mark it opens with. */
function closingMark(text: string, index: number): '¿' | '¡' | undefined {
  const end = /[.?!…]/u.exec(text.slice(index));
  if (end?.[0] === '?') return '¿';
  if (end?.[0] === '!') return '¡';
  return undefined;
}

/**
 * The text of a bubble read from a Spanish screenshot with its opening ¿ ¡ put back where the recognizer wrote
 * a letter or a mark for them (only before a question or exclamation it closes), and "6" for a word's last ó.
 * Call it for Spanish text only: "iPhone?" in English would become "¿Phone?".
 */
export function restoreSpanishMarks(text: string): string {
  const opened = text.replace(MISREAD_OPENING, (whole: string, before: string, misread: string, space: string, offset: number) => {
    const mark = closingMark(text, offset + whole.length);
    // A letter is a misread mark only glued to the word; ";" ":" "&" may stand apart ("; Me puedes…?").
    if (!mark || (/[zij]/.test(misread) && space !== '')) return whole;
    return `${before}${mark}`;
  });
  return opened.replace(SIX_FOR_O, 'ó');
}
