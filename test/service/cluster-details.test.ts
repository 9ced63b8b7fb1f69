import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackQuery, privateText, startFakeTelegramServer, testUser, type FakeTelegramServer } from '../fakes/fake-telegram-server.ts';
import { startFakeSlackServer, type FakeSlackServer } from '../fakes/fake-slack-server.ts';
import type { LogRecord } from '../fakes/service-process.ts';
import { detailsValue, SIGNING_SECRET, slackSignature } from '../adapters/slack/harness.ts';
import { SCAM, telegramEnv, WEBHOOK_SECRET } from './telegram-scenario.ts';

const CLUSTER = fileURLToPath(new URL('../../src/service/start.js', import.meta.url));

/**
 * Posts one update to the webhook on a new TCP connection, as Telegram's servers do from many addresses:
 * node:cluster hands each connection to the next worker, so consecutive updates reach different workers
 * (a kept-alive connection would take every update to one worker and test nothing).
 */
function postOnNewConnection(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } });
    call.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    call.on('error', reject);
    call.end(body);
  });
}

/** One Telegram update to the webhook, on a new connection; a method in the 200's body (a webhook reply) is executed by the fake, as Telegram does. */
async function deliverOnNewConnection(webhookUrl: string, update: Update): Promise<number> {
  const answer = await postOnNewConnection(`${webhookUrl}/hook`, JSON.stringify(update), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET });
  if (answer.status === 200) fake!.webhookReply(answer.body);
  return answer.status;
}

/** One signed Slack request (a form body) to the events URL, on a new connection. */
async function slackOnNewConnection(eventsUrl: string, form: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(form).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const answer = await postOnNewConnection(eventsUrl, body, {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
  });
  return answer.status;
}

/** `npm start` (src/service/start.js → cluster.ts) with two workers; resolves once `ready` log lines were seen twice. */
async function startCluster(env: NodeJS.ProcessEnv, ready: string): Promise<{ records: LogRecord[]; stderr: () => string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLUSTER], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', WEB_CONCURRENCY: '2', LOG_LEVEL: 'debug', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const records: LogRecord[] = [];
  let stderr = '';
  let buffer = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) records.push(JSON.parse(line) as LogRecord);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await exited;
  };
  for (let waited = 0; records.filter((record) => record.msg === ready).length < 2 && waited < 60_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return { records, stderr: () => stderr, stop };
}

/** Log lines with this message. */
const countOf = (records: LogRecord[], msg: string): number => records.filter((record) => record.msg === msg).length;

let fake: FakeTelegramServer | undefined;
let slack: FakeSlackServer | undefined;
afterEach(async () => {
  await fake?.close();
  await slack?.close();
  fake = undefined;
  slack = undefined;
});

describe('npm start with WEB_CONCURRENCY=2: Details under a Telegram reply, tapped on any worker', () => {
  it('expands and folds every reply whichever worker the tap reaches, handing it to the worker that holds it; nothing stored', { timeout: 120_000 }, async () => {
    fake = await startFakeTelegramServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'safeword-cluster-details-'));
    const cluster = await startCluster(telegramEnv(fake, { SAFEWORD_DATA_DIR: dataDir }), 'adapter on');
    const { records } = cluster;
    const count = (msg: string): number => countOf(records, msg);
    try {
      const webhooks = records.filter((record) => record.msg === 'telegram: webhook mode');
      expect(webhooks, cluster.stderr().slice(-2000)).toHaveLength(2);
      expect(webhooks[0]?.listen).toBe(webhooks[1]?.listen); // one port, shared by both workers
      const webhookUrl = String(webhooks[0]?.listen);

      const users = Array.from({ length: 8 }, (_, index) => testUser(5000 + index));
      let updateId = 900_000;
      for (const user of users) expect(await deliverOnNewConnection(webhookUrl, privateText(SCAM, { from: user, updateId: updateId++ }))).toBe(200);
      const replies = await fake.waitForCall('sendMessage', { count: users.length, timeoutMs: 20_000 });
      expect(replies.filter((reply) => !reply.params.reply_markup).map((reply) => reply.params.text), JSON.stringify(records.filter((record) => record.level === 'error' || record.level === 'warn'))).toEqual([]);
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
      await cluster.stop();
    }
    // The replies went between the workers in memory only: no message text in the shared store.
    const stored = readdirSync(dataDir)
      // rules-cache.json holds the parsed rule and advice files (src/core/yaml-files.ts), not message text.
      .filter((name) => name !== 'rules-cache.json' && statSync(join(dataDir, name)).isFile())
      .map((name) => readFileSync(join(dataDir, name)).toString('latin1')).join('');
    expect(stored).toContain('dedup:'); // the store was used (update claims)
    expect(stored).not.toContain('savings');
  });
});

describe('npm start with WEB_CONCURRENCY=2: Details under a Slack reply (HTTP mode), clicked on any worker', () => {
  it('posts the full reply whichever worker the click reaches, fetched from the worker that holds it', { timeout: 120_000 }, async () => {
    slack = await startFakeSlackServer();
    const env = { SLACK_BOT_TOKEN: 'xoxb-1234-5678-abcdefghijklmnop', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_API_URL: slack.apiUrl, SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-cluster-slack-')) };
    const cluster = await startCluster(env, 'adapter on');
    try {
      const receivers = cluster.records.filter((record) => record.msg === 'slack: http mode');
      expect(receivers, cluster.stderr().slice(-2000)).toHaveLength(2);
      expect(receivers[0]?.listen).toBe(receivers[1]?.listen);
      const eventsUrl = String(receivers[0]?.listen);
      const checks = 6;
      for (let index = 0; index < checks; index += 1) {
        const form = { command: '/verify', text: SCAM, user_id: `U${index}`, team_id: 'T0001', channel_id: 'C0001', response_url: slack.responseUrl(`check${index}`) };
        expect(await slackOnNewConnection(eventsUrl, form)).toBe(200);
      }
      const values: string[] = [];
      for (let index = 0; index < checks; index += 1) {
        const [reply] = await slack.waitForResponses(`check${index}`, 1, 20_000);
        values.push(detailsValue(reply!.body) ?? '');
      }
      expect(new Set(values.map((value) => /^(\d)-/.exec(value)?.[1])).size).toBe(2); // both workers answered some
      // One request in between shifts the clicks onto the other worker (connections are handed out in turn).
      await slackOnNewConnection(eventsUrl, { command: '/verify', text: '', user_id: 'U9', team_id: 'T0001', channel_id: 'C0001', response_url: slack.responseUrl('shift') });
      for (const [index, value] of values.entries()) {
        const payload = {
          type: 'block_actions', trigger_id: `1.2.${index}`, api_app_id: 'A0001', token: 'legacy', team: { id: 'T0001', domain: 'fake' },
          user: { id: `U${index}`, username: 'ann', name: 'ann', team_id: 'T0001' }, channel: { id: 'C0001', name: 'general' },
          container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0001', is_ephemeral: true },
          response_url: slack.responseUrl(`details${index}`),
          actions: [{ type: 'button', action_id: 'safeword_details', block_id: 'b1', value, text: { type: 'plain_text', text: 'Details' }, action_ts: `1700000001.00000${index}` }],
        };
        expect(await slackOnNewConnection(eventsUrl, { payload: JSON.stringify(payload) })).toBe(200);
      }
      for (let index = 0; index < checks; index += 1) {
        const [details] = await slack.waitForResponses(`details${index}`, 1, 20_000);
        expect(JSON.stringify(details!.body), `details ${index}`).toContain('Transfer your savings to a safe account');
      }
    } finally {
      await cluster.stop();
    }
  });
});
