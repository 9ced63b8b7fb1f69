import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackQuery, privateText, startFakeTelegramServer, testUser, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { SCAM, telegramEnv, WEBHOOK_SECRET } from './telegram-scenario.ts';

const CLUSTER = fileURLToPath(new URL('../../src/service/cluster.ts', import.meta.url));

/**
 * Posts one update to the webhook on a new TCP connection, as Telegram's servers do from many addresses:
 * node:cluster hands each connection to the next worker, so consecutive updates reach different workers
 * (a kept-alive connection would take every update to one worker and test nothing).
 */
function deliverOnNewConnection(webhookUrl: string, update: Update): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const call = request(`${webhookUrl}/hook`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    });
    call.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    call.on('error', reject);
    call.end(body);
  });
}

let fake: FakeTelegramServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('npm start with WEB_CONCURRENCY=2: Details under a Telegram reply, tapped on any worker', () => {
  it('expands and folds every reply whichever worker the tap reaches, handing it to the worker that holds it; nothing stored', { timeout: 120_000 }, async () => {
    fake = await startFakeTelegramServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'safeword-cluster-details-'));
    const child = spawn(process.execPath, [CLUSTER], {
      env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', WEB_CONCURRENCY: '2', LOG_LEVEL: 'debug', ...telegramEnv(fake, { SAFEWORD_DATA_DIR: dataDir }) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const records: { msg: string; listen?: string; pid?: number }[] = [];
    let stderr = '';
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('{')) records.push(JSON.parse(line) as { msg: string });
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const count = (msg: string): number => records.filter((record) => record.msg === msg).length;
    try {
      for (let waited = 0; count('adapter on') < 2 && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      const webhooks = records.filter((record) => record.msg === 'telegram: webhook mode');
      expect(webhooks, stderr.slice(-2000)).toHaveLength(2);
      expect(webhooks[0]?.listen).toBe(webhooks[1]?.listen); // one port, shared by both workers
      const webhookUrl = String(webhooks[0]?.listen);

      const users = Array.from({ length: 8 }, (_, index) => testUser(5000 + index));
      let updateId = 900_000;
      for (const user of users) expect(await deliverOnNewConnection(webhookUrl, privateText(SCAM, { from: user, updateId: updateId++ }))).toBe(200);
      const replies = await fake.waitForCall('sendMessage', { count: users.length, timeoutMs: 20_000 });
      const buttons = replies.map((reply) => {
        const markup = reply.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
        return { chatId: Number(reply.params.chat_id), messageId: (reply.result as { message_id: number }).message_id, data: markup.inline_keyboard[0]![0]!.callback_data, short: String(reply.params.text) };
      });
      // Each key names the worker holding the reply, and both workers held some.
      expect(new Set(buttons.map((button) => /^rd:(\d)-/.exec(button.data)?.[1])).size).toBe(2);

      // Details on every reply, then Less, each tap on its own connection. node:cluster takes connections in turn,
      // so after the 8 messages the 9th connection would reach the first worker again: one update in between
      // (a button nobody knows, answered by whichever worker) shifts the taps onto the other worker.
      expect(await deliverOnNewConnection(webhookUrl, callbackQuery('unknown', { from: users[0]!, updateId: updateId++ }))).toBe(200);
      for (const button of buttons) {
        const user = users.find((one) => one.id === button.chatId)!;
        expect(await deliverOnNewConnection(webhookUrl, callbackQuery(button.data, { from: user, messageId: button.messageId, updateId: updateId++ }))).toBe(200);
      }
      const expandedCalls = await fake.waitForCall('editMessageText', { count: buttons.length, timeoutMs: 20_000 });
      for (const button of buttons) {
        const edit = expandedCalls.find((call) => call.params.message_id === button.messageId);
        expect(edit, `reply ${button.messageId} was not expanded (a tap answered "expired"?)`).toBeDefined();
        expect(String(edit?.params.text), `reply ${button.messageId}`).toContain('Transfer your savings to a safe account');
        const less = (edit?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
        const user = users.find((one) => one.id === button.chatId)!;
        expect(await deliverOnNewConnection(webhookUrl, callbackQuery(less, { from: user, messageId: button.messageId, updateId: updateId++ }))).toBe(200);
      }
      const edits = await fake.waitForCall('editMessageText', { count: 2 * buttons.length, timeoutMs: 20_000 });
      for (const button of buttons) {
        expect(edits.filter((call) => call.params.message_id === button.messageId).at(-1)?.params.text).toBe(button.short);
      }
      // Every tap was answered, none with "expired", and some were handed to the worker holding the reply.
      const answers = fake.callsOf('answerCallbackQuery');
      expect(answers).toHaveLength(2 * buttons.length + 1);
      expect(answers.filter((answer) => answer.params.show_alert)).toEqual([]);
      expect(count('telegram: details tap handled for another worker')).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // The replies went between the workers in memory only: no message text in the shared store.
    const stored = readdirSync(dataDir)
      .filter((name) => statSync(join(dataDir, name)).isFile())
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
    expect(stored).toContain('dedup:'); // the store was used (update claims)
    expect(stored).not.toContain('savings');
  });
});
