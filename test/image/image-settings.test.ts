import { describe, expect, it } from 'vitest';
import { SettingError } from '../../src/core/settings.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../src/image/image-limits.ts';
import { loadImageLimits } from '../../src/image/image-settings.ts';
import { loadConfig } from '../../src/service/config.ts';

function settingError(env: NodeJS.ProcessEnv): SettingError {
  try {
    loadImageLimits(env);
  } catch (error) {
    if (error instanceof SettingError) return error;
    throw error;
  }
  throw new Error('no SettingError');
}

describe('image limits from the environment', () => {
  it('uses the defaults when nothing is set, or a setting is blank', () => {
    expect(loadImageLimits({})).toEqual(DEFAULT_IMAGE_LIMITS);
    expect(loadImageLimits({ IMAGE_MAX_BYTES: '  ', IMAGE_CONCURRENCY: '' })).toEqual(DEFAULT_IMAGE_LIMITS);
  });

  it('reads sizes, pixel counts, seconds and counts', () => {
    expect(
      loadImageLimits({
        IMAGE_MAX_BYTES: '5m',
        IMAGE_MAX_PIXELS: '8mp',
        IMAGE_TIMEOUT_SECONDS: '12',
        IMAGE_CONCURRENCY: '2',
        IMAGE_QUEUE_LIMIT: '1',
        IMAGE_MAX_COUNT: '4',
      }),
    ).toEqual({ maxBytes: 5 * 1024 * 1024, maxPixels: 8_000_000, timeoutMs: 12_000, concurrency: 2, queueLimit: 1, maxImages: 4 });
    expect(loadImageLimits({ IMAGE_MAX_BYTES: '2097152', IMAGE_MAX_PIXELS: '12_000_000' })).toMatchObject({ maxBytes: 2_097_152, maxPixels: 12_000_000 });
    expect(loadImageLimits({ IMAGE_MAX_PIXELS: '2.5m' }).maxPixels).toBe(2_500_000);
  });

  it.each([
    ['IMAGE_MAX_BYTES', 'lots', /IMAGE_MAX_BYTES: "lots" is not a size .*unset it for 20m/],
    ['IMAGE_MAX_BYTES', '10', /not a size from 1k to 200m/],
    ['IMAGE_MAX_BYTES', '5g', /not a size/],
    ['IMAGE_MAX_PIXELS', '-5', /IMAGE_MAX_PIXELS: "-5" is not a pixel count/],
    ['IMAGE_MAX_PIXELS', '900mp', /from 10000 to 100000000/],
    ['IMAGE_TIMEOUT_SECONDS', '0', /IMAGE_TIMEOUT_SECONDS: "0" is not a whole number from 1 to 600; unset it for 30/],
    ['IMAGE_TIMEOUT_SECONDS', '1.5', /not a whole number/],
    ['IMAGE_CONCURRENCY', '0', /IMAGE_CONCURRENCY: "0" is not a whole number from 1 to 64; each reader is a worker thread/],
    ['IMAGE_CONCURRENCY', 'two', /not a whole number/],
    ['IMAGE_QUEUE_LIMIT', '0', /IMAGE_QUEUE_LIMIT: "0" is not a whole number from 1 to 10000/],
    ['IMAGE_MAX_COUNT', '1000', /IMAGE_MAX_COUNT: "1000" is not a whole number from 1 to 100/],
  ])('%s=%s is refused with a message naming it and the fix', (variable, value, message) => {
    const error = settingError({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('is part of the service settings, so the HTTP API, the page and the chat adapters share one pool and its limits', () => {
    const config = loadConfig({ STORE_URL: 'memory:', SAFEWORD_SECRET: 'x'.repeat(32), IMAGE_CONCURRENCY: '3', IMAGE_TIMEOUT_SECONDS: '45' });
    expect(config.imageLimits).toMatchObject({ concurrency: 3, timeoutMs: 45_000, maxBytes: DEFAULT_IMAGE_LIMITS.maxBytes });
    expect(() => loadConfig({ STORE_URL: 'memory:', SAFEWORD_SECRET: 'x'.repeat(32), IMAGE_MAX_BYTES: 'big' })).toThrow(SettingError);
  });
});
