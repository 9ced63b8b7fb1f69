import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../adapters/telegram/index.ts';
import { startService, type RunningService } from '../../src/service/main.ts';
import { chunkedFlood } from '../fakes/chunked-flood.ts';
import { forwardedText, startFakeTelegramServer, testUser, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { deliver, SCAM, telegramEnv, WEBHOOK_SECRET, workload } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
let service: RunningService | undefined;
afterEach(async () => {
  await service?.stop();
  await fake?.close();
  service = undefined;
});

describe('Telegram webhook body limit', () => {
  it('cuts off a 100 MB chunked body early with 413 (no Content-Length to trust), and keeps answering', async () => {
    fake = await startFakeTelegramServer();
    service = await startService(telegramEnv(fake, { PORT: '0', STORE_URL: 'memory:', SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-hook-')) }), { logWrite: () => undefined });
    const webhook = (service.adapters[0] as TelegramAdapter).webhookUrl()!;
    const flood = await chunkedFlood(`${webhook}/hook`, { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }, 100 * 1024 * 1024);
    // 413, or the connection cut right after it (a client still writing may see the reset first).
    expect([413, 0]).toContain(flood.status);
    expect(flood.bytesSent).toBeLessThan(16 * 1024 * 1024);
    // Without the secret the body is not read at all.
    const unsigned = await chunkedFlood(`${webhook}/hook`, { 'content-type': 'application/json' }, 100 * 1024 * 1024);
    expect([401, 0]).toContain(unsigned.status);
    expect(unsigned.bytesSent).toBeLessThan(16 * 1024 * 1024);
    const [update] = workload(500_000, { privateCount: 1, checkins: 0, watched: 0 });
    expect(await deliver(webhook, update!, fake!)).toBe(200);
    await fake.waitForCall('sendMessage');
  });
});

/** Posts one update to the webhook as Telegram does (a method in a 200's body is executed) and returns its status and Retry-After. */
async function post(webhook: string, update: unknown): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(`${webhook}/hook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  const body = await response.text();
  if (response.status === 200) fake!.webhookReply(body);
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe('Telegram webhook load shedding', () => {
  it('beyond MAX_CHECKS_IN_FLIGHT updates answers 503 with Retry-After; redelivered, each update is answered once', async () => {
    fake = await startFakeTelegramServer();
    service = await startService(
      telegramEnv(fake, { PORT: '0', STORE_URL: 'memory:', MAX_CHECKS_IN_FLIGHT: '2', TELEGRAM_BURST_MS: '300', SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-hook-')) }),
      { logWrite: () => undefined },
    );
    const webhook = (service.adapters[0] as TelegramAdapter).webhookUrl()!;
    // Forwards, one per user: each is held in flight for its burst's quiet window (300 ms) before it is answered,
    // so the 8 are in flight together (a plain text is answered within milliseconds, its reply riding in the 200).
    const updates = Array.from({ length: 8 }, (_, index) =>
      forwardedText(SCAM, { type: 'hidden_user', sender_user_name: 'Bank Security', date: 1 }, { from: testUser(60_000 + index), updateId: 600_000 + index, messageId: 600_000 + index }),
    );
    const first = await Promise.all(updates.map((update) => post(webhook, update)));
    const shed = first.filter((one) => one.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    for (const one of shed) expect(one.retryAfter).toBe('1');
    expect(first.every((one) => one.status === 200 || one.status === 503)).toBe(true);
    // Telegram delivers the shed ones again; each update gets exactly one reply.
    for (const [index, update] of updates.entries()) if (first[index]!.status === 503) expect((await post(webhook, update)).status).toBe(200);
    await service.adapters[0]!.drain?.();
    const replies = fake.callsOf('sendMessage');
    for (const update of updates) {
      expect(replies.filter((call) => (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id === update.message!.message_id)).toHaveLength(1);
    }
  });
});
