import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter, type TelegramAdapter } from '../../../adapters/telegram/index.ts';
import { loadTelegramConfig } from '../../../adapters/telegram/config.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { forwardedText, privateText, startFakeTelegramServer, type FakeTelegramServer } from '../../fakes/fake-telegram-server.ts';
import { createRecordingLogger } from './harness.ts';

const SECRET = 'a-very-secret-webhook-token-123';
const SCAM = 'This is the police. Transfer your savings to a safe account today and tell no one.';

let fake: FakeTelegramServer | undefined;
let adapter: TelegramAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = undefined;
  fake = undefined;
});

async function startAdapter(env: Record<string, string>): Promise<TelegramAdapter> {
  fake = await startFakeTelegramServer();
  const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_BURST_MS: '30', ...env });
  if (!config) throw new Error('config expected');
  adapter = createTelegramAdapter(
    config,
    { checker: createRulesChecker(loadRuleset()), store: new Keyv(), logger: createRecordingLogger() },
    { pollTimeoutSeconds: 1 },
  );
  await adapter.start();
  return adapter;
}

/** Posts an update as Telegram's webhook does: a method in a 200's body (a webhook reply) is executed by the fake. */
async function postUpdate(url: string, body: string, secret?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body,
  });
  const text = await response.text();
  if (response.status === 200) fake?.webhookReply(text);
  return { status: response.status, body: text };
}

describe('Telegram adapter', () => {
  it('long-polls by default: getMe, command menus in en, zh, es and fr for private and group chats, and answers a DM', async () => {
    await startAdapter({});
    expect(fake?.callsOf('getMe')).toHaveLength(1);
    const menus = fake?.callsOf('setMyCommands') ?? [];
    expect(menus.map((call) => [call.params.language_code ?? 'default', (call.params.scope as { type: string }).type])).toEqual([
      ['default', 'all_private_chats'],
      ['default', 'all_group_chats'],
      ['zh', 'all_private_chats'],
      ['zh', 'all_group_chats'],
      ['es', 'all_private_chats'],
      ['es', 'all_group_chats'],
      ['fr', 'all_private_chats'],
      ['fr', 'all_group_chats'],
    ]);
    const esPrivate = menus[4]?.params.commands as { command: string; description: string }[];
    expect(esPrivate.find((item) => item.command === 'lang')?.description).toBe('Elegir español, inglés, chino (simplificado o tradicional) o francés');
    const frPrivate = menus[6]?.params.commands as { command: string; description: string }[];
    expect(frPrivate.find((item) => item.command === 'lang')?.description).toBe("Choisir le français, l'anglais, le chinois (simplifié ou traditionnel) ou l'espagnol");
    const zhPrivate = menus[2]?.params.commands as { command: string; description: string }[];
    expect(zhPrivate.map((item) => item.command)).toEqual(['start', 'help', 'lang', 'country', 'safeword', 'privacy']);
    expect(zhPrivate[0]?.description).toMatch(/[\u4e00-\u9fff]/);

    fake?.pushUpdate(privateText(SCAM));
    const [reply] = (await fake?.waitForCall('sendMessage')) ?? [];
    expect(String(reply?.params.text)).toContain('Level: high');
    expect(fake?.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('in webhook mode, sets the webhook with its secret, rejects a bad secret with 401 and accepts the right one', async () => {
    await startAdapter({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook', TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_WEBHOOK_LISTEN: '127.0.0.1:0' });
    const [setWebhook] = fake?.callsOf('setWebhook') ?? [];
    expect(setWebhook?.params).toMatchObject({ url: 'https://bot.example.org/telegram/hook', secret_token: SECRET });
    const url = `${adapter?.webhookUrl()}/telegram/hook`;

    const update = JSON.stringify(forwardedText(SCAM, { type: 'hidden_user', date: 1, sender_user_name: 'x' }));
    expect((await postUpdate(url, update)).status).toBe(401);
    expect((await postUpdate(url, update, 'wrong-secret-wrong-secret')).status).toBe(401);
    expect(fake?.callsOf('sendMessage')).toHaveLength(0);

    const answered = await postUpdate(url, update, SECRET);
    expect(answered.status).toBe(200);
    // The reply rides in the webhook's answer (a webhook reply), so it is made by the time the 200 arrives.
    expect(JSON.parse(answered.body)).toMatchObject({ method: 'sendMessage', parse_mode: 'HTML' });
    const [reply] = fake?.callsOf('sendMessage') ?? [];
    expect(String(reply?.params.text)).toContain('Level: high');
    expect(JSON.stringify(reply?.params.reply_markup)).toMatch(/"callback_data":"rd:[0-9a-f]{24}:more:m:en:"/);

    expect((await postUpdate(url, '{not json', SECRET)).status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
    expect((await postUpdate(`${adapter?.webhookUrl()}/elsewhere`, update, SECRET)).status).toBe(404);
    // a malformed update is answered 200 (so Telegram does not retry it) and ignored
    expect((await postUpdate(url, JSON.stringify({ update_id: 'x', message: 5 }), SECRET)).status).toBe(200);
    expect(fake?.callsOf('sendMessage')).toHaveLength(1);
  });
});
