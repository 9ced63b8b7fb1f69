import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { armKiller, startServiceProcess, type ServiceProcess } from '../fakes/service-process.ts';
import { checkinQuestions, confirmPress, deliver, repliesTo, telegramEnv, thanks, workload } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
let service: ServiceProcess | undefined;
afterEach(async () => {
  await service?.kill9();
  await fake?.close();
});

const ROUNDS = 20;
/**
 * Replies (or check-in questions) a run may send twice. A kill -9 that lands between the kernel taking a
 * reply and the SQLite write that marks its update done (same call stack, update-guard.ts) makes the
 * redelivery send it again; nothing in the process can make that gap zero (exactly-once delivery needs an
 * idempotency key Telegram does not offer), and writing to the local fake wakes it, so the scheduler often
 * switches away right inside the gap. Measured with this scheme and the one before it (a tick later):
 * 6 twice in 9 runs of 20 kills at load averages 10–14 on 2 cores (0 or 1 per run; CI once saw 2), about
 * one kill in 30; with the kill timed on its own thread (armKiller) 4 in 7 runs at load 4–12 (0, 1 or 2). The bound is 4.5 times that mean of 0.67 per run (at the measured rate a run exceeds it
 * about once in 200) and still fails the design this replaced, whose de-duplication keys were written
 * 200 ms late (80 of 900 users answered 2–7 times; here that would be dozens per run).
 */
const MAX_TWICE = 3;

/** Delivers an update as Telegram does: again after a non-200 answer, until it gets 200 (at most 20 times). */
async function deliverUntilAnswered(webhook: string, update: Update): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) status = await deliver(webhook, update, fake!);
  return status;
}

describe('kill -9 under Telegram load on the SQLite store', () => {
  it(`${ROUNDS} rounds: nothing lost, every check-in asked, at most ${MAX_TWICE} replies twice`, { timeout: 900_000 }, async () => {
    fake = await startFakeTelegramServer();
    const env = telegramEnv(fake, { SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-crash-')) });
    const all: Update[] = [];
    let unanswered: Update[] = [];
    let interrupted = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      service = await startServiceProcess(env);
      const webhook = service.webhookUrl!;
      // Telegram delivers again what got no 200 before the crash, until it gets one (a 503 when a check takes
      // longer than the webhook's timeout under load).
      for (const update of unanswered) expect(await deliverUntilAnswered(webhook, update)).toBe(200);
      if (round === ROUNDS) break;
      const batch = workload(100_000 + round * 100, { privateCount: 8, checkins: 2, watched: 0 });
      all.push(...batch);
      const statuses = new Map<number, number>();
      // The kill is timed on its own thread (armKiller), independent of when this loop serves the fakes.
      const killer = await armKiller(service.child.pid!);
      const sending = Promise.all(batch.map(async (update) => statuses.set(update.update_id, await deliver(webhook, update, fake!))));
      killer.fireAfter(20 + ((round * 37) % 120));
      await killer.done;
      await service.kill9();
      await sending;
      unanswered = batch.filter((update) => statuses.get(update.update_id) !== 200);
      interrupted += unanswered.length;
    }
    const sent = fake.callsOf('sendMessage');
    const messages = all.filter((one) => one.message?.chat.type === 'private');
    const counts = messages.map((update) => repliesTo(sent, update.message!.chat.id, update.message!.message_id).length);
    const lost = messages.filter((_, index) => counts[index] === 0).map((update) => update.update_id);
    const doubled = messages.filter((_, index) => counts[index]! > 1).map((update) => update.update_id);
    const questions = checkinQuestions(fake);
    const askedTwice = questions.length - new Set(questions.map((question) => question.requester)).size;
    process.stderr.write(
      `kill -9: ${ROUNDS} rounds, ${interrupted} updates redelivered; ${messages.length - lost.length} of ${messages.length} messages answered ` +
        `(${lost.length} lost, ${doubled.length} twice); ${questions.length} of ${2 * ROUNDS} check-ins asked (${askedTwice} twice)\n`,
    );
    // The webhook answers 200 only after the handlers finished (503 past its timeout), and an update is marked
    // done in the call stack its first visible call was handed to the OS in (update-guard.ts): a kill before
    // that leaves it leased by a dead owner, which the redelivery takes over, so nothing is lost and every
    // check-in is asked (before leases: 15 to 39 of 160 messages lost, 35 to 40 of 40 check-ins asked). A
    // kill inside the gap after the write sends that reply twice: see MAX_TWICE.
    expect(lost, 'messages never answered').toEqual([]);
    expect(new Set(questions.map((question) => question.requester)).size, 'check-ins asked').toBe(2 * ROUNDS);
    expect(doubled.length + askedTwice, 'replies or check-in questions sent twice').toBeLessThanOrEqual(MAX_TWICE);
    let pressId = 900_000;
    for (const question of questions) expect(await deliverUntilAnswered(service!.webhookUrl!, confirmPress(question, pressId++))).toBe(200);
    // Every check-in can be confirmed, once (a question asked twice is the same check-in).
    expect(thanks(fake)).toHaveLength(new Set(questions.map((question) => question.data)).size);
  });
});
