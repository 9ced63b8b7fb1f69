import type { Bubble } from '../../src/image/bubbles.ts';
import { OcrError, type ImageReader, type OcrFailure } from '../../src/image/ocr-pool.ts';

/**
 * An image reader that answers every image with the given bubbles (or fails with the given OCR failure),
 * without running OCR, and keeps the bytes it was handed in `seen` so a test can check what reached it.
 */
export function scriptedReader(answer: Bubble[] | OcrFailure): ImageReader & { seen: Uint8Array[] } {
  const seen: Uint8Array[] = [];
  return {
    seen,
    async read(bytes) {
      seen.push(bytes);
      if (typeof answer === 'string') throw new OcrError(answer, answer);
      return { bubbles: answer, lines: answer.length };
    },
    async close() {},
  };
}
