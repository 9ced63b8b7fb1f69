import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckinStore } from '../../adapters/telegram/group/checkin-store.ts';
import type { StoreSetting } from '../../src/service/config.ts';
import { createStorage } from '../../src/service/storage.ts';
import { redisUrlForTests } from '../fakes/service-process.ts';
import { runNode } from '../fakes/run-node.ts';

/** Checks each process asks for; the limit is half of what both ask for together. */
const TAKES = 150;
const LIMIT = 150;
/** Check-ins each process opens (distinct ids). */
const CHECKINS = 60;

const source = (path: string): string => JSON.stringify(new URL(path, import.meta.url).pathname);

/**
 * A worker process: at the agreed moment, takes TAKES checks from the Telegram rate limiter for one user and
 * opens CHECKINS check-ins, 20 at a time, on the store named in argv; prints what it was allowed.
 */
function workerScript(): string {
  const script = join(mkdtempSync(join(tmpdir(), 'safeword-shared-')), 'worker.ts');
  writeFileSync(
    script,
    `import { createStorage } from ${source('../../src/service/storage.ts')};
import { createRateLimiter } from ${source('../../adapters/telegram/rate-limit.ts')};
import { CheckinStore } from ${source('../../adapters/telegram/group/checkin-store.ts')};
import { DEFAULT_TELEGRAM_FEATURES } from ${source('../../adapters/telegram/config.ts')};
import { openCheckin } from ${source('../../adapters/telegram/group/checkin-record.ts')};
const [setting, startAt, name] = [JSON.parse(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const storage = createStorage({ store: setting });
await storage.ready();
const clock = { now: () => 0, setTimeout, clearTimeout };
const config = { ...DEFAULT_TELEGRAM_FEATURES, userChecksPerWindow: ${LIMIT}, rateWindowMs: 3_600_000 };
const limiter = createRateLimiter(storage.claims('telegram'), config, clock);
const checkins = new CheckinStore(storage.area('telegram'), storage.claims('telegram'));
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
let allowed = 0;
let notified = 0;
const take = async () => {
  const decision = await limiter.take(7, 7);
  if (decision.allowed) allowed += 1;
  if (decision.notify) notified += 1;
};
const open = (i) => checkins.create(openCheckin({
  id: name + '-' + i, chatId: -1, target: { name: 'A' }, requestedBy: { name: 'B' }, language: 'en', now: 0, timeoutMs: 3_600_000,
}));
const tasks = [];
for (let i = 0; i < ${TAKES}; i += 1) tasks.push(take, ...(i < ${CHECKINS} ? [() => open(i)] : []));
for (let i = 0; i < tasks.length; i += 20) await Promise.all(tasks.slice(i, i + 20).map((task) => task()));
await storage.close();
process.stdout.write(JSON.stringify({ allowed, notified }));`,
  );
  return script;
}

/** Runs two worker processes on one store at the same moment; returns their results. */
async function twoWorkers(setting: StoreSetting): Promise<{ allowed: number; notified: number }[]> {
  const script = workerScript();
  const startAt = String(Date.now() + 2500); // both have loaded and connected by then
  const runs = await Promise.all(['a', 'b'].map((name) => runNode(script, [JSON.stringify(setting), startAt, name])));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  return runs.map((run) => JSON.parse(run.stdout) as { allowed: number; notified: number });
}

/** What both workers must have achieved together: the limit exactly, one notice, every check-in listed open. */
async function expectShared(setting: StoreSetting, results: { allowed: number; notified: number }[]): Promise<void> {
  expect(results.reduce((sum, one) => sum + one.allowed, 0), 'checks allowed by both together').toBe(LIMIT);
  expect(results.reduce((sum, one) => sum + one.notified, 0), 'polite notices').toBe(1);
  const storage = createStorage({ store: setting });
  await storage.ready();
  const open = await new CheckinStore(storage.area('telegram'), storage.claims('telegram')).openIds();
  await storage.close();
  expect(open.length, 'open check-ins listed').toBe(2 * CHECKINS);
}

describe('rate counters and the open check-in list shared by two processes', () => {
  it('on one SQLite file: no increment and no check-in lost', { timeout: 60_000 }, async () => {
    const setting: StoreSetting = { kind: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'safeword-shared-')), 'store.sqlite') };
    await expectShared(setting, await twoWorkers(setting));
  });

  const redisUrl = redisUrlForTests();
  it.skipIf(!redisUrl)('on one Redis: no increment and no check-in lost', { timeout: 60_000 }, async () => {
    const url = `${redisUrl}/2`;
    const { createClient } = await import('@keyv/redis');
    const client = createClient({ url });
    await client.connect();
    await client.flushDb();
    await client.close();
    const setting: StoreSetting = { kind: 'redis', url };
    await expectShared(setting, await twoWorkers(setting));
  });
});
