import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Chat, Message, Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot, type TelegramBot } from '../../../adapters/telegram/bot.ts';
import type { Claims } from '../../../src/core/claims.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { createStorage, type Storage } from '../../../src/service/storage.ts';
import { callbackQuery, commandText, startFakeTelegramServer, testUser, type FakeTelegramServer, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { manualClock } from '../../fakes/manual-clock.ts';
import { createRecordingLogger } from '../../fakes/recording-logger.ts';
import type { TelegramClock } from '../../../adapters/telegram/context.ts';

/**
 * The overdue notice of a /checkin across crashes and races: the real grammY bot against the fake Bot API on
 * 127.0.0.1, on the SQLite store. A crash is simulated in-process: the first bot's notice is stopped before
 * its request leaves (an API transformer that never lets it through), the bot is dropped without finishing,
 * and a second bot opens the same SQLite file as a new start of the process (another lease owner; a lease of
 * an earlier start with the same pid is a dead owner's, as after kill -9 and a restart).
 */

const CHAT = { id: -100300, type: 'supergroup', title: 'Family' } as Chat;
const ANNA = testUser(3001, { first_name: 'Anna', username: 'AnnaW' });
const BEN = testUser(3002, { first_name: 'Ben' });
const ruleset = loadRuleset();

const isNotice = (text: string): boolean => text.includes('No answer from @AnnaW');
const isLate = (text: string): boolean => text.includes('has now confirmed');

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function sqlitePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'safeword-checkin-')), 'store.sqlite');
}

/** One start of the service on the SQLite file at `path`: its own connection and its own lease owner. */
function openStart(path: string, start: string): Storage {
  const storage = createStorage({ store: { kind: 'sqlite', path } }, { owner: { host: hostname(), pid: process.pid, nonce: start } });
  cleanup.push(() => storage.close());
  return storage;
}

async function fakeApi(): Promise<FakeTelegramServer> {
  const fake = await startFakeTelegramServer();
  cleanup.push(() => fake.close());
  return fake;
}

function startBot(fake: FakeTelegramServer, storage: Storage, claims: Claims = storage.claims('telegram'), clock?: TelegramClock): TelegramBot {
  return createTelegramBot({
    ...(clock ? { clock } : {}),
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    checker: createRulesChecker(ruleset),
    store: storage.area('telegram'),
    claims,
    logger: createRecordingLogger(),
    config: { checkinTimeoutMs: 60 },
    retry: { secondMs: 5, serverErrorDelayMs: 5 },
  });
}

/** A bot that is stopped (timers off, background work waited for) when the test ends. */
function keep(bot: TelegramBot): TelegramBot {
  cleanup.push(async () => {
    bot.stopTimers();
    await bot.drain();
  });
  return bot;
}

/**
 * Holds the bot's overdue notice (or the message `which` picks) before its request leaves the process:
 * `reached` resolves when it is about to be sent; `letThrough()` sends it; `crash()` (for a bot already
 * dropped) makes it fail without ever reaching the fake, so its sender's last steps run against a store a new
 * start has taken over.
 */
function holdNotice(bot: TelegramBot, which: (text: string) => boolean = isNotice, held = 'sendMessage') {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  let open!: (send: boolean) => void;
  const gate = new Promise<boolean>((resolve) => (open = resolve));
  bot.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === held && which(String((payload as { text?: unknown }).text))) {
      reach();
      if (!(await gate)) throw new Error('the process died here');
    }
    return prev(method, payload, signal);
  });
  return { reached, letThrough: () => open(true), crash: () => open(false) };
}

function checkin(): Update {
  const update = commandText('/checkin @AnnaW', { group: true, from: BEN, chat: CHAT });
  (update.message as Message).entities?.push({ type: 'mention', offset: 9, length: 6 });
  return update;
}

/** The question's confirm button and message id. */
function question(fake: FakeTelegramServer): { data: string; messageId: number } {
  const call = fake.callsOf('sendMessage').find((candidate) => String(candidate.params.text).includes('are you safe?'));
  const markup = call?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined;
  return { data: markup!.inline_keyboard[0]![0]!.callback_data, messageId: (call?.result as { message_id: number }).message_id };
}

