import { createClient } from '@keyv/redis';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { redisUrlForTests, startServiceProcess, type ServiceProcess } from '../fakes/service-process.ts';
import { ADMIN, CHAT, SCAM, checkinQuestions, confirmPress, deliver, groupCommand, repliesTo, telegramEnv, thanks, workload } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
const services: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.kill9()));
  await fake?.close();
  fake = undefined;
});

const redisUrl = redisUrlForTests();

describe.skipIf(!redisUrl)('two instances on one Redis, Telegram webhook mode, every update delivered to both', () => {
  it('exactly one reply per update over 100 updates, every check-in confirmed once, every watch warning once', { timeout: 120_000 }, async () => {
    const url = `${redisUrl}/1`;
    const client = createClient({ url });
    await client.connect();
    await client.flushDb();
    await client.close();
    fake = await startFakeTelegramServer();
    const env = telegramEnv(fake, { STORE_URL: url, SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-scale-')) });
    const [a, b] = await Promise.all([startServiceProcess(env), startServiceProcess(env)]);
    services.push(a!, b!);
    const both = (update: Parameters<typeof deliver>[1]) => Promise.all([deliver(a!.webhookUrl!, update, fake!), deliver(b!.webhookUrl!, structuredClone(update), fake!)]);

    fake.setChatMember(CHAT.id, ADMIN.id, { status: 'administrator' });
    await both(groupCommand('/watch on', ADMIN, 50_000));
    const updates = workload(60_000, { privateCount: 60, checkins: 20, watched: 20 });
    expect(updates).toHaveLength(100);
    for (let index = 0; index < updates.length; index += 10) await Promise.all(updates.slice(index, index + 10).map((update) => both(update)));

    const sent = fake.callsOf('sendMessage');
    for (const update of updates.filter((one) => one.message?.chat.type === 'private')) {
      expect(repliesTo(sent, update.message!.chat.id, update.message!.message_id), `update ${update.update_id}`).toHaveLength(1);
    }
    for (const update of updates.filter((one) => one.message?.text === SCAM && one.message.chat.id === CHAT.id)) {
      expect(repliesTo(sent, CHAT.id, update.message!.message_id), `warning for ${update.update_id}`).toHaveLength(1);
    }
    const questions = checkinQuestions(fake);
    expect(questions).toHaveLength(20);
    expect(new Set(questions.map((question) => question.requester)).size).toBe(20);

    let pressId = 70_000;
    for (const question of questions) await both(confirmPress(question, pressId++));
    // The same member pressing again (a new update): still one confirmation per check-in.
    for (const question of questions) await both(confirmPress(question, pressId++));
    expect(thanks(fake)).toHaveLength(20);
    const confirmations = fake.callsOf('editMessageText').filter((call) => / confirmed /.test(String(call.params.text)));
    expect(confirmations).toHaveLength(20);
    expect(new Set(confirmations.map((call) => call.params.message_id)).size).toBe(20);
  });
});
