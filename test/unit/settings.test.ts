import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/service/config.ts';
import { LlmConfigError } from '../../src/llm/errors.ts';
import { TelegramConfigError } from '../../adapters/telegram/config.ts';
import { optionalSetting, pause, SettingError } from '../../src/core/settings.ts';

describe('settings helpers', () => {
  it('every module reports a bad setting as a SettingError naming the variable', () => {
    for (const error of [new ConfigError('PORT', 'must be a number'), new LlmConfigError('LLM_MODEL', 'is not set'), new TelegramConfigError('TELEGRAM_BOT_TOKEN', 'looks wrong')]) {
      expect(error).toBeInstanceOf(SettingError);
      expect(error.message.startsWith(`${error.variable}: `)).toBe(true);
    }
  });

  it('reads blank variables as unset and trims the rest', () => {
    expect(optionalSetting.parse(undefined)).toBeUndefined();
    expect(optionalSetting.parse('   ')).toBeUndefined();
    expect(optionalSetting.parse(' 8787 ')).toBe('8787');
  });

  it('pause resolves early when aborted and never rejects', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(30_000);
    await expect(pause(1)).resolves.toBeUndefined();
  });
});
