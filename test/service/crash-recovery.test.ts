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
    for (let round = 0; round <= ROUNDS; round += 1) {
      service = await startServiceProcess(env);
      const webhook = service.webhookUrl!;
      // Telegram delivers again what got no 200 before the crash.
      await Promise.all(unanswered.map((update) => deliver(webhook, update)));
      if (round === ROUNDS) break;
      const batch = workload(100_000 + round * 100, { privateCount: 8, checkins: 2, watched: 0 });
      all.push(...batch);
      const statuses = new Map<number, number>();
      const sending = Promise.all(batch.map(async (update) => statuses.set(update.update_id, await deliver(webhook, update))));
      await new Promise((resolve) => setTimeout(resolve, 20 + ((round * 37) % 120)));
      await service.kill9();
      await sending;
      unanswered = batch.filter((update) => statuses.get(update.update_id) !== 200);
    }
    const sent = fake.callsOf('sendMessage');
    let answered = 0;
    for (const update of all.filter((one) => one.message?.chat.type === 'private')) {
      const replies = repliesTo(sent, update.message!.chat.id, update.message!.message_id).length;
      expect(replies, `update ${update.update_id}`).toBeLessThanOrEqual(1);
      answered += replies;
    }
    const questions = checkinQuestions(fake);
    expect(new Set(questions.map((question) => question.requester)).size).toBe(questions.length); // no question twice
    let pressId = 900_000;
    for (const question of questions) expect(await deliver(service!.webhookUrl!, confirmPress(question, pressId++))).toBe(200);
    // Every check-in whose question reached the group can be confirmed: none was lost to the crash.
    expect(thanks(fake)).toHaveLength(questions.length);
    expect(questions.length).toBeGreaterThan(0);
    process.stderr.write(`kill -9: ${ROUNDS} rounds, ${answered} of ${all.length - 2 * ROUNDS} messages answered once (none twice), ${questions.length} of ${2 * ROUNDS} check-ins asked, all confirmable\n`);
  });
});
