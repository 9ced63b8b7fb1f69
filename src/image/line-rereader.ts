/**
 * Tesseract (tesseract.js, LSTM best_int models from the @tesseract.js-data packages, offline) reading one line
 * crop that PaddleOCR found, for the characters PaddleOCR's recognizer cannot write: Traditional Chinese
 * (traditional-reread.ts) and Spanish accents, ñ, ¿ ¡ (spanish-reread.ts). One Tesseract worker per language,
 * loaded in the OCR worker thread on the first screenshot that needs it; nothing is fetched or cached on disk.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reads one line image (PNG bytes). */
export interface LineRereader {
  read(png: Uint8Array): Promise<string>;
}

/** The Tesseract models used for second readings, each from its own npm data package. */
export type RereadLanguage = 'chi_tra' | 'spa';

interface TesseractWorker {
  setParameters(parameters: Record<string, string>): Promise<unknown>;
  recognize(image: Uint8Array): Promise<{ data: { text: string } }>;
}

const readers = new Map<RereadLanguage, Promise<LineRereader>>();

/** Tesseract's model for `language` in single-line mode, loaded once per OCR worker thread. */
export function lineRereader(language: RereadLanguage): Promise<LineRereader> {
  const known = readers.get(language);
  if (known) return known;
  const loading = (async () => {
    const { createWorker } = require('tesseract.js') as { createWorker: (...args: unknown[]) => Promise<TesseractWorker> };
    const data = require(`@tesseract.js-data/${language}`) as { langPath: string };
    const worker = await createWorker(language, 1, { langPath: `${data.langPath}_best_int`, gzip: true, cacheMethod: 'none' });
    await worker.setParameters({ tessedit_pageseg_mode: '7', user_defined_dpi: '150' });
    return { read: async (png: Uint8Array) => (await worker.recognize(png)).data.text.trim() };
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
 * Aligns two readings of one line character by character (edit distance, `same` deciding which characters
 * match), left to right; on a tie a pair is preferred, then a character of the second reading alone.
 */
export function alignReadings(first: readonly string[], second: readonly string[], same: (a: string, b: string) => boolean): AlignedPair[] {
  const a = first;
  const b = second;
  // cost[i][j]: edit distance between a[i..] and b[j..] (suffixes), so the walk below goes left to right.
  const cost: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length; i >= 0; i--) {
    for (let j = b.length; j >= 0; j--) {
      const row = cost[i] as number[];
      if (i === a.length) row[j] = b.length - j;
      else if (j === b.length) row[j] = a.length - i;
      else {
        const change = same(a[i] as string, b[j] as string) ? 0 : 1;
        row[j] = Math.min(((cost[i + 1] as number[])[j + 1] as number) + change, ((cost[i + 1] as number[])[j] as number) + 1, (row[j + 1] as number) + 1);
      }
    }
  }
  const pairs: AlignedPair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const here = (cost[i] as number[])[j] as number;
    const x = a[i];
    const y = b[j];
    if (x !== undefined && y !== undefined && here === ((cost[i + 1] as number[])[j + 1] as number) + (same(x, y) ? 0 : 1)) {
      pairs.push({ first: x, second: y });
      i++;
      j++;
    } else if (y !== undefined && here === ((cost[i] as number[])[j + 1] as number) + 1) {
      pairs.push({ second: y });
      j++;
    } else {
      pairs.push({ first: x as string });
      i++;
    }
  }
  return pairs;
}
