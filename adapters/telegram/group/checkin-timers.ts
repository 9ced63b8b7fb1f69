import type { Logger } from '../../../src/core/index.ts';
import type { TelegramClock } from '../context.ts';
import { expireCheckin, type CheckinRecord } from './checkin-record.ts';
import { NOTICE_LEASE_MS, type CheckinStore } from './checkin-store.ts';
import { keepRenewing } from './lease-renewal.ts';

/** The longest delay a Node timer accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How a check-in that passed its deadline unanswered is announced (tell the group); rejects when it could not be. */
export type DeadlineHandler = (record: CheckinRecord) => Promise<void>;

/**
 * How the group is told of a confirmation a press left untold (the notice was on its way): `late` when the
 * overdue notice went out before it ("has now confirmed" follows it); rejects when it could not be told.
 */
export type ConfirmedHandler = (record: CheckinRecord, late: boolean) => Promise<void>;

/** Optional parts of {@link CheckinTimers}. */
export interface CheckinTimersOptions {
  /** Tells a confirmation left untold (without it such confirmations are recorded only). */
  onConfirmed?: ConfirmedHandler;
  /** Keeps each deadline's work (notice and telling) until it settles, e.g. the adapter's task tracker. */
  track?: (work: Promise<unknown>) => void;
}

/**
 * One timer per waiting check-in, on the injectable clock. At the deadline the stored record is moved to
 * `overdue` (atomically, so a confirmation that raced it wins) and its notice is sent the way the update
 * guard sends a reply: the notice is leased (`checkin-overdue:<id>`, {@link CheckinStore.leaseNotice}), the
 * handler tells the group, and only then is the notice marked done. A crash in between leaves the lease to
 * a dead owner; {@link CheckinTimers.resume} at the next start re-arms every stored waiting check-in (a
 * deadline that passed while the bot was down fires at once) and sends again every overdue notice that is
 * not done. A press takes the same lease before it confirms (checkin-handlers.ts), so the group hears either
 * "confirmed" or "overdue" first, never both in a contradicting order. Every press records its confirmation
 * as `untold` until the group heard it (told once, under the lease `checkin-told:<id>`; resume() tells what a
 * dead teller left); one that still finds the notice's lease held after its wait leaves telling it to whoever
 * holds that lease: the notice's sender reads the record once its notice is done and tells it ("has now
 * confirmed"), so an overdue notice can never follow the group's confirmation.
 */
export class CheckinTimers {
  readonly #store: CheckinStore;
  readonly #clock: TelegramClock;
  readonly #logger: Logger;
  readonly #handles = new Map<string, unknown>();
  readonly #onDeadline: DeadlineHandler;
  readonly #onConfirmed: ConfirmedHandler | undefined;
  readonly #track: ((work: Promise<unknown>) => void) | undefined;

  /** Timers over `store`, on `clock`, calling `onDeadline` to announce each unanswered check-in. */
  constructor(store: CheckinStore, clock: TelegramClock, logger: Logger, onDeadline: DeadlineHandler, options: CheckinTimersOptions = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#logger = logger;
    this.#onDeadline = onDeadline;
    this.#onConfirmed = options.onConfirmed;
    this.#track = options.track;
  }

  /** Arms the timer of a waiting check-in (no-op when armed already or not waiting). */
  schedule(record: CheckinRecord): void {
    if (record.state !== 'waiting' || this.#handles.has(record.id)) return;
    // Node timers hold at most about 24.8 days; a longer wait wakes early and re-arms for the rest.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, record.deadline - this.#clock.now()));
    const handle = this.#clock.setTimeout(() => {
      this.#handles.delete(record.id);
      const firing = this.#fire(record.id);
      this.#track?.(firing);
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
      } else announcing.push(this.#fire(record.id)); // overdue, or confirmed and not yet told
    }
    const announced = await Promise.all(announcing);
    return armed + announced.filter(Boolean).length;
  }

