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
 * Replies (or check-in questions) a run may send twice: none. Each answer here is one message whose result
 * nobody needs, so it rides in the webhook's 200 (a webhook reply, update-guard.ts), which the fake executes
 * only when the whole response arrived, as Telegram does: either the answer arrived with the 200 and the update
 * is not delivered again, or neither did and the redelivery takes the dead owner's lease over. Before, the
 * reply went as its own Bot API request and a kill between the kernel taking it and the SQLite write marking
 * the update done (same call stack) sent it again: 6 twice in 9 runs at load 10–14 on 2 cores, about one kill
 * in 30, so the bound was 3. Left over HTTP here: a reply made after the webhook's 9 s timeout (503), which
 * keeps that gap; a run here rarely reaches the timeout (every other answer rides, asserted below).
 */
const MAX_TWICE = 0;

/** Updates that got a 503 (past the webhook's timeout): their answers go over HTTP. */
const timedOut = new Set<number>();

/** Delivers an update once, as Telegram does, noting a 503. */
async function deliverOnce(webhook: string, update: Update): Promise<number> {
  const status = await deliver(webhook, update, fake!);
  if (status === 503) timedOut.add(update.update_id);
  return status;
}

/** Delivers an update as Telegram does: again after a non-200 answer, until it gets 200 (at most 20 times). */
async function deliverUntilAnswered(webhook: string, update: Update): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) status = await deliverOnce(webhook, update);
  return status;
}

describe('kill -9 under Telegram load on the SQLite store', () => {
  it(`${ROUNDS} rounds: nothing lost, every check-in asked, no reply twice`, { timeout: 900_000 }, async () => {
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
      const sending = Promise.all(batch.map(async (update) => statuses.set(update.update_id, await deliverOnce(webhook, update))));
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
    const riding = sent.filter((call) => call.viaWebhookReply).length;
    // Every reply to a message that never got a 503 rode in a webhook response.
    const overHttp = messages
      .filter((update) => !timedOut.has(update.update_id))
      .flatMap((update) => repliesTo(sent, update.message!.chat.id, update.message!.message_id))
      .filter((call) => !call.viaWebhookReply);
    const askedTwice = questions.length - new Set(questions.map((question) => question.requester)).size;
    process.stderr.write(
      `kill -9: ${ROUNDS} rounds, ${interrupted} updates redelivered; ${messages.length - lost.length} of ${messages.length} messages answered ` +
        `(${lost.length} lost, ${doubled.length} twice); ${questions.length} of ${2 * ROUNDS} check-ins asked (${askedTwice} twice); ` +
        `${riding} of ${sent.length} messages sent as webhook replies (${timedOut.size} updates timed out)\n`,
    );
    // The webhook answers 200 with the update's answer (503 past its timeout), and an update is marked
    // done only after that answer left (in the webhook's 200, update-guard.ts): a kill before that leaves it
    // leased by a dead owner, which the redelivery takes over, so nothing is lost and every check-in is asked
    // (before leases: 15 to 39 of 160 messages lost, 35 to 40 of 40 check-ins asked); see MAX_TWICE.
    expect(lost, 'messages never answered').toEqual([]);
    expect(new Set(questions.map((question) => question.requester)).size, 'check-ins asked').toBe(2 * ROUNDS);
    expect(overHttp, 'replies sent over HTTP though their update never timed out').toEqual([]);
    expect(doubled.length + askedTwice, 'replies or check-in questions sent twice').toBeLessThanOrEqual(MAX_TWICE);
    let pressId = 900_000;
    for (const question of questions) expect(await deliverUntilAnswered(service!.webhookUrl!, confirmPress(question, pressId++))).toBe(200);
    // Every check-in can be confirmed, once (a question asked twice is the same check-in).
    expect(thanks(fake)).toHaveLength(new Set(questions.map((question) => question.data)).size);
  });
});
