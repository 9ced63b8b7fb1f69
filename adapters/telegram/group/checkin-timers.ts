import type { Logger } from '../../../src/core/index.ts';
import type { TelegramClock } from '../context.ts';
import { expireCheckin, type CheckinRecord } from './checkin-record.ts';
import type { CheckinStore } from './checkin-store.ts';

/** The longest delay a Node timer accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What to do when a check-in passes its deadline unanswered (tell the group). */
export type DeadlineHandler = (record: CheckinRecord) => Promise<void>;

/**
 * One timer per waiting check-in, on the injectable clock. At the deadline the stored record is moved to
 * `overdue` (atomically, so a confirmation that raced it wins) and the handler tells the group.
 * After a restart, {@link CheckinTimers.resume} re-arms the timers of every stored waiting check-in; a
 * deadline that passed while the bot was down fires at once.
 */
export class CheckinTimers {
  readonly #store: CheckinStore;
  readonly #clock: TelegramClock;
  readonly #logger: Logger;
  readonly #handles = new Map<string, unknown>();
  readonly #onDeadline: DeadlineHandler;

  /** Timers over `store`, on `clock`, calling `onDeadline` for each unanswered check-in. */
  constructor(store: CheckinStore, clock: TelegramClock, logger: Logger, onDeadline: DeadlineHandler) {
    this.#store = store;
    this.#clock = clock;
    this.#logger = logger;
    this.#onDeadline = onDeadline;
  }

  /** Arms the timer of a waiting check-in (no-op when armed already or not waiting). */
  schedule(record: CheckinRecord): void {
    if (record.state !== 'waiting' || this.#handles.has(record.id)) return;
    // Node timers hold at most about 24.8 days; a longer wait wakes early and re-arms for the rest.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, record.deadline - this.#clock.now()));
    const handle = this.#clock.setTimeout(() => {
      this.#handles.delete(record.id);
      void this.#fire(record.id);
    }, delay);
    (handle as { unref?: () => void } | undefined)?.unref?.();
    this.#handles.set(record.id, handle);
  }

  /** Disarms a check-in's timer (it was confirmed). */
  cancel(id: string): void {
    const handle = this.#handles.get(id);
    if (handle === undefined) return;
    this.#clock.clearTimeout(handle);
    this.#handles.delete(id);
  }

  /** Disarms every timer (bot stopping). Stored check-ins stay, for {@link CheckinTimers.resume}. */
  stopAll(): void {
    for (const id of [...this.#handles.keys()]) this.cancel(id);
  }

  /** Ids with an armed timer (for tests and diagnostics). */
  get armed(): string[] {
    return [...this.#handles.keys()];
  }

  /** Re-arms the timers of all stored waiting check-ins; returns how many were armed. */
  async resume(): Promise<number> {
    let armed = 0;
    for (const record of await this.#store.open()) {
      if (record.state !== 'waiting') continue;
      this.schedule(record);
      armed += 1;
    }
    return armed;
  }

  async #fire(id: string): Promise<void> {
    try {
      const now = this.#clock.now();
      const before = await this.#store.get(id);
      if (before && before.state === 'waiting' && now < before.deadline) {
        this.schedule(before); // woke early (clock skew): wait the rest
        return;
      }
      const overdue = await this.#store.update(id, (record) => expireCheckin(record, now));
      if (overdue) await this.#onDeadline(overdue);
    } catch (error) {
      this.#logger.error('check-in deadline failed', { checkinId: id, error: error instanceof Error ? error.name : 'unknown' });
    }
  }
}
