import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testUser, startFakeTelegramServer, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { startServiceProcess, type ServiceProcess } from '../fakes/service-process.ts';
import { checkinQuestions, confirmPress, deliver, groupCommand, telegramEnv, thanks } from './telegram-scenario.ts';

let fake: FakeTelegramServer | undefined;
let service: ServiceProcess | undefined;
afterEach(async () => {
  await service?.kill9();
  await fake?.close();
});

const isConfirmation = (text: unknown): boolean => / confirmed /.test(String(text));

/**
 * A real process killed with SIGKILL between a check-in's confirmation and the group hearing it: the member's
 * press is answered in the webhook's 200 (the update is done: Telegram delivers nothing again), the press's
 * claim is taken, and the process dies as the question's edit into "confirmed" was about to leave (the fake
 * withholds that request unexecuted and the process is killed then). Before, the confirmation was a plain
 * claim and the check-in left the open set as it was confirmed: no start told the group, whose question kept
 * asking "are you safe?". Now the record stays untold (open) until its telling, leased, has left.
 */
describe('kill -9 between a check-in confirmation and its announcement (SQLite store, webhook mode)', () => {
  it('the next start tells the group, exactly once', { timeout: 120_000 }, async () => {
    fake = await startFakeTelegramServer();
    const env = telegramEnv(fake, { SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-confirm-crash-')) });
    service = await startServiceProcess(env);
    expect(await deliver(service.webhookUrl!, groupCommand('/checkin @AnnaW', testUser(20_001, { first_name: 'Req1' }), 80_000), fake)).toBe(200);
    const [question] = checkinQuestions(fake);
    expect(question).toBeDefined();

    const edit = fake.holdNext('editMessageText', (params) => isConfirmation(params.text));
    expect(await deliver(service.webhookUrl!, confirmPress(question!, 80_001), fake)).toBe(200);
    expect(thanks(fake)).toHaveLength(1); // the press was answered and acknowledged
    await edit.reached;
    await service.kill9();
    expect(fake.callsOf('editMessageText')).toHaveLength(0);

    service = await startServiceProcess(env);
    const told = await fake.waitForCall('editMessageText', { timeoutMs: 20_000 });
    expect(told.filter((call) => isConfirmation(call.params.text) && call.params.message_id === question!.messageId)).toHaveLength(1);
    // A stop and a third start tell nothing more: the telling was marked done and the check-in left the open set.
    await service.stop();
    service = await startServiceProcess(env);
    expect(await deliver(service.webhookUrl!, confirmPress(question!, 80_002), fake)).toBe(200);
    await service.stop();
    const confirmations = fake.calls.filter((call) => (call.method === 'editMessageText' || call.method === 'sendMessage') && isConfirmation(call.params.text));
    expect(confirmations).toHaveLength(1);
    expect(thanks(fake)).toHaveLength(1);
  });
});
