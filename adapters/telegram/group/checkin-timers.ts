import type { Logger } from '../../../src/core/index.ts';
import type { TelegramClock } from '../context.ts';
import { expireCheckin, type CheckinRecord } from './checkin-record.ts';
import { NOTICE_LEASE_MS, type CheckinStore } from './checkin-store.ts';

/** The longest delay a Node timer accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How a check-in that passed its deadline unanswered is announced (tell the group); rejects when it could not be. */
export type DeadlineHandler = (record: CheckinRecord) => Promise<void>;

/**
 * One timer per waiting check-in, on the injectable clock. At the deadline the stored record is moved to
 * `overdue` (atomically, so a confirmation that raced it wins) and its notice is sent the way the update
 * guard sends a reply: the notice is leased (`checkin-overdue:<id>`, {@link CheckinStore.leaseNotice}), the
 * handler tells the group, and only then is the notice marked done. A crash in between leaves the lease to
 * a dead owner; {@link CheckinTimers.resume} at the next start re-arms every stored waiting check-in (a
 * deadline that passed while the bot was down fires at once) and sends again every overdue notice that is
 * not done. A press takes the same lease before it confirms (checkin-handlers.ts), so the group hears either
 * "confirmed" or "overdue" first, never both in a contradicting order.
 */
export class CheckinTimers {
  readonly #store: CheckinStore;
  readonly #clock: TelegramClock;
  readonly #logger: Logger;
  readonly #handles = new Map<string, unknown>();
  readonly #onDeadline: DeadlineHandler;

  /** Timers over `store`, on `clock`, calling `onDeadline` to announce each unanswered check-in. */
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

  /**
   * Re-arms the timers of all stored waiting check-ins and sends the notices of overdue ones that are not
   * done (their sender crashed, or Telegram refused them); resolves once those notices were handled, to how
   * many check-ins were re-armed or announced.
   */
  async resume(): Promise<number> {
    let armed = 0;
    const announcing: Promise<boolean>[] = [];
    for (const record of await this.#store.open()) {
      if (record.state === 'waiting') {
        this.schedule(record);
        armed += 1;
      } else if (record.state === 'overdue') announcing.push(this.#fire(record.id));
    }
    const announced = await Promise.all(announcing);
    return armed + announced.filter(Boolean).length;
  }

  /** The deadline of check-in `id`: overdue if still waiting, then its notice; true when this call sent it. */
  async #fire(id: string): Promise<boolean> {
    try {
      const now = this.#clock.now();
      const before = await this.#store.get(id);
      if (!before || before.state === 'confirmed') return false;
      if (before.state === 'waiting' && now < before.deadline) {
        this.schedule(before); // woke early (clock skew): wait the rest
        return false;
      }
      if (before.state === 'waiting') await this.#store.update(id, (record) => expireCheckin(record, now));
      return await this.#announce(id);
    } catch (error) {
      this.#logger.error('check-in deadline failed', { checkinId: id, error: error instanceof Error ? error.name : 'unknown' });
      return false;
    }
  }

  /** Lease, send, mark done: the overdue notice of check-in `id` goes out at most once, and is done only once it did. */
  async #announce(id: string): Promise<boolean> {
    const lease = await this.#store.leaseNotice(id);
    if (lease === 'held') this.#logger.warn('check-in notice still being sent elsewhere; left to it', { checkinId: id });
    if (lease !== 'won') return false;
    // Read under the lease: a press that confirmed before it won leaves nothing to announce.
    const record = await this.#store.get(id);
    if (record?.state !== 'overdue') {
      await this.#store.settleNotice(id);
      return false;
    }
    const renewal = setInterval(() => void this.#store.renewNotice(id).catch(() => undefined), Math.floor(NOTICE_LEASE_MS / 3));
    renewal.unref();
    try {
      await this.#onDeadline(record);
    } catch (error) {
      // Not sent: the next lease (a press, the next start's resume) wins at once.
      clearInterval(renewal);
      await this.#store.abandonNotice(id).catch(() => undefined);
      throw error;
    }
    clearInterval(renewal);
    await this.#store.settleNotice(id);
    return true;
  }
}
