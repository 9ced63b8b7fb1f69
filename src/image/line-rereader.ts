/**
 * Tesseract (tesseract.js, LSTM best_int models from the @tesseract.js-data packages, offline) reading one line
 * crop that PaddleOCR found, for the characters PaddleOCR's recognizer cannot write: Traditional Chinese
 * (traditional-reread.ts) and Spanish accents, ñ, ¿ ¡ (spanish-reread.ts). One Tesseract worker per language,
 * loaded in the OCR worker thread on the first screenshot that needs it; nothing is fetched or cached on disk.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reads one line image (the bytes of an image file Leptonica reads: PGM from ocr-engine.ts lineCrop, or PNG). */
export interface LineRereader {
  read(image: Uint8Array): Promise<string>;
}

/** The Tesseract models used for second readings, each from its own npm data package. */
export type RereadLanguage = 'chi_tra' | 'spa';

interface TesseractWorker {
  setParameters(parameters: Record<string, string>): Promise<unknown>;
  recognize(image: Uint8Array): Promise<{ data: { text: string } }>;
}

const readers = new Map<RereadLanguage, Promise<LineRereader>>();

/** Tesseract's page segmentation modes: one text line, and one raw line ("bypassing Tesseract-specific hacks"). */
const SINGLE_LINE = '7';
/**
 * A line Tesseract reads as nothing in single-line mode is read once more as a raw line. On the generated
 * Traditional chats, "一起去嗎？" (a bubble's second line, iMessage dark) came back empty from mode 7 at the crop's
 * 2× scale, and read in full in mode 13, at 1× or 3×, or without its leading 一 (a lone horizontal stroke): mode 7's
 * own line handling, not the glyphs, lost it. An empty reading merges to nothing, so only such lines are read twice.
 */
const RAW_LINE = '13';

/** Tesseract's model for `language` in single-line mode, loaded once per OCR worker thread. */
export function lineRereader(language: RereadLanguage): Promise<LineRereader> {
  const known = readers.get(language);
  if (known) return known;
  const loading = (async () => {
    const { createWorker } = require('tesseract.js') as { createWorker: (...args: unknown[]) => Promise<TesseractWorker> };
    const data = require(`@tesseract.js-data/${language}`) as { langPath: string };
    const worker = await createWorker(language, 1, { langPath: `${data.langPath}_best_int`, gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: SINGLE_LINE, user_defined_dpi: '150' });
    return {
      read: async (image: Uint8Array) => {
        const text = (await worker.recognize(image)).data.text.trim();
        if (text !== '') return text;
        // Nothing read on a line PaddleOCR found text on: read it again as a raw line (see RAW_LINE).
        await worker.setParameters({ tessedit_pageseg_mode: RAW_LINE });
        try {
          return (await worker.recognize(image)).data.text.trim();
        } finally {
          await worker.setParameters({ tessedit_pageseg_mode: SINGLE_LINE });
        }
      },
    };
  })();
  readers.set(language, loading);
  // A failed load is not kept: the next screenshot that needs it tries again.
  loading.catch(() => readers.delete(language));
  return loading;
}

/** One step of an alignment of two readings: a character of both, or of only one of them. */
export interface AlignedPair {
  first?: string;
  second?: string;
}

/**
 * What an alignment step costs beyond the plain edit distance: `change(i, j)` pairs first[i] with second[j] where
 * `same` says they differ (1 by default), `insert(i, j)` takes second[j] alone before first[i] (i = first.length:
 * at the end; 1 by default). What a recognizer's own output says about the line (a hole where a character was
 * dropped, its runner-up for a character) makes the likely step cheaper.
 */
export interface AlignmentCosts {
  change?(i: number, j: number): number;
  insert?(i: number, j: number): number;
}

/**
 * Aligns two readings of one line character by character (edit distance, `same` deciding which characters
 * match, `costs` weighing the other steps), left to right; on a tie a pair is preferred, then a character of the
 * second reading alone.
 */
export function alignReadings(first: readonly string[], second: readonly string[], same: (a: string, b: string) => boolean, costs: AlignmentCosts = {}): AlignedPair[] {
  const a = first;
  const b = second;
  const pair = (i: number, j: number): number => (same(a[i] as string, b[j] as string) ? 0 : (costs.change?.(i, j) ?? 1));
  const insert = (i: number, j: number): number => costs.insert?.(i, j) ?? 1;
  // cost[i][j]: cost of aligning a[i..] with b[j..] (suffixes), so the walk below goes left to right.
  const cost: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      const row = cost[i] as number[];
      if (i === a.length && j === b.length) row[j] = 0;
      else if (i === a.length) row[j] = insert(i, j) + (row[j + 1] as number);
      else if (j === b.length) row[j] = a.length - i;
      else row[j] = Math.min(((cost[i + 1] as number[])[j + 1] as number) + pair(i, j), ((cost[i + 1] as number[])[j] as number) + 1, (row[j + 1] as number) + insert(i, j));
    }
  }
  const pairs: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const here = (cost[i] as number[])[j] as number;
    const x = a[i];
    const y = b[j];
    if (x !== undefined && y !== undefined && here === ((cost[i + 1] as number[])[j + 1] as number) + pair(i, j)) {
      pairs.push({ first: x, second: y });
      i++;
      j++;
    } else if (y !== undefined && here === ((cost[i] as number[])[j + 1] as number) + insert(i, j)) {
      pairs.push({ second: y });
      j++;
    } else {
      pairs.push({ first: x as string });
      i++;
    }
  }
  return pairs;
}
