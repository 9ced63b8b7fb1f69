import Keyv from 'keyv';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { createMemoryClaims } from '../../../src/core/index.ts';
import { confirmCheckin, expireCheckin, isCheckinTarget, openCheckin, type CheckinRecord } from '../../../adapters/telegram/group/checkin-record.ts';
import { CheckinStore } from '../../../adapters/telegram/group/checkin-store.ts';
import { findCheckinTarget } from '../../../adapters/telegram/group/checkin-target.ts';
import { CheckinTimers } from '../../../adapters/telegram/group/checkin-timers.ts';
import { manualClock } from '../../fakes/manual-clock.ts';

const chat = { id: -100, type: 'supergroup', title: 'Family' } as const;
const anna = { id: 11, is_bot: false, first_name: 'Anna', username: 'AnnaW' };
const ben = { id: 12, is_bot: false, first_name: 'Ben' };

function command(text: string, extra: Partial<Message> = {}): Message {
  const entities: Message['entities'] = [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }];
  for (const match of text.matchAll(/@\w+/g)) {
    if (match.index > 0) entities.push({ type: 'mention', offset: match.index, length: match[0].length });
  }
  return { message_id: 5, date: 0, chat, from: ben, text, entities, ...extra } as Message;
}

function record(overrides: Partial<CheckinRecord> = {}): CheckinRecord {
  return {
    ...openCheckin({ id: 'c1', chatId: -100, target: { username: 'AnnaW', name: '@AnnaW' }, requestedBy: { id: 12, name: 'Ben' }, language: 'en', now: 1000, timeoutMs: 500 }),
    ...overrides,
  };
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

describe('check-in target from a /checkin command', () => {
  it('takes an @username mention (id unknown: Telegram has no lookup by username)', () => {
    expect(findCheckinTarget(command('/checkin @AnnaW'), 'safeword_bot')).toEqual({ kind: 'found', person: { username: 'AnnaW', name: '@AnnaW' } });
  });

  it('skips the bot\'s own mention and takes the member after it', () => {
    const result = findCheckinTarget(command('/checkin @Safeword_Bot @AnnaW'), 'safeword_bot');
    expect(result).toEqual({ kind: 'found', person: { username: 'AnnaW', name: '@AnnaW' } });
  });

  it('takes a text mention (member without a username) by id', () => {
    const message = command('/checkin Ben', { entities: [{ type: 'bot_command', offset: 0, length: 8 }, { type: 'text_mention', offset: 9, length: 3, user: ben }] });
    expect(findCheckinTarget(message, 'safeword_bot')).toEqual({ kind: 'found', person: { id: 12, name: 'Ben' } });
  });

  it('takes the author of the replied message by id', () => {
    const replied = { message_id: 4, date: 0, chat, from: anna, text: 'hi' } as Message;
    const result = findCheckinTarget(command('/checkin', { reply_to_message: replied as Message['reply_to_message'] }), 'safeword_bot');
    expect(result).toEqual({ kind: 'found', person: { id: 11, username: 'AnnaW', name: 'Anna' } });
  });

  it('refuses bots and a command with nobody named', () => {
    const replied = { message_id: 4, date: 0, chat, from: { id: 99, is_bot: true, first_name: 'Other bot' }, text: 'hi' } as Message;
    expect(findCheckinTarget(command('/checkin', { reply_to_message: replied as Message['reply_to_message'] }), 'safeword_bot')).toEqual({ kind: 'problem', problem: 'bot' });
    expect(findCheckinTarget(command('/checkin'), 'safeword_bot')).toEqual({ kind: 'problem', problem: 'missing' });
  });
});

describe('check-in state', () => {
  it('matches a member known by id only by id', () => {
    expect(isCheckinTarget({ id: 11, username: 'AnnaW', name: 'Anna' }, { id: 11 })).toBe(true);
    expect(isCheckinTarget({ id: 11, username: 'AnnaW', name: 'Anna' }, { id: 13, username: 'annaw' })).toBe(false);
  });

  it('matches a member known by username case-insensitively, and never a presser without one', () => {
    expect(isCheckinTarget({ username: 'AnnaW', name: '@AnnaW' }, { id: 11, username: 'annaw' })).toBe(true);
    expect(isCheckinTarget({ username: 'AnnaW', name: '@AnnaW' }, { id: 12, username: 'ben' })).toBe(false);
    expect(isCheckinTarget({ username: 'AnnaW', name: '@AnnaW' }, { id: 12 })).toBe(false);
  });

  it('confirms once, pins the member id, and remembers a late answer', () => {
    const first = confirmCheckin(record({ state: 'overdue' }), { id: 11, username: 'annaw', name: 'Anna' }, 2000);
    expect(first.kind).toBe('confirmed');
    if (first.kind !== 'confirmed') return;
    expect(first.wasOverdue).toBe(true);
    expect(first.record).toMatchObject({ state: 'confirmed', confirmedAt: 2000, target: { id: 11 } });
    expect(confirmCheckin(first.record, { id: 11, name: 'Anna' }, 2100).kind).toBe('already_confirmed');
    expect(confirmCheckin(first.record, { id: 14, username: 'AnnaW', name: 'Impostor' }, 2100).kind).toBe('not_target');
  });

  it('expires only a waiting check-in at or after its deadline', () => {
    expect(expireCheckin(record(), 1499)).toBeUndefined();
    expect(expireCheckin(record(), 1500)?.state).toBe('overdue');
    expect(expireCheckin(record({ state: 'confirmed' }), 9999)).toBeUndefined();
  });
});

describe('check-in store and timers', () => {
  it('keeps the open index in step and drops confirmed check-ins from it', async () => {
    const store = new CheckinStore(new Keyv(), createMemoryClaims());
    await store.save(record({ id: 'a' }));
    await store.save(record({ id: 'b' }));
    expect((await store.openIds()).sort()).toEqual(['a', 'b']);
    await store.update('a', (current) => ({ ...current, state: 'confirmed' }));
    expect(await store.openIds()).toEqual(['b']);
    expect((await store.get('a'))?.state).toBe('confirmed');
  });

  it('fires the deadline once, and a restarted process resumes stored timers', async () => {
    const keyv = new Keyv();
    const claims = createMemoryClaims(); // one store shared by the two processes
    const clock = manualClock();
    const store = new CheckinStore(keyv, claims);
    const fired: string[] = [];
    const first = new CheckinTimers(store, clock, silentLogger, async (overdue) => void fired.push(`first:${overdue.id}`));
    const waiting = record({ id: 'w', createdAt: 0, deadline: 1000 });
    await store.save(waiting);
    first.schedule(waiting);
    first.stopAll(); // the process stops before the deadline

    const second = new CheckinTimers(new CheckinStore(keyv, claims), clock, silentLogger, async (overdue) => void fired.push(`second:${overdue.id}`));
    expect(await second.resume()).toBe(1);
    clock.advance(999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fired).toEqual([]);
    clock.advance(1);
    await expect.poll(() => fired).toEqual(['second:w']);
    expect((await store.get('w'))?.state).toBe('overdue');
    expect(await second.resume()).toBe(0); // its notice went out: nothing to re-arm or announce
    expect(fired).toEqual(['second:w']);
  });

  it('an overdue notice that could not be sent is sent by the next start, once', async () => {
    const keyv = new Keyv();
    const claims = createMemoryClaims();
    const clock = manualClock();
    const store = new CheckinStore(keyv, claims);
    const first = new CheckinTimers(store, clock, silentLogger, async () => {
      throw new Error('refused');
    });
    const waiting = record({ id: 'n', createdAt: 0, deadline: 10 });
    await store.save(waiting);
    first.schedule(waiting);
    clock.advance(10);
    await expect.poll(async () => (await store.get('n'))?.state).toBe('overdue');
    const fired: string[] = [];
    const second = new CheckinTimers(new CheckinStore(keyv, claims), clock, silentLogger, async (overdue) => void fired.push(overdue.id));
    await expect.poll(() => second.resume()).toBe(1); // once the first start gave its lease back
    expect(fired).toEqual(['n']);
    expect(await second.resume()).toBe(0);
    expect(fired).toEqual(['n']);
  });

  it('does not fire for a check-in confirmed before its deadline', async () => {
    const clock = manualClock();
    const store = new CheckinStore(new Keyv(), createMemoryClaims());
    const fired: string[] = [];
    const timers = new CheckinTimers(store, clock, silentLogger, async (overdue) => void fired.push(overdue.id));
    const waiting = record({ id: 'x', createdAt: 0, deadline: 100 });
    await store.save(waiting);
    timers.schedule(waiting);
    await store.update('x', (current) => ({ ...current, state: 'confirmed' }));
    clock.advance(100); // the timer was not cancelled: the stored state still wins
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fired).toEqual([]);
  });
});

