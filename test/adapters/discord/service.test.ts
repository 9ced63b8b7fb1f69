import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../adapters/discord/index.ts';
import { SettingError } from '../../../src/core/settings.ts';
import { startService } from '../../../src/service/main.ts';
import { startFakeDiscordServer } from '../../fakes/fake-discord-server.ts';

const workDir = (): string => mkdtempSync(join(tmpdir(), 'safeword-discord-'));

describe('startService with Discord settings', () => {
  it('says the Discord adapter is off without DISCORD_BOT_TOKEN', async () => {
    const lines: string[] = [];
    const service = await startService({ PORT: '0', STORE_URL: 'memory:' }, { cwd: workDir(), logWrite: (line) => lines.push(line) });
    await service.stop();
    const records = lines.map((line) => JSON.parse(line) as Record<string, string>);
    expect(records.find((record) => record.adapter === 'discord')?.reason).toBe('DISCORD_BOT_TOKEN not set');
  });

  it('starts the Discord adapter, answers /verify, and never logs the token or the text', async () => {
    const lines: string[] = [];
    const fake = await startFakeDiscordServer();
    try {
      const env = { PORT: '0', STORE_URL: 'memory:', LOG_LEVEL: 'debug', DISCORD_BOT_TOKEN: fake.botToken, DISCORD_API_URL: fake.apiUrl };
      const service = await startService(env, { cwd: workDir(), logWrite: (line) => lines.push(line) });
      try {
        expect(service.adapters.map((adapter) => adapter.name)).toEqual(['discord']);
        expect((service.adapters[0] as DiscordAdapter).applicationId()).toBe(fake.applicationId);
        fake.dispatch('INTERACTION_CREATE', {
          id: '800000000000099999', token: 'service-token', application_id: fake.applicationId, type: 2, version: 1, locale: 'en-US',
          channel_id: '500000000000000001', channel: { id: '500000000000000001', type: 1 },
          user: { id: '700000000000000001', username: 'ann', discriminator: '0', global_name: null, avatar: null },
          data: { id: '300000000000000000', name: 'verify', type: 1, options: [{ name: 'text', type: 3, value: 'This is the police. Transfer your savings to a safe account and tell no one.' }] },
          app_permissions: '0', entitlements: [], authorizing_integration_owners: { '1': '700000000000000001' }, context: 1,
        });
        const [reply] = await fake.waitForCalls((call) => call.method === 'POST' && call.path === '/interactions/800000000000099999/service-token/callback');
        // The short reply (level and actions) with its Details button.
        expect(JSON.stringify(reply!.body)).toContain('sw:details:');
        expect(JSON.stringify(reply!.body)).toContain('"flags":64');
      } finally {
        await service.stop();
      }
    } finally {
      await fake.close();
    }
    const logged = lines.join('\n');
    expect(logged).toContain('"adapter on"');
    expect(logged).toContain('discord: gateway connected');
    for (const secret of [fake.botToken, 'police', 'savings', 'service-token']) expect(logged).not.toContain(secret);
  });

  it('fails fast on a malformed DISCORD_GUILD_ID, naming the variable', async () => {
    const env = { PORT: '0', STORE_URL: 'memory:', DISCORD_BOT_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.abcdefghijklmnopqrstuvwxyz', DISCORD_GUILD_ID: 'family' };
    const start = startService(env, { cwd: workDir(), logWrite: () => {} });
    await expect(start).rejects.toThrow(SettingError);
    await expect(start).rejects.toThrow(/^DISCORD_GUILD_ID: /);
  });
});