/** What the group saw, in order: the messages Telegram accepted (failed calls left out) and the edits. */
function shown(fake: FakeTelegramServer): string[] {
  return fake.calls
    .filter((call: RecordedCall) => (call.method === 'sendMessage' || call.method === 'editMessageText') && call.result !== undefined)
    .map((call) => `${call.method === 'editMessageText' ? 'edit' : 'send'}: ${String(call.params.text)}`);
}

function press(bot: TelegramBot, fake: FakeTelegramServer): Promise<void> {
  const asked = question(fake);
  return bot.bot.handleUpdate(callbackQuery(asked.data, { from: ANNA, chat: CHAT, messageId: asked.messageId }));
}

/** Claims that report when a lease of an overdue notice finds it held by someone else. */
function watchNoticeLeases(claims: Claims, onHeld: () => void): Claims {
  return {
    ...claims,
    async lease(key, leaseMs) {
      const state = await claims.lease(key, leaseMs);
      if (state === 'held' && key.startsWith('checkin-overdue:')) onHeld();
      return state;
    },
  };
}

/**
 * A bot on `clock` whose check-in's overdue notice is on its way and held there (its sender alive, renewing its
 * lease), and a member's press made then: the press's wait for the notice runs on the bot's clock, moved 250 ms
 * at a time until the press is answered (20 s at most, past its 12 s limit).
 */
