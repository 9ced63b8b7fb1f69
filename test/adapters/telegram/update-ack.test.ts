import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryClaims, type Claims } from '../../../src/core/index.ts';
import { privateText } from '../../fakes/fake-telegram-server.ts';
import { startWebhookServer } from '../../../adapters/telegram/webhook.ts';
import { createHarness, type Harness } from './harness.ts';

const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today.';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

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
    const onStart = (message: unknown): void => {
      const request = (message as { request: ClientRequest }).request;
      const method = request.path.split('/').at(-1);
      events.push(`start ${method}`);
      request.once('finish', () => events.push(`sent ${method}`));
    };
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


  it('an update slower than the webhook timeout gets 503, not 200; delivered again once done, it gets 200 and no second reply', async () => {
    harness = await createHarness({ retry: { secondMs: 400 } });
    // Telegram asks the reply to wait: the update runs past the webhook's timeout.
    harness.fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    const secret = 'a-webhook-secret-for-this-test';
    const webhook = await startWebhookServer(harness.bot, { host: '127.0.0.1', port: 0, path: '/hook', secret, logger: harness.logger, timeoutMs: 100 });
    const update = privateText(SCAM);
    const deliver = async (): Promise<number> =>
      (await fetch(`${webhook.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) })).status;
    try {
      expect(await deliver()).toBe(503);
      await expect.poll(() => harness!.fake.callsOf('sendMessage').filter((call) => call.result !== undefined).length).toBe(1);
      expect(await deliver()).toBe(200);
      await harness.idle();
      expect(harness.fake.callsOf('sendMessage').filter((call) => call.result !== undefined)).toHaveLength(1);
    } finally {
      await webhook.close();
    }
  });
});
