import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import sharp from 'sharp';
import { createMemoryClaims, type Claims } from '../../../src/core/index.ts';
import { createClaims, createMemoryBackend, type LeaseState } from '../../../src/core/claims.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../../src/image/image-limits.ts';
import { forwardedText, messageUpdate, privateText } from '../../fakes/fake-telegram-server.ts';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { scriptedReader } from '../../fakes/scripted-reader.ts';
import { startWebhookServer } from '../../../adapters/telegram/webhook.ts';
import { createHarness, type Harness } from './harness.ts';

const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today.';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A `http.client.request.start` listener recording each Bot API request's start and its write callback ('finish'). */
function requestRecorder(events: string[]): (message: unknown) => void {
  return (message) => {
    const request = (message as { request: ClientRequest }).request;
    const method = request.path.split('/').at(-1);
    events.push(`start ${method}`);
    request.once('finish', () => events.push(`sent ${method}`));
  };
}

/**
 * Claims that note, in `events`, each update marked done (with how many replies the fake Bot API, in this
 * process, had received by then), next to the Bot API requests seen leaving.
 */
function recordingClaims(events: string[], received: () => number): Claims {
  const claims = createMemoryClaims();
  return {
    ...claims,
    complete(key, ttlMs) {
      events.push(`done ${key}`, `received ${received()}`);
      return claims.complete(key, ttlMs);
    },
  };
}

