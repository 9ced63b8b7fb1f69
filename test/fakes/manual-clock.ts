import type { TelegramClock } from '../../adapters/telegram/context.ts';

/** A clock whose time moves only when the test says so: `advance()` runs every timer that came due, in order. */
export function manualClock(start = 0): TelegramClock & { advance(ms: number): void } {
  let now = start;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = next++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.callback();
        }
      }
    },
  };
}
