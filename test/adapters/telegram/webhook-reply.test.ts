import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../../../adapters/telegram/webhook.ts';
import { createMemoryClaims } from '../../../src/core/index.ts';
import { callbackQuery, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { checkinQuestions, confirmPress, groupCommand, thanks } from '../../service/telegram-scenario.ts';
import { createHarness, detailsButton, type Harness } from './harness.ts';

const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const SECRET = 'a-webhook-secret-for-this-test';

let harness: Harness | undefined;
let webhook: WebhookServer | undefined;
afterEach(async () => {
  await webhook?.close();
  await harness?.close();
  harness = webhook = undefined;
});

/** Delivers as Telegram does: a 200 whose body names a method has it executed by the fake. Returns the body. */
async function deliver(update: Update): Promise<Record<string, unknown>> {
  const response = await fetch(`${webhook!.url}/hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
  const body = await response.text();
  expect(response.status).toBe(200);
  harness!.fake.webhookReply(body);
  return JSON.parse(body) as Record<string, unknown>;
}

async function start(options: Parameters<typeof createHarness>[0] = {}): Promise<void> {
  harness = await createHarness(options);
  webhook = await startWebhookServer(harness.bot, { host: '127.0.0.1', port: 0, path: '/hook', secret: SECRET, logger: harness.logger });
}

describe('Telegram webhook replies', () => {
  it('a check reply rides in the 200 without its message id; the Details tap brings the id, and its edit goes over HTTP', async () => {
    await start();
    const user = testUser(4242);
    const update = privateText(SCAM, { from: user });
    expect(await deliver(update)).toMatchObject({ method: 'sendMessage', chat_id: user.id });
    await harness!.idle();
    const [reply] = harness!.fake.callsOf('sendMessage');
    expect(reply?.viaWebhookReply).toBe(true);
    const data = detailsButton(reply!);
    expect(data).toBeDefined();
    const messageId = (reply!.result as { message_id: number }).message_id;
    // The tap's answer (answerCallbackQuery) is the webhook reply this time; the expansion is an edit of the tapped message.
    expect(await deliver(callbackQuery(data!, { from: user, messageId }))).toMatchObject({ method: 'answerCallbackQuery' });
    // The 200 left with the tap's answer; the handler goes on to the edit.
    const [edit] = await harness!.fake.waitForCall('editMessageText');
    expect(edit?.params).toMatchObject({ chat_id: user.id, message_id: messageId });
    expect(String(edit?.params.text).length).toBeGreaterThan(String(reply!.params.text).length);
    expect(harness!.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('a check-in question rides in the 200; the confirm press edits it by the id the press brings', async () => {
    await start();
    expect(await deliver(groupCommand('/checkin @AnnaW', testUser(5151, { first_name: 'Req1' })))).toMatchObject({ method: 'sendMessage' });
    const [question] = checkinQuestions(harness!.fake);
    expect(question?.requester).toBe('Req1');
    expect(await deliver(confirmPress(question!, 777_001))).toMatchObject({ method: 'answerCallbackQuery' });
    expect(thanks(harness!.fake)).toHaveLength(1);
    const [edit] = await harness!.fake.waitForCall('editMessageText');
    expect(edit?.params).toMatchObject({ message_id: question!.messageId });
    expect(String(edit?.params.text)).toMatch(/ confirmed /);
  });

  it('a webhook call whose connection closed before the answer was made gets its answer over HTTP', async () => {
    // The rate counter answers late once: the answer is made after the caller hung up.
    const claims = createMemoryClaims();
    let stall: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => (stall = resolve));
    let first = true;
    await start({
      claims: {
        ...claims,
        async count(key, ttlMs) {
          if (first) {
            first = false;
            await stalled;
          }
          return claims.count(key, ttlMs);
        },
      },
    });
    const abort = new AbortController();
    const call = fetch(`${webhook!.url}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(privateText(SCAM)),
      signal: abort.signal,
    });
    await expect.poll(() => first).toBe(false);
    abort.abort();
    await expect(call).rejects.toThrow();
    // Whether the server saw the close by then (the slot is shut) or sees it during the write (WebhookReplyLost), the answer goes over HTTP.
    await new Promise((resolve) => setTimeout(resolve, 50));
    stall();
    const [reply] = await harness!.fake.waitForCall('sendMessage');
    expect(reply?.viaWebhookReply).toBeUndefined();
    expect(String(reply?.params.text)).toContain('Level: high');
  });

  it('a reply to a chat that got a message less than a second ago goes over HTTP, where a 429 would be seen', async () => {
    // A clock that stands still: both messages fall within the same second however slow the machine is.
    const now = Date.now();
    await start({ clock: { now: () => now } });
    const user = testUser(4343);
    expect(await deliver(privateText(SCAM, { from: user }))).toMatchObject({ method: 'sendMessage', chat_id: user.id });
    // Telegram refuses a second message within the second, and a refused webhook reply is lost without a word.
    expect(await deliver(privateText(`${SCAM} Again.`, { from: user }))).not.toHaveProperty('method');
    const replies = await harness!.fake.waitForCall('sendMessage', { count: 2 });
    expect(replies.map((reply) => reply.viaWebhookReply === true)).toEqual([true, false]);
    // Another chat is not held back by this one.
    expect(await deliver(privateText(SCAM, { from: testUser(4344) }))).toMatchObject({ method: 'sendMessage', chat_id: 4344 });
  });

  it('the fake executes a 200 body only when it names a method, as Telegram does', async () => {
    await start();
    harness!.fake.webhookReply('{}');
    harness!.fake.webhookReply('not json');
    harness!.fake.webhookReply('{"method":"sendMessage","chat_id":1,"text":"x"}');
    expect(harness!.fake.callsOf('sendMessage')).toHaveLength(1);
  });
});
