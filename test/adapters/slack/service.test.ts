import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../adapters/slack/index.ts';
import { SettingError } from '../../../src/core/settings.ts';
import { startService } from '../../../src/service/main.ts';
import { startFakeSlackServer } from '../../fakes/fake-slack-server.ts';
import { SIGNING_SECRET, slackSignature } from './harness.ts';

const BOT_TOKEN = 'xoxb-1234-5678-abcdefghijklmnop';

describe('startService with Slack settings', () => {
  it('says the Slack adapter is off without SLACK_BOT_TOKEN', async () => {
    const lines: string[] = [];
    const service = await startService({ PORT: '0', STORE_URL: 'memory:' }, { cwd: mkdtempSync(join(tmpdir(), 'safeword-slack-')), logWrite: (line) => lines.push(line) });
    await service.stop();
    const records = lines.map((line) => JSON.parse(line) as Record<string, string>);
    expect(records.find((record) => record.adapter === 'slack')?.reason).toBe('SLACK_BOT_TOKEN not set');
  });

  it('starts the Slack adapter, answers a signed /verify, and never logs the token, the secret or the text', async () => {
    const lines: string[] = [];
    const fake = await startFakeSlackServer();
    try {
      const env = { PORT: '0', STORE_URL: 'memory:', LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_PORT: '0', SLACK_API_URL: fake.apiUrl };
      const service = await startService(env, { cwd: mkdtempSync(join(tmpdir(), 'safeword-slack-')), logWrite: (line) => lines.push(line) });
      try {
        expect(service.adapters.map((adapter) => adapter.name)).toEqual(['slack']);
        const url = (service.adapters[0] as SlackAdapter).eventsUrl();
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
        const body = new URLSearchParams({ command: '/verify', text: 'This is the police. Transfer your savings to a safe account and tell no one.', user_id: 'U1', team_id: 'T1', channel_id: 'C1', response_url: fake.responseUrl('service') }).toString();
        const timestamp = Math.floor(Date.now() / 1000);
        const response = await fetch(url!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body) },
          body,
        });
        expect(response.status).toBe(200);
        const [reply] = await fake.waitForResponses('service');
        // The short reply (level and actions) with its Details button.
        expect(JSON.stringify(reply!.body)).toContain('safeword_details');
        expect(reply!.body.response_type).toBe('ephemeral');
      } finally {
        await service.stop();
      }
    } finally {
      await fake.close();
    }
    expect(fake.apiCalls.filter((call) => call.method === 'auth.test')).toHaveLength(1);
    expect(fake.apiCalls[0]?.params.token ?? '').toBe(BOT_TOKEN);
    const logged = lines.join('\n');
    expect(logged).toContain('"adapter on"');
    expect(logged).toContain('slack: http mode');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, 'police', 'savings']) expect(logged).not.toContain(secret);
  });

  it('fails fast when the signing secret is missing, naming the variable', async () => {
    const env = { PORT: '0', STORE_URL: 'memory:', SLACK_BOT_TOKEN: BOT_TOKEN };
    const start = startService(env, { cwd: mkdtempSync(join(tmpdir(), 'safeword-slack-')), logWrite: () => {} });
    await expect(start).rejects.toThrow(SettingError);
    await expect(startService(env, { cwd: mkdtempSync(join(tmpdir(), 'safeword-slack-')), logWrite: () => {} })).rejects.toThrow(/^SLACK_SIGNING_SECRET: /);
  });
});
