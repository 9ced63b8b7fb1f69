import type Keyv from 'keyv';
import { z } from 'zod';
import { CheckinRecordSchema, type CheckinRecord } from './checkin-record.ts';

/** How long a finished check-in is kept (to answer late presses), in milliseconds. */
export const CHECKIN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const OPEN_INDEX_KEY = 'group:checkins:open';
const OpenIndexSchema = z.array(z.string());

function recordKey(id: string): string {
  return `group:checkin:${id}`;
}

/**
 * Check-ins in keyv: one record per check-in (`group:checkin:<id>`) plus an index of the ones not yet
 * confirmed (`group:checkins:open`), so timers can be resumed after a restart. Writes are serialized
 * within the process (keyv has no compare-and-set; one bot process per token is the Telegram rule anyway).
 */
export class CheckinStore {
  readonly #store: Keyv;
  #queue: Promise<unknown> = Promise.resolve();

  /** Uses `store` (the Telegram area) with `group:` keys. */
  constructor(store: Keyv) {
    this.#store = store;
  }

  /** Runs `task` after every earlier task of this store finished (one writer at a time). */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task, task);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** The check-in with this id, or undefined when unknown, expired or unreadable. */
  async get(id: string): Promise<CheckinRecord | undefined> {
    const parsed = CheckinRecordSchema.safeParse(await this.#store.get(recordKey(id)));
    return parsed.success ? parsed.data : undefined;
  }

  /** Saves a check-in, and keeps the open index in step with its state. */
  save(record: CheckinRecord): Promise<void> {
    return this.#exclusive(() => this.#write(record));
  }

  async #write(record: CheckinRecord): Promise<void> {
    await this.#store.set(recordKey(record.id), record, CHECKIN_RETENTION_MS);
    const open = await this.openIds();
    const isOpen = record.state !== 'confirmed';
    const listed = open.includes(record.id);
    if (isOpen && !listed) await this.#store.set(OPEN_INDEX_KEY, [...open, record.id]);
    if (!isOpen && listed) await this.#store.set(OPEN_INDEX_KEY, open.filter((id) => id !== record.id));
  }

  /**
   * Reads the check-in, applies `change` and saves the result, all while no other write runs. `change`
   * returns undefined to leave the record alone. Resolves to the saved record (or undefined).
   */
  update(id: string, change: (record: CheckinRecord) => CheckinRecord | undefined): Promise<CheckinRecord | undefined> {
    return this.#exclusive(async () => {
      const record = await this.get(id);
      if (!record) return undefined;
      const next = change(record);
      if (next) await this.#write(next);
      return next;
    });
  }

  /** Forgets every check-in of a chat the bot left; returns their ids (for their timers). */
  forgetChat(chatId: number): Promise<string[]> {
    return this.#exclusive(async () => {
      const forgotten: string[] = [];
      for (const id of await this.openIds()) {
        const record = await this.get(id);
        if (record?.chatId !== chatId) continue;
        await this.#store.delete(recordKey(id));
        forgotten.push(id);
      }
      if (forgotten.length > 0) await this.#store.set(OPEN_INDEX_KEY, (await this.openIds()).filter((id) => !forgotten.includes(id)));
      return forgotten;
    });
  }

  /** Ids of check-ins not yet confirmed (waiting or overdue). */
  async openIds(): Promise<string[]> {
    const parsed = OpenIndexSchema.safeParse(await this.#store.get(OPEN_INDEX_KEY));
    return parsed.success ? parsed.data : [];
  }

  /** Check-ins not yet confirmed; ids whose record expired are dropped from the index. */
  async open(): Promise<CheckinRecord[]> {
    const records: CheckinRecord[] = [];
    const missing: string[] = [];
    for (const id of await this.openIds()) {
      const record = await this.get(id);
      if (record && record.state !== 'confirmed') records.push(record);
      else missing.push(id);
    }
    if (missing.length > 0) {
      await this.#exclusive(async () => {
        const open = await this.openIds();
        await this.#store.set(OPEN_INDEX_KEY, open.filter((id) => !missing.includes(id)));
      });
    }
    return records;
  }
}
