import type Keyv from 'keyv';
import { z } from 'zod';
import { pause, type Claims, type LeaseState } from '../../../src/core/index.ts';
import type { TelegramClock } from '../context.ts';
import { CheckinRecordSchema, type CheckinRecord } from './checkin-record.ts';

/** How long a finished check-in is kept (to answer late presses), in milliseconds. */
export const CHECKIN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The open list before it moved to the claims set (a keyv array; read once, merged and deleted). */
const LEGACY_OPEN_INDEX_KEY = 'group:checkins:open';
const OPEN_SET = 'checkins-open';
const OpenIndexSchema = z.array(z.string());
/** How long one check-in's lock lasts without release, in ms (a read and a write take milliseconds). */
const LOCK_MS = 5000;
/** How long a change waits for another process's lock before going ahead anyway (degraded, never stalled), in ms. */
const MAX_LOCK_WAIT_MS = 3000;
/**
 * How long the lease on a check-in's overdue notice lasts without renewal, in ms: its sender renews it every
 * third of that while the message is on its way (retry.ts may wait out a 429), so only a dead sender's lapses.
 */
export const NOTICE_LEASE_MS = 10_000;
/**
 * How long a deadline or a press waits for another live owner of the notice's lease, in ms: a sender on
 * another host that died lets it lapse within {@link NOTICE_LEASE_MS}; one on this host is taken over at once.
 */
const MAX_NOTICE_WAIT_MS = NOTICE_LEASE_MS + 2000;

function recordKey(id: string): string {
  return `group:checkin:${id}`;
}

function noticeKey(id: string): string {
  return `checkin-overdue:${id}`;
}

function tellKey(id: string): string {
  return `checkin-told:${id}`;
}

/**
 * Check-ins in keyv: one record per check-in (`group:checkin:<id>`) plus the set of the ones not yet
 * confirmed (an atomic set of the claims, so two processes adding or removing at once both stay), so timers
 * can be resumed after a restart. Every change of a record (create, press, deadline, message id) reads and
 * writes it under a per-check-in lease of the claims, shared by every process and instance on the store:
 * keyv has no compare-and-set, and without the lock a press confirmed in one process could be written back
 * to "waiting" by another one saving the question's message id, or to "overdue" by a deadline firing.
 */
export class CheckinStore {
  readonly #store: Keyv;
  readonly #claims: Claims;
  readonly #clock: Pick<TelegramClock, 'now' | 'setTimeout'> | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  /**
   * Uses `store` (the Telegram area) with `group:` keys, and `claims` (the same area's) for the open set and
   * locks; waits for another owner's notice on `clock` (the bot's, so tests move it; real time when absent).
   */
  constructor(store: Keyv, claims: Claims, clock?: Pick<TelegramClock, 'now' | 'setTimeout'>) {
    this.#store = store;
    this.#claims = claims;
    this.#clock = clock;
  }

