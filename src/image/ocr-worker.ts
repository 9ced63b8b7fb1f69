/**
 * The OCR worker thread: receives image bytes, decodes, reads the lines and groups them into bubbles, and posts
 * back only the bubbles. Models load when the thread starts (it says `ready`) and stay loaded. The image never leaves this thread's memory
 * and is never written anywhere.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { groupBubbles, type Bubble } from './bubbles.ts';
import { decodeForOcr, loadModels, readLines } from './ocr-engine.ts';

/** A job for the worker. */
export interface OcrJob {
  id: number;
  bytes: Uint8Array;
}

/** The worker's answer to one job. */
export type OcrAnswer =
  | { id: number; bubbles: Bubble[]; lines: number }
  | { id: number; error: 'decode' | 'internal'; message: string }
  /** Sent once, when the models are loaded (id 0): only then does the pool hand the worker a job. */
  | { id: 0; ready: true };

const maxPixels = (workerData as { maxPixels: number } | undefined)?.maxPixels ?? 16_000_000;

if (parentPort) {
  const port = parentPort;
  loadModels().then(
    () => port.postMessage({ id: 0, ready: true } satisfies OcrAnswer),
    (error: Error) => {
      throw error; // an uncaught error ends the thread; the pool sees it and fails the waiting jobs
    },
  );
  port.on('message', async (job: OcrJob) => {
    let answer: OcrAnswer;
    try {
      let raster;
      try {
        raster = await decodeForOcr(job.bytes, maxPixels);
      } catch (error) {
        answer = { id: job.id, error: 'decode', message: (error as Error).message };
        port.postMessage(answer);
        return;
      }
      const lines = await readLines(raster);
      answer = { id: job.id, bubbles: groupBubbles(lines, raster), lines: lines.length };
    } catch (error) {
      answer = { id: job.id, error: 'internal', message: (error as Error).message };
    }
    port.postMessage(answer);
  });
}
