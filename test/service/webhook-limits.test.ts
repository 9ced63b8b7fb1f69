import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramAdapter } from '../../adapters/telegram/index.ts';
import { startService, type RunningService } from '../../src/service/main.ts';
import { chunkedFlood } from '../fakes/chunked-flood.ts';
import { startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { deliver, telegramEnv, WEBHOOK_SECRET, workload } from './telegram-scenario.ts';

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
    expect(await deliver(webhook, update!)).toBe(200);
    await fake.waitForCall('sendMessage');
  });
});