  #now(): number {
    return this.#clock ? this.#clock.now() : Date.now();
  }

  #pause(milliseconds: number): Promise<void> {
    const clock = this.#clock;
    return clock ? new Promise((resolve) => void clock.setTimeout(resolve, milliseconds)) : pause(milliseconds);
  }

  /** Runs `task` after every earlier task of this store finished (one writer at a time). */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs `task` holding check-in `id`'s lock in every process on the store (taken over from a dead owner). */
  async #locked<T>(id: string, task: () => Promise<T>): Promise<T> {
    const key = `checkin-lock:${id}`;
    const started = Date.now();
    for (let wait = 5; (await this.#claims.lease(key, LOCK_MS)) === 'held' && Date.now() - started < MAX_LOCK_WAIT_MS; wait = Math.min(wait * 2, 100)) {
      await pause(wait);
    }
    try {
      return await task();
    } finally {
      await this.#claims.release(key);
    }
  }

  /** The check-in with this id, or undefined when unknown, expired or unreadable. */
  async get(id: string): Promise<CheckinRecord | undefined> {
    const parsed = CheckinRecordSchema.safeParse(await this.#store.get(recordKey(id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Saves a check-in, and keeps the open set in step with its state. */
  save(record: CheckinRecord): Promise<void> {
    return this.#exclusive(() => this.#locked(record.id, () => this.#write(record)));
  }

  /**
   * Saves a new check-in unless one with its id is stored already (the same /checkin handled again after a
   * crash): resolves to the stored one, which may have been confirmed meanwhile.
   */
  create(record: CheckinRecord): Promise<CheckinRecord> {
    return this.#exclusive(() =>
      this.#locked(record.id, async () => {
        const existing = await this.get(record.id);
        if (existing) return existing;
        await this.#write(record);
        return record;
      }),
    );
  }

  async #write(record: CheckinRecord): Promise<void> {
    await this.#store.set(recordKey(record.id), record, CHECKIN_RETENTION_MS);
    // A confirmation the group was not told yet stays open, so a restart tells it (CheckinTimers.resume).
    if (record.state === 'confirmed' && !record.untold) await this.#claims.removeMember(OPEN_SET, record.id);
    else await this.#claims.addMember(OPEN_SET, record.id);
  }

  /**
   * Reads the check-in, applies `change` and saves the result, while no other write of it runs in any
   * process. `change` returns undefined to leave the record alone. Resolves to the saved record (or undefined).
   */
  update(id: string, change: (record: CheckinRecord) => CheckinRecord | undefined): Promise<CheckinRecord | undefined> {
    return this.#exclusive(() =>
      this.#locked(id, async () => {
        const record = await this.get(id);
        if (!record) return undefined;
        const next = change(record);
        if (next) await this.#write(next);
        return next;
      }),
    );
  }

  /** Forgets every check-in of a chat the bot left; returns their ids (for their timers). */
  forgetChat(chatId: number): Promise<string[]> {
    return this.#exclusive(async () => {
      const forgotten: string[] = [];
      for (const id of await this.openIds()) {
        const gone = await this.#locked(id, async () => {
          if ((await this.get(id))?.chatId !== chatId) return false;
          await this.#store.delete(recordKey(id));
          await this.#claims.removeMember(OPEN_SET, id);
          return true;
        });
        if (gone) forgotten.push(id);
      }
      return forgotten;
    });
  }

  /** Ids of check-ins not yet confirmed (waiting or overdue). */
  async openIds(): Promise<string[]> {
    const legacy = OpenIndexSchema.safeParse(await this.#store.get(LEGACY_OPEN_INDEX_KEY));
    if (legacy.success) {
      // Written by an earlier version: moved into the set once (adding twice is harmless).
      for (const id of legacy.data) await this.#claims.addMember(OPEN_SET, id);
      await this.#store.delete(LEGACY_OPEN_INDEX_KEY);
    }
    return this.#claims.members(OPEN_SET);
  }

  /**
   * Leases check-in `id`'s overdue notice (`checkin-overdue:<id>`), waiting while another live owner holds
   * it: `won` (ours: send it, or settle it for good, then {@link CheckinStore.settleNotice}), `done` (it went
   * out, or the check-in was confirmed before it could), or `held` (a live owner still has it after the wait).
   * The lease is what keeps "overdue" and "confirmed" apart: the deadline sends the notice only while it holds
   * it, a press tells the group only while it holds it or once the notice is done. `wait: false` looks once.
   */
  async leaseNotice(id: string, options: { wait?: boolean } = {}): Promise<LeaseState> {
    const key = noticeKey(id);
    const started = this.#now();
    let state = await this.#claims.lease(key, NOTICE_LEASE_MS);
    for (let wait = 5; state === 'held' && options.wait !== false && this.#now() - started < MAX_NOTICE_WAIT_MS; wait = Math.min(wait * 2, 250)) {
      await this.#pause(wait);
      state = await this.#claims.lease(key, NOTICE_LEASE_MS);
    }
    return state;
  }

  /** Keeps this process's lease on the notice while it is being sent; false when it is no longer ours. */
  renewNotice(id: string): Promise<boolean> {
    return this.#claims.renew(noticeKey(id), NOTICE_LEASE_MS);
  }

  /** Marks the notice done: it was sent, or there is nothing left to announce (confirmed, forgotten). */
  settleNotice(id: string): Promise<void> {
    return this.#claims.complete(noticeKey(id), CHECKIN_RETENTION_MS);
  }

  /**
   * Gives the notice's lease back (its message failed, or a press did not confirm), so the next lease wins
   * at once. A renewal of 1 ms rather than `release`: it ends the lease only while it is still ours, and never
   * removes a lease another process took over or a done mark.
   */
  async abandonNotice(id: string): Promise<void> {
    await this.#claims.renew(noticeKey(id), 1);
  }

  /**
   * Leases telling the group of check-in `id`'s confirmation that a press left untold (`checkin-told:<id>`,
   * without waiting): `won` for one caller in every process on the store, who sends it, renews the lease
   * while it is on its way ({@link CheckinStore.renewTelling}) and then settles it. A lease, not a plain
   * claim: a sender that dies between taking it and the message leaving leaves a lease that lapses (at once
   * for a dead process of this host, after {@link NOTICE_LEASE_MS} for another host's), so the next start's
   * resume tells it; a plain claim would have kept the confirmation untold for good.
   */
  leaseTelling(id: string): Promise<LeaseState> {
    return this.#claims.lease(tellKey(id), NOTICE_LEASE_MS);
  }

  /** Keeps this process's lease on the telling while its message is on its way; false when no longer ours. */
  renewTelling(id: string): Promise<boolean> {
    return this.#claims.renew(tellKey(id), NOTICE_LEASE_MS);
  }

  /** Marks the telling done (its message went out): every later lease of it answers done. */
  settleTelling(id: string): Promise<void> {
    return this.#claims.complete(tellKey(id), CHECKIN_RETENTION_MS);
  }

  /** Gives the telling's lease back (its message failed) while it is still ours, so a later attempt tells it. */
  async abandonTelling(id: string): Promise<void> {
    await this.#claims.renew(tellKey(id), 1);
  }

  /** Check-ins not yet confirmed, or confirmed but not yet told; ids whose record expired are dropped from the set. */
  async open(): Promise<CheckinRecord[]> {
    const records: CheckinRecord[] = [];
    for (const id of await this.openIds()) {
      const record = await this.get(id);
      if (record && (record.state !== 'confirmed' || record.untold)) records.push(record);
      else await this.#claims.removeMember(OPEN_SET, id);
    }
    return records;
  }
}
