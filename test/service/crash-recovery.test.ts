import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { startServiceProcess, type ServiceProcess } from '../fakes/service-process.ts';
import { checkinQuestions, confirmPress, deliver, repliesTo, telegramEnv, thanks, workload } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
let service: ServiceProcess | undefined;
afterEach(async () => {
  await service?.kill9();
  await fake?.close();
});

const ROUNDS = 20;

describe('kill -9 under Telegram load on the SQLite store', () => {
  it(`${ROUNDS} rounds: no duplicate reply, no lost check-in`, { timeout: 400_000 }, async () => {
    fake = await startFakeTelegramServer();
    const env = telegramEnv(fake, { SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-crash-')) });
    const all: Update[] = [];
    let unanswered: Update[] = [];
    let interrupted = 0;
    for (let round = 0; round <= ROUNDS; round += 1) {
      service = await startServiceProcess(env);
      const webhook = service.webhookUrl!;
      // Telegram delivers again what got no 200 before the crash (until it gets one).
      for (const update of unanswered) expect(await deliver(webhook, update)).toBe(200);
      if (round === ROUNDS) break;
      const batch = workload(100_000 + round * 100, { privateCount: 8, checkins: 2, watched: 0 });
      all.push(...batch);
      const statuses = new Map<number, number>();
      const sending = Promise.all(batch.map(async (update) => statuses.set(update.update_id, await deliver(webhook, update))));
      await new Promise((resolve) => setTimeout(resolve, 20 + ((round * 37) % 120)));
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
    // Not yet zero (issue 10 stays open): a crash between marking an update done and its reply or check-in
    // question leaving the process loses it. Measured 16 of 160 messages and 0 of 40 check-ins on a quiet
    // machine, 27 of 160 and 4 of 40 under CI load. What is guaranteed today: nothing is sent twice.
    expect(lost.length, 'messages never answered').toBeLessThan(messages.length / 4);
    expect(doubled, 'messages answered twice').toEqual([]);
    expect(askedTwice, 'check-in questions sent twice').toBe(0);
    expect(questions.length, 'check-ins asked').toBeGreaterThan((2 * ROUNDS * 3) / 4);
    let pressId = 900_000;
    for (const question of questions) expect(await deliver(service!.webhookUrl!, confirmPress(question, pressId++))).toBe(200);
    // Every check-in can be confirmed, once.
    expect(thanks(fake)).toHaveLength(questions.length);
  });
});
