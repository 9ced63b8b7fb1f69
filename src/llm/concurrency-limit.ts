/** Thrown when the waiting line is full. */
export class QueueFullError extends Error {
  constructor() {
    super('too many LLM calls waiting');
    this.name = 'QueueFullError';
  }
}

/**
 * Caps how many tasks run at once; further tasks wait in line (first come, first served) up to `maxQueue`,
 * beyond which `run` rejects at once with {@link QueueFullError} rather than piling up.
 */
export class ConcurrencyLimit {
  #active = 0;
  readonly #waiting: Array<() => void> = [];
  readonly #maxConcurrent: number;
  readonly #maxQueue: number;

  constructor(maxConcurrent: number, maxQueue: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError('maxConcurrent must be a positive whole number');
    this.#maxConcurrent = maxConcurrent;
    this.#maxQueue = maxQueue;
  }

  /** Tasks running now. */
  get active(): number {
    return this.#active;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a slot is free and releases the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active >= this.#maxConcurrent) {
      if (this.#waiting.length >= this.#maxQueue) throw new QueueFullError();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}
