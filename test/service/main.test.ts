import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingError } from '../../src/core/settings.ts';
import { startService } from '../../src/service/main.ts';
import { startFakeTelegramServer } from '../fakes/fake-telegram-server.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

describe('startService', () => {
  it('starts with no tokens, serves the API and the page, says which adapters are off, and stops', async () => {
    const lines: string[] = [];
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    const service = await startService({ PORT: '0', STORE_URL: 'memory:' }, { cwd, logWrite: (line) => lines.push(line) });
    try {
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok', secondOpinion: 'off' });
      const page = await fetch(`${service.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<form id="check-form"');
      const check = await fetch(`${service.url}/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'message', text: 'This is the police. Transfer your savings to a safe account and tell no one.' }),
      });
      expect(((await check.json()) as { verdict: { level: string } }).verdict.level).toBe('high');
    } finally {
      await service.stop();
    }
    const records = lines.map((line) => JSON.parse(line) as Record<string, string>);
    expect(records.find((record) => record.adapter === 'telegram')?.reason).toBe('TELEGRAM_BOT_TOKEN not set');
    expect(records.some((record) => record.adapter === 'discord' && record.msg === 'adapter off')).toBe(true);
    expect(records.some((record) => record.msg === 'second opinion off: rules only')).toBe(true);
    expect(records.find((record) => record.msg === 'local model on')?.file).toMatch(/models\/scam-model\.bin$/);
    expect(lines.join('')).not.toContain('safe account');
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });

  it('starts the Telegram adapter when a token is set, and never logs the token', async () => {
    const lines: string[] = [];
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    const telegram = await startFakeTelegramServer();
    try {
      const env = { PORT: '0', STORE_URL: 'memory:', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, LOG_LEVEL: 'debug' };
      const service = await startService(env, { cwd, logWrite: (line) => lines.push(line) });
      expect(service.adapters.map((adapter) => adapter.name)).toEqual(['telegram']);
      await service.stop();
    } finally {
      await telegram.close();
    }
    expect(telegram.callsOf('getMe')).toHaveLength(1);
    expect(lines.some((line) => line.includes('"adapter on"') && line.includes('telegram'))).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join('')).not.toContain(TOKEN);
  });

  it('fails fast on a malformed Telegram setting, naming the variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    const env = { PORT: '0', STORE_URL: 'memory:', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook' };
    await expect(startService(env, { cwd, logWrite: () => {} })).rejects.toThrow(/^TELEGRAM_WEBHOOK_SECRET: /);
  });

  it('stops start-up when the local model is missing, naming the file, unless LOCAL_MODEL=off', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    const missing = join(cwd, 'no-model.json');
    await expect(startService({ PORT: '0', STORE_URL: 'memory:', LOCAL_MODEL_PATH: missing }, { cwd, logWrite: () => {} })).rejects.toThrow(
      new RegExp(`^${missing}: model file not found`),
    );
    const lines: string[] = [];
    const service = await startService({ PORT: '0', STORE_URL: 'memory:', LOCAL_MODEL: 'off', LOCAL_MODEL_PATH: missing }, { cwd, logWrite: (line) => lines.push(line) });
    await service.stop();
    expect(lines.some((line) => line.includes('local model off'))).toBe(true);
  });

  it('fails fast with a SettingError naming the variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    await expect(startService({ PORT: 'abc' }, { cwd, logWrite: () => {} })).rejects.toThrow(SettingError);
    await expect(startService({ PORT: 'abc' }, { cwd, logWrite: () => {} })).rejects.toThrow(/^PORT: /);
  });
});

describe('startService with LLM settings', () => {
  it('fails fast when an LLM setting is malformed, naming the variable', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'safeword-main-'));
    await expect(startService({ PORT: '0', STORE_URL: 'memory:', LLM_BASE_URL: 'http://127.0.0.1:9/v1' }, { cwd, logWrite: () => {} })).rejects.toThrow(/^LLM_MODEL: /);
  });
});
