import { Bot, GrammyError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { privateText, startFakeTelegramServer, type FakeTelegramServer } from '../../fakes/fake-telegram-server.ts';

let fake: FakeTelegramServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('fake Telegram Bot API', () => {
  it('serves queued updates to a polling grammY bot and records its calls', async () => {
    fake = await startFakeTelegramServer();
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    fake.pushUpdate(privateText('hello'));
    void bot.start({ timeout: 1 });
    const sent = await fake.waitForCall('sendMessage');
    await bot.stop();
    expect(sent[0]?.params).toMatchObject({ text: 'echo hello' });
    expect(fake.callsOf('getMe')).toHaveLength(1);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it('scripts 429 and 500 failures', async () => {
    fake = await startFakeTelegramServer();
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
    fake.failNext('sendMessage', { status: 429, retryAfter: 3 });
    fake.failNext('sendMessage', { status: 500 });
    const first = await bot.api.sendMessage(1, 'a').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(GrammyError);
    expect((first as GrammyError).error_code).toBe(429);
    expect((first as GrammyError).parameters.retry_after).toBe(3);
    const second = await bot.api.sendMessage(1, 'b').catch((error: unknown) => error);
    expect((second as GrammyError).error_code).toBe(500);
    const third = await bot.api.sendMessage(1, 'c');
    expect(third.text).toBe('c');
  });

  it('answers getFile and serves the download', async () => {
    fake = await startFakeTelegramServer();
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
    fake.addFile('doc1', 'Caller: hello', 'documents/call.txt');
    const file = await bot.api.getFile('doc1');
    const response = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await response.text()).toBe('Caller: hello');
    await expect(bot.api.getFile('missing')).rejects.toBeInstanceOf(GrammyError);
  });
});