/**
 * Two processes on one store: each its own Keyv over the same entries and the same (atomic) claims. The slow
 * one answers its reads `delayMs` late, with the value it read at the start: so another process's write can
 * land between its read and its write, the interleaving that made a read-modify-write lose a confirmation.
 */
function twoProcesses(delayMs = 40) {
  const entries = new Map<string, unknown>();
  const claims = createMemoryClaims();
  const slowStore = {
    async get(key: string) {
      const value = entries.get(key);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return value;
    },
    async set(key: string, value: unknown) {
      entries.set(key, value);
      return true;
    },
    async delete(key: string) {
      return entries.delete(key);
    },
    async clear() {
      entries.clear();
    },
  };
  return {
    slow: new CheckinStore(new Keyv({ store: slowStore as never }), claims),
    slowToo: new CheckinStore(new Keyv({ store: slowStore as never }), claims),
    fast: new CheckinStore(new Keyv({ store: entries }), claims),
    claims,
  };
}

const annaPresses = (now: number) => (current: CheckinRecord) => {
  const result = confirmCheckin(current, { id: 11, username: 'AnnaW', name: 'Anna' }, now);
  return result.kind === 'confirmed' ? result.record : undefined;
};

describe('check-in changes from two processes at once', () => {
  it('a press while the question is being stored is not written back to waiting', async () => {
    const { slow, fast, claims } = twoProcesses();
    await fast.create(record({ id: 'p' }));
    // Process A stores the question's message id (slowly) while Anna's press reaches process B.
    const storing = slow.update('p', (current) => ({ ...current, messageId: 77 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const pressed = fast.update('p', annaPresses(1200));
    await Promise.all([storing, pressed]);
    expect(await fast.get('p')).toMatchObject({ state: 'confirmed', messageId: 77, confirmedBy: { id: 11 } });
    expect(await claims.members('checkins-open')).toEqual([]);
  });

  it('a press at the deadline: the check-in ends confirmed, and "late" exactly when the deadline was announced', async () => {
    const { slow, fast, claims } = twoProcesses();
    const clock = manualClock();
    const announced: string[] = [];
    const timers = new CheckinTimers(slow, clock, silentLogger, async (overdue) => void announced.push(overdue.id));
    const waiting = record({ id: 'd', createdAt: 0, deadline: 100 });
    await fast.create(waiting);
    timers.schedule(waiting);
    clock.advance(100); // process A's deadline fires (its reads are slow) ...
    await new Promise((resolve) => setTimeout(resolve, 60));
    let late: boolean | undefined;
    await fast.update('d', (current) => {
      const result = confirmCheckin(current, { id: 11, username: 'AnnaW', name: 'Anna' }, 100);
      late = result.kind === 'confirmed' ? result.wasOverdue : undefined;
      return result.kind === 'confirmed' ? result.record : undefined;
    }); // ... while Anna's press reaches process B
    await expect.poll(() => announced.length + (late === false ? 1 : 0)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fast.get('d'))?.state).toBe('confirmed');
    expect(late).toBe(announced.length === 1);
    expect(await claims.members('checkins-open')).toEqual([]);
  });

  it('the deadline fired by two processes moves the check-in to overdue once', async () => {
    const { slow, slowToo, fast } = twoProcesses();
    const clock = manualClock();
    const announced: string[] = [];
    const waiting = record({ id: 'o', createdAt: 0, deadline: 100 });
    await fast.create(waiting);
    for (const store of [slow, slowToo]) new CheckinTimers(store, clock, silentLogger, async (overdue) => void announced.push(overdue.id)).schedule(waiting);
    clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(announced).toEqual(['o']);
  });

  it('a /checkin handled again (after a crash) keeps the stored check-in, confirmed or not', async () => {
    const { fast } = twoProcesses();
    await fast.create(record({ id: 'r', createdAt: 1000 }));
    await fast.update('r', annaPresses(1100));
    const again = await fast.create(record({ id: 'r', createdAt: 5000 }));
    expect(again).toMatchObject({ state: 'confirmed', createdAt: 1000 });
  });
});
