import { createHmac } from 'node:crypto';
import Keyv from 'keyv';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { createSlackAdapter, type SlackAdapter, type SlackExtras } from '../../../adapters/slack/index.ts';
import { startFakeSlackServer, type FakeSlackServer } from '../../fakes/fake-slack-server.ts';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/recording-logger.ts';

/** The bot token the test app is configured with. */
export const SLACK_TEST_TOKEN = 'xoxb-1-test';

/** The signing secret the test app is configured with. */
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Signs a raw request body the way Slack does (v0 HMAC-SHA256 of `v0:<timestamp>:<body>`). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The running real Bolt app (HTTP receiver on 127.0.0.1, a free port) against a fake Slack. */
export interface SlackHarness {
  adapter: SlackAdapter;
  fake: FakeSlackServer;
  logger: RecordingLogger;
  /** Posts a signed form body to the receiver; `secret` signs with another secret (bad signature). */
  post(form: Record<string, string>, options?: { secret?: string }): Promise<Response>;
  /** Posts a signed `/verify <text>` whose response_url is the fake's `responseId`. */
  verify(text: string, responseId: string, options?: { secret?: string }): Promise<Response>;
  /** Posts a signed message shortcut on a message with `text`, replying to the fake's `responseId`. */
  shortcut(text: string | undefined, responseId: string, files?: Record<string, unknown>[]): Promise<Response>;
  /** Posts a signed click on the Details button with `value`, replying to the fake's `responseId`. */
  press(value: string, responseId: string): Promise<Response>;
  close(): Promise<void>;
}

/** Starts the fake Slack and the adapter with a real rules checker unless another one is given. */
export async function startSlackHarness(options: { checker?: Checker; extras?: SlackExtras; filesOrigins?: string[] } = {}): Promise<SlackHarness> {
  const fake = await startFakeSlackServer();
  const logger = createRecordingLogger();
  const adapter = createSlackAdapter(
    {
      botToken: SLACK_TEST_TOKEN, connection: { mode: 'http', signingSecret: SIGNING_SECRET, host: '127.0.0.1', port: 0 }, apiUrl: fake.apiUrl,
      filesOrigins: options.filesOrigins ?? [new URL(fake.apiUrl).origin],
    },
    { checker: options.checker ?? createRulesChecker(loadRuleset()), store: new Keyv(), logger },
    options.extras,
  );
  await adapter.start();
  const url = adapter.eventsUrl();
  if (!url) throw new Error('the Slack adapter did not report its address');

  async function post(form: Record<string, string>, postOptions: { secret?: string } = {}): Promise<Response> {
    const body = new URLSearchParams(form).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(url as string, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(postOptions.secret ?? SIGNING_SECRET, timestamp, body),
      },
      body,
    });
  }

  return {
    adapter,
    fake,
    logger,
    post,
    verify: (text, responseId, verifyOptions) =>
      post(
        {
          token: 'legacy', team_id: 'T0001', team_domain: 'fake', channel_id: 'C0001', channel_name: 'general', user_id: 'U0001',
          user_name: 'ann', command: '/verify', text, api_app_id: 'A0001', response_url: fake.responseUrl(responseId), trigger_id: '1.2.3',
        },
        verifyOptions,
      ),
    press: (value, responseId) =>
      post({
        payload: JSON.stringify({
          type: 'block_actions', trigger_id: '1.2.4', api_app_id: 'A0001', token: 'legacy', team: { id: 'T0001', domain: 'fake' },
          user: { id: 'U0001', username: 'ann', name: 'ann', team_id: 'T0001' }, channel: { id: 'C0001', name: 'general' },
          container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0001', is_ephemeral: true },
          response_url: fake.responseUrl(responseId),
          actions: [{ type: 'button', action_id: 'safeword_details', block_id: 'b1', value, text: { type: 'plain_text', text: 'Details' }, action_ts: '1700000001.000001' }],
        }),
      }),
    shortcut: (text, responseId, files) =>
      post({
        payload: JSON.stringify({
          type: 'message_action', callback_id: 'safeword_check', trigger_id: '1.2.3', action_ts: '1700000000.000001',
          team: { id: 'T0001', domain: 'fake' }, user: { id: 'U0001', username: 'ann', team_id: 'T0001' },
          channel: { id: 'C0001', name: 'general' }, api_app_id: 'A0001', token: 'legacy', response_url: fake.responseUrl(responseId),
          message_ts: '1700000000.000100',
          message: { type: 'message', user: 'U0002', ts: '1700000000.000100', ...(text === undefined ? {} : { text }), ...(files ? { files } : {}) },
        }),
      }),
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Every mrkdwn and plain text inside a response's blocks, joined with newlines. */
export function blockTexts(body: Record<string, unknown>): string {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') texts.push(record.text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(body.blocks);
  return texts.join('\n');
}

/** The value of the Details button in a response's blocks, if it has one. */
export function detailsValue(body: Record<string, unknown>): string | undefined {
  const blocks = (body.blocks ?? []) as { type: string; elements?: { action_id?: string; value?: string }[] }[];
  return blocks.find((block) => block.type === 'actions')?.elements?.find((element) => element.action_id === 'safeword_details')?.value;
}
