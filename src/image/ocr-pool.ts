import { Worker } from 'node:worker_threads';
import type { Bubble } from './bubbles.ts';
import type { ImageLimits } from './image-limits.ts';
import type { OcrAnswer } from './ocr-worker.ts';

/** Why reading an image failed; each has a text in locales/<lang>/image.yaml (`image.failed.<code>`). */
export type OcrFailure = 'busy' | 'timeout' | 'decode' | 'internal' | 'closed';

/** An OCR failure with its code. */
export class OcrError extends Error {
  readonly code: OcrFailure;
  constructor(code: OcrFailure, message: string) {
    super(message);
    this.code = code;
  }
}

/** What the pool reads from one image. */
export interface OcrResult {
  bubbles: Bubble[];
  /** Text lines found in the whole picture, bubbles or not (0: nothing readable). */
  lines: number;
}

/** Reads images off the event loop. */
export interface ImageReader {
  read(bytes: Uint8Array): Promise<OcrResult>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  resolve: (result: OcrResult) => void;
  reject: (error: OcrError) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * A fixed number of OCR worker threads (`concurrency`), a bounded queue (`queueLimit`; beyond it `busy`), and a
 * time limit per image (`timeoutMs`: the worker is terminated, its job fails with `timeout`, and a fresh worker
 * takes its place). The time limit starts when a worker with loaded models takes the image. Workers start on first
use and keep their models loaded; `preload` starts them at once.
 */
export class OcrPool implements ImageReader {
  readonly #limits: Pick<ImageLimits, 'concurrency' | 'queueLimit' | 'timeoutMs' | 'maxPixels'>;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;

  constructor(limits: Pick<ImageLimits, 'concurrency' | 'queueLimit' | 'timeoutMs' | 'maxPixels'>, options: { preload?: boolean } = {}) {
    this.#limits = limits;
    if (options.preload) for (let i = 0; i < limits.concurrency; i++) this.#slots.push(this.#spawn());
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./ocr-worker.ts', import.meta.url), { workerData: { maxPixels: this.#limits.maxPixels } });
    const slot: Slot = { worker, ready: false };
    if (!this.#keepAlive()) worker.unref();
    worker.on('message', (answer: OcrAnswer) => {
      if ('ready' in answer) {
        slot.ready = true;
        this.#pump();
      } else this.#finish(slot, answer);
    });
    worker.on('error', (error) => {
      this.#replace(slot, new OcrError('internal', error.message));
      // A worker that could not even load the models fails what waits for it, instead of respawning forever.
      if (!slot.ready) for (const job of this.#queue.splice(0)) job.reject(new OcrError('internal', error.message));
    });
    worker.on('exit', () => this.#replace(slot, new OcrError('internal', 'OCR worker exited')));
    return slot;
  }

  /** Drops a broken or stopped worker: its job fails, a fresh worker is made when one is needed. */
  #replace(slot: Slot, error: OcrError): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.job?.reject(error);
    slot.job = undefined;
    this.#pump();
  }

  #finish(slot: Slot, answer: Exclude<OcrAnswer, { ready: true }>): void {
    const job = slot.job;
    if (!job || job.id !== answer.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    if (!this.#keepAlive()) for (const idle of this.#slots) idle.worker.unref();
    if ('error' in answer) job.reject(new OcrError(answer.error, answer.message));
    else job.resolve({ bubbles: answer.bubbles, lines: answer.lines });
    this.#pump();
  }

  /** Jobs waiting or running keep the process alive; idle workers do not. */
  #keepAlive(): boolean {
    return this.#queue.length > 0 || this.#slots.some((slot) => slot.job);
  }

  #pump(): void {
    while (!this.#closed && this.#queue.length > 0) {
      for (const slot of this.#slots) slot.worker.ref();
      if (this.#slots.length < this.#limits.concurrency && !this.#slots.some((candidate) => !candidate.job && !candidate.ready)) {
        this.#slots.push(this.#spawn());
      }
      const slot = this.#slots.find((candidate) => candidate.ready && !candidate.job);
      if (!slot) return;
      const job = this.#queue.shift() as Job;
      const busy = slot;
      busy.job = job;
      busy.timer = setTimeout(() => {
        this.#replace(busy, new OcrError('timeout', `OCR took longer than ${this.#limits.timeoutMs} ms`));
        void busy.worker.terminate();
      }, this.#limits.timeoutMs);
      // Transfer a copy: the caller keeps its buffer, the worker owns the copy.
      const copy = new Uint8Array(job.bytes);
      busy.worker.postMessage({ id: job.id, bytes: copy }, [copy.buffer]);
    }
  }

  /** Reads one image; rejects with OcrError (busy, timeout, decode, internal, closed). */
  read(bytes: Uint8Array): Promise<OcrResult> {
    if (this.#closed) return Promise.reject(new OcrError('closed', 'OCR pool closed'));
    const waiting = this.#queue.length;
    if (waiting >= this.#limits.queueLimit) return Promise.reject(new OcrError('busy', 'too many images waiting'));
    return new Promise<OcrResult>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, bytes, resolve, reject });
      this.#pump();
    });
  }

  /** Stops every worker; waiting and running jobs fail with `closed`. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new OcrError('closed', 'OCR pool closed'));
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.job?.reject(new OcrError('closed', 'OCR pool closed'));
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
