import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/service/main.ts';
import type { TelegramAdapter } from '../../adapters/telegram/index.ts';
import { startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { freePort, redisServerInstalled } from '../fakes/service-process.ts';
import { deliver, repliesTo, telegramEnv, workload } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
let service: RunningService | undefined;
afterEach(async () => {
  await service?.stop();
  await fake?.close();
  service = undefined;
});

async function check(url: string): Promise<{ status: number; level?: string }> {
  const response = await fetch(`${url}/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'message', text: 'This is the police. Transfer your savings to a safe account and tell no one.' }),
  });
  const body = (await response.json()) as { verdict?: { level: string } };
  return { status: response.status, ...(body.verdict ? { level: body.verdict.level } : {}) };
}

describe('a full disk (SQLite "database or disk is full", injected with a page limit)', () => {
  it('keeps answering checks over HTTP and Telegram, reports degraded on /healthz with HTTP 200, and logs it once', async () => {
    fake = await startFakeTelegramServer();
    const lines: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'safeword-full-'));
    service = await startService(telegramEnv(fake, { PORT: '0', SAFEWORD_DATA_DIR: dataDir }), {
      logWrite: (line) => lines.push(line),
      storageOptions: { sqliteMaxPageCount: 3, retryDelayMs: 20 },
    });
    const webhook = (service.adapters[0] as TelegramAdapter).webhookUrl()!;
    const updates = workload(300_000, { privateCount: 120, checkins: 0, watched: 0 }); // enough rows to fill the pages
    for (const update of updates) expect(await deliver(webhook, update, fake!)).toBe(200);
    const sent = fake.callsOf('sendMessage');
    for (const update of updates) expect(repliesTo(sent, update.message!.chat.id, update.message!.message_id), `update ${update.update_id}`).toHaveLength(1);
    // The same updates again: still de-duplicated (from memory while the disk is full).
    for (const update of updates.slice(0, 5)) await deliver(webhook, update, fake!);
    expect(fake.callsOf('sendMessage')).toHaveLength(sent.length);

    expect(await check(service.url)).toEqual({ status: 200, level: 'high' });
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'degraded', reason: 'store: disk_full' });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/safeword_store_errors_total\{kind="disk_full"\} [1-9]/);
    const records = lines.map((line) => JSON.parse(line) as { msg: string; kind?: string });
    expect(records.filter((record) => record.msg.startsWith('store degraded') && record.kind === 'disk_full')).toHaveLength(1);
  });
});

describe.skipIf(!redisServerInstalled())('Redis stopped for 10 s and started again', () => {
  it('checks keep answering (HTTP and Telegram), /healthz says degraded, and the bot resumes on Redis by itself', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'safeword-redis-'));
    const startRedis = async (): Promise<ChildProcess> => {
      const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
      for (let waited = 0; waited < 5000; waited += 50) {
        const up = await new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
          socket.on('error', () => resolve(false));
        });
        if (up) return child;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('redis-server did not start');
    };
    let redis = await startRedis();
    try {
      fake = await startFakeTelegramServer();
      const lines: string[] = [];
      service = await startService(telegramEnv(fake, { PORT: '0', STORE_URL: `redis://127.0.0.1:${port}`, SAFEWORD_DATA_DIR: dir }), {
        logWrite: (line) => lines.push(line),
        storageOptions: { timeoutMs: 500 },
      });
      const webhook = (service.adapters[0] as TelegramAdapter).webhookUrl()!;
      const health = async (): Promise<{ status: string; reason?: string }> => (await fetch(`${service!.url}/healthz`)).json() as Promise<{ status: string }>;
      const answersAll = async (base: number): Promise<void> => {
        const updates = workload(base, { privateCount: 5, checkins: 0, watched: 0 });
        for (const update of updates) expect(await deliver(webhook, update, fake!)).toBe(200);
        const sent = fake!.callsOf('sendMessage');
        for (const update of updates) expect(repliesTo(sent, update.message!.chat.id, update.message!.message_id)).toHaveLength(1);
      };
      await answersAll(400_000);
      expect((await health()).status).toBe('ok');

      redis.kill('SIGTERM');
      await new Promise((resolve) => redis.once('exit', resolve));
      const downUntil = Date.now() + 10_000;
      let round = 0;
      while (Date.now() < downUntil) {
        const started = Date.now();
        expect(await check(service.url)).toEqual({ status: 200, level: 'high' });
        await answersAll(410_000 + round * 10);
        expect(Date.now() - started).toBeLessThan(5000); // answered, not stalled
        round += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(await health()).toMatchObject({ status: 'degraded', reason: expect.stringContaining('redis_unavailable') });

      redis = await startRedis();
      for (let waited = 0; (await health()).status !== 'ok' && waited < 10_000; waited += 200) {
        await answersAll(450_000 + waited);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await health()).status).toBe('ok');
      await answersAll(480_000);
      // De-duplication is on Redis again: a second delivery is not answered.
      const again = workload(490_000, { privateCount: 1, checkins: 0, watched: 0 })[0]!;
      await deliver(webhook, again, fake!);
      await deliver(webhook, structuredClone(again), fake!);
      expect(repliesTo(fake.callsOf('sendMessage'), again.message!.chat.id, again.message!.message_id)).toHaveLength(1);
      const records = lines.map((line) => JSON.parse(line) as { msg: string; kind?: string });
      expect(records.filter((record) => record.msg.startsWith('store degraded') && record.kind === 'redis_unavailable').length).toBeGreaterThanOrEqual(1);
      expect(records.filter((record) => record.msg.startsWith('store degraded')).length).toBeLessThanOrEqual(3); // once per kind, not per call
      expect(records.some((record) => record.msg === 'store recovered')).toBe(true);
    } finally {
      await service?.stop();
      service = undefined;
      redis.kill('SIGTERM');
    }
  });
});