describe('Telegram update acknowledgement', () => {
  it('marks an update done once its reply was handed to the OS, never before the request left', async () => {
    const events: string[] = [];
    const onStart = requestRecorder(events);
    subscribe('http.client.request.start', onStart);
    try {
      let fake: Harness['fake'] | undefined;
      harness = await createHarness({ claims: recordingClaims(events, () => fake?.callsOf('sendMessage').length ?? -1) });
      fake = harness.fake;
      const update = privateText(SCAM);
      await harness.handle(update);
      const done = events.indexOf(`done dedup:${update.update_id}`);
      expect(done, events.join(', ')).toBeGreaterThan(0);
      // The reply's request finished writing first, and the update was done in that tick: before the fake
      // Bot API (same event loop) had even read it, so long before Telegram's answer came back.
      expect(events.slice(0, done)).toEqual(expect.arrayContaining(['start sendMessage', 'sent sendMessage']));
      expect(events[done + 1]).toBe('received 0');
      expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
      // Delivered again: nothing more is sent.
      await harness.handle(update);
      expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
    } finally {
      unsubscribe('http.client.request.start', onStart);
    }
  });


  it('on a connected plain socket, marks the update done in the call stack that wrote the reply, before its write callback', async () => {
    const events: string[] = [];
    harness = await createHarness({ claims: recordingClaims(events, () => harness?.fake.callsOf('sendMessage').length ?? -1) });
    // Subscribed after the bot's own subscriber, so it runs just after it, in the same publish: the one
    // Node makes right after the request's last socket write (ClientRequest._finish).
    const onStart = requestRecorder(events);
    subscribe('http.client.request.start', onStart);
    try {
      // The first reply opens the keep-alive connection (its bytes wait for the connect: acknowledged at
      // 'finish'); the second one is written on the connected socket at once.
      const first = privateText(SCAM);
      const second = privateText(SCAM);
      await harness.handle(first);
      events.length = 0;
      await harness.handle(second);
      const done = events.indexOf(`done dedup:${second.update_id}`);
      expect(done, events.join(', ')).toBeGreaterThanOrEqual(0);
      expect(events.slice(done), events.join(', ')).toEqual(expect.arrayContaining(['start sendMessage', 'sent sendMessage']));
      expect(events.indexOf('start sendMessage'), events.join(', ')).toBeGreaterThan(done);
      expect(events[done + 1]).toBe('received 1');
      expect(harness.fake.callsOf('sendMessage')).toHaveLength(2);
    } finally {
      unsubscribe('http.client.request.start', onStart);
    }
  });

  it('an update slower than the webhook timeout gets 503, not 200, and its reply goes over HTTP; delivered again once done, it gets 200 and no second reply', async () => {
    // The update runs past the webhook's timeout before its reply: the rate counter's store answers late once.
    const claims = createMemoryClaims();
    let stalls = 1;
    harness = await createHarness({
      claims: {
        ...claims,
        async count(key, ttlMs) {
          if (stalls-- > 0) await new Promise((resolve) => setTimeout(resolve, 400));
          return claims.count(key, ttlMs);
        },
      },
    });
    const secret = 'a-webhook-secret-for-this-test';
    const webhook = await startWebhookServer(harness.bot, { host: '127.0.0.1', port: 0, path: '/hook', secret, logger: harness.logger, timeoutMs: 100 });
    const update = privateText(SCAM);
    const deliver = async (): Promise<{ status: number; body: string }> => {
      const response = await fetch(`${webhook.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
      const body = await response.text();
      if (response.status === 200) harness!.fake.webhookReply(body);
      return { status: response.status, body };
    };
    try {
      expect((await deliver()).status).toBe(503);
      // The 503 went out: the reply, made after it, cannot ride in that answer and is sent over HTTP.
      await expect.poll(() => harness!.fake.callsOf('sendMessage').filter((call) => call.result !== undefined).length).toBe(1);
      expect(await deliver()).toEqual({ status: 200, body: '{}' });
      await harness.idle();
      expect(harness.fake.callsOf('sendMessage').filter((call) => call.result !== undefined)).toHaveLength(1);
    } finally {
      await webhook.close();
    }
  });

  it('in webhook mode the reply rides in the 200 and the update is marked done only after that answer was handed to the OS', async () => {
    const events: string[] = [];
    harness = await createHarness({ claims: recordingClaims(events, () => harness?.fake.callsOf('sendMessage').length ?? -1) });
    const secret = 'a-webhook-secret-for-this-test';
    const webhook = await startWebhookServer(harness.bot, { host: '127.0.0.1', port: 0, path: '/hook', secret, logger: harness.logger });
    const update = privateText(SCAM);
    const key = `dedup:${update.update_id}`;
    const onRequest = (message: unknown): void => {
      // Node's documented diagnostics channel of every response node:http creates (the webhook's, here).
      (message as { response: ServerResponse }).response.once('finish', () => events.push('answer handed to the OS'));
    };
    subscribe('http.server.response.created', onRequest);
    const deliver = async (): Promise<{ status: number; body: string }> => {
      const response = await fetch(`${webhook.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
      return { status: response.status, body: await response.text() };
    };
    try {
      const first = await deliver();
      expect(first.status).toBe(200);
      const reply = JSON.parse(first.body) as Record<string, unknown>;
      expect(reply).toMatchObject({ method: 'sendMessage', chat_id: update.message!.chat.id, reply_parameters: { message_id: update.message!.message_id } });
      expect(String(reply.text)).toContain('Level: high');
      await harness.idle();
      // Nothing went over HTTP: the reply is the answer. Its mark came after the answer left.
      expect(harness.fake.callsOf('sendMessage')).toHaveLength(0);
      expect(events.indexOf('answer handed to the OS'), events.join(', ')).toBeGreaterThanOrEqual(0);
      expect(events.indexOf(`done ${key}`), events.join(', ')).toBeGreaterThan(events.indexOf('answer handed to the OS'));
      // Delivered again (a second instance, a retry): done, answered with an empty 200, nothing sent.
      expect(await deliver()).toEqual({ status: 200, body: '{}' });
      expect(harness.fake.callsOf('sendMessage')).toHaveLength(0);
    } finally {
      unsubscribe('http.server.response.created', onRequest);
      await webhook.close();
    }
  });
});

/**
 * The bot's claims (owner: a process id that is "dead" for the second claims) and the claims of the process
 * restarted after a kill -9 on the same store: a lease it takes at a chosen moment shows what the redelivery
 * would find if the bot died exactly then ('won': it answers the update; 'done': the update is lost).
 */
function crashProbe(): { claims: Claims; restarted: Claims } {
  const backend = createMemoryBackend();
  const dead = 2 ** 22 + 17; // above Linux's pid_max default; the restarted process is told it is gone anyway
  return {
    claims: createClaims(backend, { owner: { host: hostname(), pid: dead, nonce: 'killed' } }),
    restarted: createClaims(backend, { owner: { host: hostname(), pid: process.pid, nonce: 'restarted' }, alive: (pid) => pid !== dead }),
  };
}

describe('Telegram update acknowledgement across a crash', () => {
  it('a reply Telegram answered with 429 is not acknowledged while its retry waits: a crash there leaves the update to the redelivery', async () => {
    const { claims, restarted } = crashProbe();
    const update = privateText(SCAM);
    const duringRetry: LeaseState[] = [];
    // The crash is injected inside retry.ts's wait, after Telegram's 429 came back.
    harness = await createHarness({ claims, retry: { sleep: async () => void duringRetry.push(await restarted.lease(`dedup:${update.update_id}`, 10_000)) } });
    harness.fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await harness.handle(update);
    expect(duringRetry).toEqual(['won']);
    // The retry was delivered and acknowledged again as it left.
    expect(harness.fake.callsOf('sendMessage').filter((call) => call.result !== undefined)).toHaveLength(1);
    expect(await restarted.lease(`dedup:${update.update_id}`, 10_000)).toBe('done');
  });

  it('a 5xx answer is retried unacknowledged too; a reply that went through stays acknowledged', async () => {
    const { claims, restarted } = crashProbe();
    const update = privateText(SCAM);
    const duringRetry: LeaseState[] = [];
    harness = await createHarness({ claims, retry: { sleep: async () => void duringRetry.push(await restarted.lease(`dedup:${update.update_id}`, 10_000)) } });
    harness.fake.failNext('sendMessage', { status: 502 });
    await harness.handle(update);
    expect(duringRetry).toEqual(['won']);
    expect(await restarted.lease(`dedup:${update.update_id}`, 10_000)).toBe('done');
    await harness.handle(update);
    expect(harness.fake.callsOf('sendMessage').filter((call) => call.result !== undefined)).toHaveLength(1);
  });

  it('"Reading the screenshot…" does not count as the answer: a crash before the verdict leaves the update to the redelivery', async () => {
    const { claims, restarted } = crashProbe();
    const png = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    const update = messageUpdate({ photo: [{ file_id: 'shot', file_unique_id: 'ushot', width: 390, height: 844, file_size: png.length }] });
    const scripted = scriptedReader([{ speaker: 'other', text: SCAM, top: 100, bottom: 200 }]);
    const whileReading: LeaseState[] = [];
    const sentBeforeReading: number[] = [];
    // The crash is injected while the screenshot is read: the progress note has been sent, the verdict not.
    const reader = {
      ...scripted,
      async read(bytes: Uint8Array) {
        sentBeforeReading.push(harness!.fake.callsOf('sendMessage').length);
        whileReading.push(await restarted.lease(`dedup:${update.update_id}`, 10_000));
        return scripted.read(bytes);
      },
    };
    harness = await createHarness({ claims, images: { reader, limits: DEFAULT_IMAGE_LIMITS } });
    harness.fake.addFile('shot', png, 'photos/shot.jpg');
    await harness.handle(update);
    expect(sentBeforeReading).toEqual([1]);
    expect(whileReading).toEqual(['won']);
    // The verdict (the note edited) acknowledged it.
    expect(harness.fake.callsOf('editMessageText').map((call) => String(call.params.text))[0]).toContain('Level: high');
    expect(await restarted.lease(`dedup:${update.update_id}`, 10_000)).toBe('done');
  });
});

/**
 * A clock whose timers only run when the test says (the burst and album windows): `pending()` counts the
 * timers set so far, `fireLast()` runs the newest one still armed.
 */
function manualClock(): { clock: { setTimeout(callback: () => void): unknown; clearTimeout(handle: unknown): void }; pending(): number; fireLast(): void } {
  const timers: Array<(() => void) | undefined> = [];
  return {
    clock: {
      setTimeout(callback) {
        timers.push(callback);
        return timers.length - 1;
      },
      clearTimeout(handle) {
        if (typeof handle === 'number') timers[handle] = undefined;
      },
    },
    pending: () => timers.length,
    fireLast() {
      const index = timers.findLastIndex((timer) => timer !== undefined);
      const timer = timers[index];
      timers[index] = undefined;
      timer?.();
    },
  };
}

/** Claims that note, synchronously, which keys are marked done (and forget the ones taken back). */
function doneKeys(): { claims: Claims; done: Set<string> } {
  const claims = createMemoryClaims();
  const done = new Set<string>();
  return {
    done,
    claims: {
      ...claims,
      complete(key, ttlMs) {
        done.add(key);
        return claims.complete(key, ttlMs);
      },
      reopen(key, leaseMs) {
        done.delete(key);
        return claims.reopen(key, leaseMs);
      },
    },
  };
}

describe('Telegram updates answered together (webhook mode)', () => {
  const origin = { type: 'hidden_user', sender_user_name: 'Bank Security', date: 1 } as const;

  it('the forwards of a burst are acknowledged by its one reply, none before: a crash while it is checked leaves them all to the redelivery', async () => {
    const { claims, done } = doneKeys();
    const timers = manualClock();
    const rules = createRulesChecker(loadRuleset());
    const updates = [
      forwardedText('This is your bank security team.', origin),
      forwardedText('Your account is linked to money laundering.', origin),
      forwardedText('Transfer your savings to a safe account today and tell no one.', origin),
    ];
    const keys = updates.map((update) => `dedup:${update.update_id}`);
    let settled = 0;
    const whileChecking: { done: string[]; settled: number }[] = [];
    const checker: Checker = {
      ...rules,
      secondOpinion: rules.secondOpinion,
      ruleset: rules.ruleset,
      country: rules.country,
      check(request, options) {
        whileChecking.push({ done: keys.filter((key) => done.has(key)), settled });
        return rules.check(request, options);
      },
    };
    harness = await createHarness({ claims, checker, clock: timers.clock, holdUntilAnswered: true });
    // Delivered as Telegram's webhook does, each on its own connection, without waiting for the others.
    const handled = updates.map((update) => harness!.handle(update).then(() => void (settled += 1)));
    await expect.poll(() => timers.pending()).toBe(updates.length);
    expect(settled, 'a forward was finished before its burst was answered').toBe(0);
    timers.fireLast(); // the burst's quiet window ends
    await Promise.all(handled);
    expect(whileChecking).toEqual([{ done: [], settled: 0 }]);
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
    expect([...done].filter((key) => keys.includes(key)).sort()).toEqual([...keys].sort());
  });

  it('the photos of an album are acknowledged by the verdict edit, none before: a crash while they are read leaves them all to the redelivery', async () => {
    const { claims, done } = doneKeys();
    const timers = manualClock();
    const png = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    const updates = ['p1', 'p2'].map((id) =>
      messageUpdate({ photo: [{ file_id: id, file_unique_id: `u${id}`, width: 390, height: 844, file_size: png.length }], media_group_id: 'album-1' }),
    );
    const keys = updates.map((update) => `dedup:${update.update_id}`);
    let settled = 0;
    const whileReading: { done: string[]; settled: number }[] = [];
    const scripted = scriptedReader([{ speaker: 'other', text: SCAM, top: 100, bottom: 200 }]);
    const reader = {
      ...scripted,
      async read(bytes: Uint8Array) {
        whileReading.push({ done: keys.filter((key) => done.has(key)), settled });
        return scripted.read(bytes);
      },
    };
    harness = await createHarness({ claims, clock: timers.clock, holdUntilAnswered: true, images: { reader, limits: DEFAULT_IMAGE_LIMITS } });
    harness.fake.addFile('p1', png, 'photos/p1.jpg');
    harness.fake.addFile('p2', png, 'photos/p2.jpg');
    const handled = updates.map((update) => harness!.handle(update).then(() => void (settled += 1)));
    await expect.poll(() => timers.pending()).toBe(updates.length);
    timers.fireLast(); // the album's quiet window ends
    await Promise.all(handled);
    await harness.idle();
    // The progress note was sent before reading; it acknowledged nothing.
    expect(whileReading.length).toBeGreaterThan(0);
    expect(whileReading.every((seen) => seen.done.length === 0 && seen.settled === 0), JSON.stringify(whileReading)).toBe(true);
    expect(harness.fake.callsOf('editMessageText').map((call) => String(call.params.text))[0]).toContain('Level: high');
    expect([...done].filter((key) => keys.includes(key)).sort()).toEqual([...keys].sort());
  });
});
