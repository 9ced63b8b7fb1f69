/**
 * `npm run bench:telegram`: the real grammY bot against the fake Bot API on 127.0.0.1 with the rules
 * checker. Reports updates/s through long polling (one bot, updates handled in order, as `bot.start` does)
 * and through concurrent `handleUpdate` calls (as a webhook sees them), and first-reply latency p50/p99
 * (update pushed to the fake → sendMessage received by the fake, one update at a time). `--json` prints
 * one JSON object.
 */
import Keyv from 'keyv';
import type { Logger } from '../src/core/logger.ts';
import { createRulesChecker } from '../src/core/rules-checker.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { createTelegramBot } from '../adapters/telegram/bot.ts';
import { privateText, startFakeTelegramServer, testUser } from '../test/fakes/fake-telegram-server.ts';
import { makeMessages } from './samples.ts';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

const POLLED = Number(process.env.BENCH_TELEGRAM_UPDATES ?? 2000);
const CONCURRENT = POLLED;
const LATENCY_SAMPLES = Number(process.env.BENCH_TELEGRAM_LATENCY_SAMPLES ?? 300);
const texts = makeMessages(500);
let userId = 10_000;
// A new user per update keeps the per-user rate limit out of the measurement.
const update = (index: number) => privateText(texts[index % texts.length] ?? 'hello', { from: testUser(userId++) });

const fake = await startFakeTelegramServer({ maxPollMs: 1000 });
const limits = { userChecksPerWindow: 1_000_000, chatChecksPerWindow: 1_000_000 };
const { bot, idle } = createTelegramBot({
  token: fake.token,
  apiRoot: fake.apiRoot,
  botInfo: fake.botInfo,
  checker: createRulesChecker(loadRuleset()),
  store: new Keyv(),
  logger: silent,
  config: limits,
});

// Warm up the rules, the language detector and the HTTP connection pool.
for (let index = 0; index < 50; index += 1) await bot.handleUpdate(update(index));
fake.clearCalls();

// 1. Long polling: all updates queued, the bot fetches and answers them in batches of 100.
const polling = bot.start({ timeout: 1 });
let started = performance.now();
fake.pushUpdates(Array.from({ length: POLLED }, (_, index) => update(index)));
await fake.waitForCall('sendMessage', { count: POLLED, timeoutMs: 120_000 });
const pollingSeconds = (performance.now() - started) / 1000;

// 2. First-reply latency, one update at a time through long polling.
const latencies: number[] = [];
for (let index = 0; index < LATENCY_SAMPLES; index += 1) {
  const before = fake.callsOf('sendMessage').length;
  const begin = performance.now();
  fake.pushUpdate(update(index));
  await fake.waitForCall('sendMessage', { count: before + 1, timeoutMs: 10_000 });
  latencies.push(performance.now() - begin);
}
latencies.sort((a, b) => a - b);
await bot.stop();
await polling;

// 3. Concurrent handleUpdate (webhook-style), 50 in flight.
fake.clearCalls();
started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (next < CONCURRENT) {
      const index = next++;
      await bot.handleUpdate(update(index));
    }
  }),
);
const concurrentSeconds = (performance.now() - started) / 1000;
await idle();
await fake.close();

const result = {
  pollingUpdatesPerSecond: Math.round(POLLED / pollingSeconds),
  concurrentUpdatesPerSecond: Math.round(CONCURRENT / concurrentSeconds),
  firstReplyP50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
  firstReplyP99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
  updates: POLLED,
  latencySamples: LATENCY_SAMPLES,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  node: process.version,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  console.log('Telegram bot against the fake Bot API (rules only, 500-byte texts)');
  console.log(`long polling                 ${result.pollingUpdatesPerSecond} updates/s  (${POLLED} updates)`);
  console.log(`concurrent handleUpdate (50) ${result.concurrentUpdatesPerSecond} updates/s`);
  console.log(`first reply p50 / p99        ${result.firstReplyP50Ms} ms / ${result.firstReplyP99Ms} ms  (${LATENCY_SAMPLES} samples)`);
  console.log(`peak RSS                     ${result.peakRssMb} MB`);
}