async function pressWhileNoticeHeld(fake: FakeTelegramServer, storage: Storage, clock: ReturnType<typeof manualClock>) {
  let sawHeld!: () => void;
  const pressWaits = new Promise<void>((resolve) => (sawHeld = resolve));
  const bot = startBot(fake, storage, watchNoticeLeases(storage.claims('telegram'), () => sawHeld()), clock);
  const held = holdNotice(bot);
  await bot.bot.handleUpdate(checkin());
  clock.advance(60); // the deadline
  await held.reached;
  let done = false;
  const pressed = press(bot, fake).then(() => void (done = true));
  await pressWaits;
  for (let step = 0; step < 80 && !done; step += 1) {
    clock.advance(250);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await pressed;
  return { bot, held };
}

describe('Telegram /checkin: the overdue notice across a crash (SQLite store)', () => {
  it('a crash between the deadline and the notice leaving: the next start sends the notice, and a later press is "late" after it', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const first = startBot(fake, openStart(path, 'first'));
    const held = holdNotice(first);
    await first.bot.handleUpdate(checkin());
    await held.reached; // the deadline passed: the check-in is overdue and its notice is about to leave
    first.stopTimers(); // kill -9: the first bot is dropped here, without finishing anything
    expect(fake.callsOf('sendMessage').filter((call) => isNotice(String(call.params.text)))).toHaveLength(0);

    const second = keep(startBot(fake, openStart(path, 'second')));
    expect(await second.group.resume()).toBe(1); // the overdue check-in whose notice never left
    await second.idle();
    const notices = shown(fake).filter(isNotice);
    expect(notices).toHaveLength(1);

    await press(second, fake);
    await second.idle();
    const seen = shown(fake);
    expect(seen[0]).toContain('are you safe?');
    expect(isNotice(seen[1]!)).toBe(true);
    expect(seen[2]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(isLate(seen[3]!)).toBe(true);
    expect(seen).toHaveLength(4);

    // The dropped sender's last steps (its request failing, giving its lease back) undo nothing of the new start's.
    held.crash();
    await first.idle();
    const third = keep(startBot(fake, openStart(path, 'third')));
    expect(await third.group.resume()).toBe(0);
    await third.idle();
    expect(shown(fake)).toHaveLength(4);
  });

  it('a press while the notice is on its way waits for it: "overdue" first, then the late confirmation', async () => {
    const fake = await fakeApi();
    const storage = openStart(sqlitePath(), 'only');
    let sawHeld!: () => void;
    const pressWaits = new Promise<void>((resolve) => (sawHeld = resolve));
    const bot = keep(startBot(fake, storage, watchNoticeLeases(storage.claims('telegram'), () => sawHeld())));
    const held = holdNotice(bot);
    await bot.bot.handleUpdate(checkin());
    await held.reached;
    const pressed = press(bot, fake);
    // The notice leaves once the press is either done (nothing held it back) or waiting for the notice.
    await Promise.race([pressed, pressWaits]);
    held.letThrough();
    await pressed;
    await bot.idle();
    const seen = shown(fake);
    expect(isNotice(seen[1]!)).toBe(true);
    expect(seen[2]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(isLate(seen[3]!)).toBe(true);
    expect(seen).toHaveLength(4);
  });

  it('a press still finding the notice on its way after its wait (a 429 being waited out) is told only after the notice (fake clock)', async () => {
    const fake = await fakeApi();
    const storage = openStart(sqlitePath(), 'only');
    const clock = manualClock(Date.UTC(2026, 11, 3, 12));
    const { bot, held } = await pressWhileNoticeHeld(fake, storage, clock);
    keep(bot);
    expect(fake.callsOf('answerCallbackQuery').map((call) => String(call.params.text))).toEqual([expect.stringContaining('Thank you')]);
    held.letThrough();
    await bot.idle();
    const seen = shown(fake);
    expect(seen[0]).toContain('are you safe?');
    expect(isNotice(seen[1]!)).toBe(true);
    expect(seen[2]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(isLate(seen[3]!)).toBe(true);
    expect(seen).toHaveLength(4);
  });

  it('a confirmation left to a notice whose sender then crashed is told by the next start, plainly (the notice never left)', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const clock = manualClock(Date.UTC(2026, 11, 3, 12));
    const storage = openStart(path, 'first');
    const { bot: first, held } = await pressWhileNoticeHeld(fake, storage, clock);
    first.stopTimers(); // kill -9 with the notice still held back: the group heard nothing yet
    expect(shown(fake)).toHaveLength(1);

    const second = keep(startBot(fake, openStart(path, 'second')));
    expect(await second.group.resume()).toBe(0); // nothing to announce: the member confirmed
    await second.idle();
    held.crash(); // the dropped sender's last steps tell nothing more
    await first.idle();
    const seen = shown(fake);
    expect(seen[0]).toContain('are you safe?');
    expect(seen[1]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(seen).toHaveLength(2);

    const third = keep(startBot(fake, openStart(path, 'third')));
    expect(await third.group.resume()).toBe(0);
    await third.idle();
    expect(shown(fake)).toHaveLength(2);
  });

  it('a crash after the late confirmation\'s telling was leased and before it left: the next start tells it, once', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const clock = manualClock(Date.UTC(2026, 11, 3, 12));
    const { bot: first, held } = await pressWhileNoticeHeld(fake, openStart(path, 'first'), clock);
    const telling = holdNotice(first, isLate);
    held.letThrough();
    await telling.reached; // the notice went out; the telling is leased and its message about to leave
    first.stopTimers(); // kill -9 here
    expect(shown(fake).filter(isNotice)).toHaveLength(1);
    expect(shown(fake).filter(isLate)).toHaveLength(0);

    // The next start takes the dead start's lease over at once (a plain claim kept it told-for-good: never sent).
    const second = keep(startBot(fake, openStart(path, 'second'), undefined, clock));
    await second.group.resume();
    await second.idle();
    telling.crash(); // the dropped sender's last steps (its request failing, its lease given back) undo nothing
    await first.idle();
    const seen = shown(fake);
    expect(seen[0]).toContain('are you safe?');
    expect(isNotice(seen[1]!)).toBe(true);
    expect(seen.filter(isNotice)).toHaveLength(1);
    expect(seen.filter(isLate)).toHaveLength(1);
    expect(isLate(seen.at(-1)!)).toBe(true);

    const third = keep(startBot(fake, openStart(path, 'third'), undefined, clock));
    await third.group.resume();
    await third.idle();
    expect(shown(fake)).toEqual(seen);
  });

  it('a crash after a plain confirmation was recorded and answered, before the group was told: the next start tells it, once', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const clock = manualClock(Date.UTC(2026, 11, 3, 12)); // the deadline never comes: a plain confirmation
    const first = startBot(fake, openStart(path, 'first'), undefined, clock);
    const telling = holdNotice(first, (text) => text.includes('@AnnaW confirmed'), 'editMessageText');
    await first.bot.handleUpdate(checkin());
    void press(first, fake);
    await telling.reached; // the press is answered and its claim taken; the question's edit is about to leave
    first.stopTimers(); // kill -9 here
    expect(fake.callsOf('answerCallbackQuery').map((call) => String(call.params.text))).toEqual([expect.stringContaining('Thank you')]);
    expect(shown(fake)).toHaveLength(1);

    // Before, the record was written confirmed (out of the open set) and the press's plain claim taken: no start
    // told the group, whose question kept asking "are you safe?".
    const second = keep(startBot(fake, openStart(path, 'second'), undefined, clock));
    await second.group.resume();
    await second.idle();
    telling.crash(); // the dropped press's last steps (its edit failing, its lease given back) undo nothing
    await first.idle();
    const seen = shown(fake);
    expect(seen[0]).toContain('are you safe?');
    expect(seen[1]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(seen).toHaveLength(2);

    // The member's press delivered again (Telegram got no answer before the crash) tells nothing more.
    await press(second, fake);
    const third = keep(startBot(fake, openStart(path, 'third'), undefined, clock));
    expect(await third.group.resume()).toBe(0);
    await third.idle();
    await second.idle();
    expect(shown(fake)).toEqual(seen);
    expect(fake.callsOf('answerCallbackQuery').map((call) => String(call.params.text))).toEqual([expect.stringContaining('Thank you'), expect.stringContaining('Already confirmed')]);
  });

  it('a press delivered again after a crash before its answer left tells the group (the first press wrote the confirmation, untold)', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const clock = manualClock(Date.UTC(2026, 11, 3, 12));
    const first = startBot(fake, openStart(path, 'first'), undefined, clock);
    let reach!: () => void;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    first.bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'answerCallbackQuery') {
        reach();
        await new Promise(() => undefined); // the process dies before its answer leaves
      }
      return prev(method, payload, signal);
    });
    await first.bot.handleUpdate(checkin());
    void press(first, fake);
    await reached;
    first.stopTimers(); // kill -9 here: the check-in is confirmed in the store, nobody was told
    expect(shown(fake)).toHaveLength(1);

    // Another instance (alive, no restart here) gets Telegram's redelivery of the press.
    const other = keep(startBot(fake, openStart(path, 'other'), undefined, clock));
    await press(other, fake);
    await other.idle();
    const seen = shown(fake);
    expect(seen[1]).toMatch(/^edit: .*@AnnaW confirmed/);
    expect(seen).toHaveLength(2);
    const restarted = keep(startBot(fake, openStart(path, 'restarted'), undefined, clock));
    expect(await restarted.group.resume()).toBe(0);
    await restarted.idle();
    expect(shown(fake)).toEqual(seen);
  });

  it('a notice Telegram refused for good never went out: the press is a plain confirmation, and no restart announces it', async () => {
    const fake = await fakeApi();
    const path = sqlitePath();
    const bot = keep(startBot(fake, openStart(path, 'first')));
    await bot.bot.handleUpdate(checkin());
    fake.failNext('sendMessage', { status: 403, description: 'Forbidden: not enough rights to send text messages to the chat' });
    await fake.waitForCall('sendMessage', { count: 2, timeoutMs: 5000 }); // the notice, refused
    await press(bot, fake);
    await bot.idle();
    const seen = shown(fake);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toContain('are you safe?');
    expect(seen[1]).toMatch(/^edit: .*@AnnaW confirmed/);

    const restarted = keep(startBot(fake, openStart(path, 'second')));
    expect(await restarted.group.resume()).toBe(0);
    await restarted.idle();
    expect(shown(fake)).toHaveLength(2);
  });
});
