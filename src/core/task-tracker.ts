import type { Logger } from './logger.ts';

/**
 * The one owner of an adapter's background work (reply edits, forward bursts, timers' sends): `track()` a
 * promise, `drain()` on stop (and in tests) to wait until none is left, including work started meanwhile.
 */
export interface TaskTracker {
  /** Keeps `task` until it settles; a rejection is logged (by name only) and goes no further. */
  track(task: Promise<unknown>): void;
  /** Resolves once no tracked task is left; never rejects. */
  drain(): Promise<void>;
}

/** Creates a {@link TaskTracker}; failures are logged as `<label>: background task failed`. */
export function createTaskTracker(logger: Logger, label: string): TaskTracker {
  const tasks = new Set<Promise<void>>();
  return {
    track(task) {
      const settled = task.then(
        () => undefined,
        (error: unknown) => logger.error(`${label}: background task failed`, { error: error instanceof Error ? error.name : typeof error }),
      );
      tasks.add(settled);
      void settled.then(() => tasks.delete(settled));
    },
    async drain() {
      while (tasks.size > 0) await Promise.all([...tasks]);
    },
  };
}
