import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackQuery, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { createHarness, type Harness } from './harness.ts';
import { ruleset } from '../../fakes/texts.ts';

const SCAM = 'This is the police. Transfer your savings to a safe account today and tell no one.';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Telegram runtime', () => {
  it('retries a sendMessage answered with 429 after retry_after, and a 500', async () => {
    harness = await createHarness();
    harness.fake.failNext('sendMessage', { status: 429, retryAfter: 2 });
    harness.fake.failNext('sendMessage', { status: 500 });
    await harness.handle(privateText(SCAM));
    const calls = harness.fake.callsOf('sendMessage');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.params.text)).size).toBe(1);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2 * 5 - 1); // retry_after 2 × 5 ms per second in tests
    expect(harness.logger.lines.filter((line) => line.message === 'telegram: retrying API call')).toHaveLength(2);
  });

  it('gives up on a 429 that asks to wait longer than the cap', async () => {
    harness = await createHarness({ retry: { maxDelayMs: 50 } });
    harness.fake.failNext('sendMessage', { status: 429, retryAfter: 3600 });
    await harness.handle(privateText(SCAM));
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(2); // the verdict failed; the error boundary's apology went out
    expect(harness.logger.lines.some((line) => line.message === 'telegram: update failed' && line.fields?.code === 429)).toBe(true);
  });

  it('processes a duplicate update once (polling and a replayed update)', async () => {
    harness = await createHarness();
    const update = privateText(SCAM);
    harness.startPolling();
    harness.fake.pushUpdates([update, structuredClone(update)]);
    await harness.fake.waitForCall('sendMessage');
    await harness.handle(structuredClone(update));
    await harness.idle();
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('ignores malformed updates without crashing and keeps answering', async () => {
    harness = await createHarness();
    harness.startPolling();
    const malformed = [
      { update_id: 900_001, message: 'not an object' },
      { update_id: 900_002, message: { message_id: 1, date: 1, chat: { id: 'x', type: 'private' }, text: 'Police: transfer money now' } },
      { update_id: 900_003, callback_query: { id: 5 } },
      { update_id: 900_004 },
    ] as unknown as Update[];
    harness.fake.pushUpdates([...malformed, privateText(SCAM)]);
    const [reply] = await harness.fake.waitForCall('sendMessage');
    expect(String(reply?.params.text)).toContain('Level: high');
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(harness.logger.lines.filter((line) => line.message === 'telegram: malformed update ignored')).toHaveLength(3);
    expect(harness.logger.dump()).not.toContain('transfer money');
  });

  it('survives a handler error: logs it without the text and apologizes', async () => {
    harness = await createHarness({
      checker: {
        secondOpinion: 'off',
        ruleset,
        check() {
          throw new Error('exploded');
        },
      },
    });
    await harness.handle(privateText('Police: transfer your money'));
    expect(harness.sentTexts()).toEqual([expect.stringContaining('something went wrong')]);
    expect(harness.logger.dump()).not.toContain('transfer your money');
  });

  it('rate-limits checks per user with one polite message per window', async () => {
    harness = await createHarness({ config: { userChecksPerWindow: 2, rateWindowMs: 60_000 } });
    for (let index = 0; index < 5; index += 1) await harness.handle(privateText(`${SCAM} ${index}`));
    const texts = harness.sentTexts();
    expect(texts).toHaveLength(3);
    expect(texts.filter((text) => text.includes('Level: high'))).toHaveLength(2);
    expect(texts[2]).toContain('Please wait a minute');
    // another user is not affected
    await harness.handle(privateText(SCAM, { from: testUser(2002) }));
    expect(harness.sentTexts()).toHaveLength(4);
  });

  it('rate-limits per window: a new window allows checks again', async () => {
    let now = 1_000_000;
    harness = await createHarness({ config: { userChecksPerWindow: 1, rateWindowMs: 1000 }, clock: { now: () => now } });
    await harness.handle(privateText(SCAM));
    await harness.handle(privateText(SCAM));
    now += 1000;
    await harness.handle(privateText(SCAM));
    const texts = harness.sentTexts();
    expect(texts.map((text) => (text.includes('Level:') ? 'verdict' : 'limit'))).toEqual(['verdict', 'limit', 'verdict']);
  });
});

describe('Telegram buttons nobody handles', () => {
  it('answers a press on an old or unknown button, so the client stops its spinner', async () => {
    harness = await createHarness();
    await harness.handle(callbackQuery('g:c:gone'));
    await harness.handle(callbackQuery('v0:something-old'));
    expect(harness.fake.callsOf('answerCallbackQuery')).toHaveLength(2);
    expect(harness.sentTexts()).toEqual([]);
  });
});