  /**
   * After a press recorded check-in `id` as confirmed and untold (every confirming press does, so a crash
   * before the group heard it leaves the record to {@link CheckinTimers.resume}): tells the group now when
   * nobody else will — the notice's lease is free (no notice went out: a plain confirmation), done (it went
   * out: "has now confirmed" follows it) or its owner is gone — else leaves it to the notice's sender, who
   * tells it after the notice. Looks at the lease once, without waiting.
   */
  async afterUntoldConfirmation(id: string, options: { noticeLeased?: boolean } = {}): Promise<void> {
    // The press holds the notice's lease already (it won it: no notice went out): told plainly under it.
    if (options.noticeLeased) await this.#announceLeased(id);
    else await this.#announce(id, false);
  }

  /** The deadline of check-in `id`: overdue if still waiting, then its notice; true when this call sent it. */
  async #fire(id: string): Promise<boolean> {
    try {
      const now = this.#clock.now();
      const before = await this.#store.get(id);
      if (!before) return false;
      if (before.state === 'confirmed') {
        if (before.untold) await this.#announce(id); // a confirmation its teller did not get to tell
        return false;
      }
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

  /**
   * Lease, send, mark done: the overdue notice of check-in `id` goes out at most once, and is done only once
   * it did; then a confirmation a press left untold meanwhile is told after it. True when this call sent it.
   */
  async #announce(id: string, wait = true): Promise<boolean> {
    const lease = await this.#store.leaseNotice(id, { wait });
    if (lease === 'held' && wait) this.#logger.warn('check-in notice still being sent elsewhere; left to it', { checkinId: id });
    if (lease === 'done') await this.#tellUntold(id, true); // the notice went out; its sender may have died before telling
    if (lease !== 'won') return false;
    return this.#announceLeased(id);
  }

  /** {@link CheckinTimers.#announce} once the notice's lease is ours. */
  async #announceLeased(id: string): Promise<boolean> {
    // Read under the lease: a press that confirmed before it won leaves nothing to announce.
    const record = await this.#store.get(id);
    if (record?.state !== 'overdue') {
      // The notice never went out and now never will: an untold confirmation is a plain one.
      try {
        await this.#tellUntold(id, false);
      } catch (error) {
        await this.#store.abandonNotice(id).catch(() => undefined);
        throw error;
      }
      await this.#store.settleNotice(id);
      return false;
    }
    const stopRenewing = keepRenewing(() => this.#store.renewNotice(id), NOTICE_LEASE_MS);
    try {
      await this.#onDeadline(record);
    } catch (error) {
      // Not sent: the next lease (a press, the next start's resume) wins at once.
      stopRenewing();
      await this.#store.abandonNotice(id).catch(() => undefined);
      // A press that confirmed meanwhile left the telling to this sender: without a notice it is a plain confirmation.
      if ((await this.#store.get(id).catch(() => undefined))?.untold) await this.#announce(id, false).catch(() => undefined);
      throw error;
    }
    stopRenewing();
    await this.#store.settleNotice(id);
    // Read after the notice is done: a press that found the lease held wrote its confirmation before it looked
    // again, so either it saw done (and tells it itself, one of us by claim) or this read sees its record.
    await this.#tellUntold(id, true);
    return true;
  }

  /**
   * Tells the group of check-in `id`'s confirmation when a press left it untold: once, by lease across
   * processes (leased, sent, then settled; a sender that died in between is taken over by the next start).
   */
  async #tellUntold(id: string, late: boolean): Promise<void> {
    const record = await this.#store.get(id);
    if (record?.state !== 'confirmed' || !record.untold || !this.#onConfirmed) return;
    const telling = await this.#store.leaseTelling(id);
    // Done: told already, by a teller that died before it cleared the flag; cleared here, so no start tries again.
    if (telling === 'done') await this.#clearUntold(id);
    if (telling !== 'won') return;
    const stopRenewing = keepRenewing(() => this.#store.renewTelling(id), NOTICE_LEASE_MS);
    try {
      await this.#onConfirmed(record, late);
    } catch (error) {
      stopRenewing();
      await this.#store.abandonTelling(id).catch(() => undefined);
      throw error;
    }
    stopRenewing();
    await this.#store.settleTelling(id);
    await this.#clearUntold(id);
  }

  /** Marks check-in `id`'s confirmation told (it leaves the open set). */
  async #clearUntold(id: string): Promise<void> {
    await this.#store.update(id, (current) => {
      if (!current.untold) return undefined;
      const { untold: _told, ...told } = current;
      return told;
    });
  }
}
