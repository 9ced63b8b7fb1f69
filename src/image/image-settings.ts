/**
 * The screenshot limits from the environment, parsed once at start-up by the service (loadConfig) and by the CLI,
 * so every surface (HTTP API, web page, Telegram, Discord, Slack, CLI) reads images under the same bounds.
 */
import { z } from 'zod';
import { optionalSetting, parseByteSize, SettingError } from '../core/settings.ts';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits.ts';

const ImageEnvSchema = z.object({
  IMAGE_MAX_BYTES: optionalSetting,
  IMAGE_MAX_PIXELS: optionalSetting,
  IMAGE_TIMEOUT_SECONDS: optionalSetting,
  IMAGE_CONCURRENCY: optionalSetting,
  IMAGE_QUEUE_LIMIT: optionalSetting,
  IMAGE_MAX_COUNT: optionalSetting,
});

/** Upper bounds of the settings: past them a typo (an extra zero) would be a memory or CPU hazard, not a limit. */
const MAX_BYTES = 200 * 1024 * 1024;
const MAX_PIXELS = 100_000_000;
const MAX_TIMEOUT_SECONDS = 600;
const MAX_CONCURRENCY = 64;
const MAX_QUEUE = 10_000;
const MAX_COUNT = 100;

function wholeNumber(variable: string, value: string | undefined, fallback: number, range: { min: number; max: number; fix: string }): number {
  if (value === undefined) return fallback;
  const normalized = value.replace(/[_,]/g, '');
  const count = /^\d+$/.test(normalized) ? Number(normalized) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < range.min || count > range.max) {
    throw new SettingError(variable, `"${value}" is not a whole number from ${range.min} to ${range.max}; ${range.fix}`);
  }
  return count;
}

function byteSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IMAGE_LIMITS.maxBytes;
  const bytes = parseByteSize(value);
  if (bytes === undefined || bytes < 1024 || bytes > MAX_BYTES) {
    throw new SettingError('IMAGE_MAX_BYTES', `"${value}" is not a size from 1k to 200m; use e.g. 20m or 5242880, or unset it for 20m`);
  }
  return bytes;
}

/** Megapixels ("16mp", "16m") or a plain pixel count. */
function pixelCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_IMAGE_LIMITS.maxPixels;
  const mega = /^(\d+(?:\.\d+)?)\s*m(?:p)?$/i.exec(value);
  const digits = value.replace(/[_,]/g, '');
  const pixels = mega ? Math.round(Number(mega[1]) * 1_000_000) : /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(pixels) || pixels < 10_000 || pixels > MAX_PIXELS) {
    throw new SettingError('IMAGE_MAX_PIXELS', `"${value}" is not a pixel count from 10000 to 100000000; use e.g. 16000000 or 16mp, or unset it for 16mp`);
  }
  return pixels;
}

/**
 * Reads IMAGE_MAX_BYTES (largest file: 20m), IMAGE_MAX_PIXELS (width × height the header may declare: 16mp),
 * IMAGE_TIMEOUT_SECONDS (per image: 30), IMAGE_CONCURRENCY (images read at once, one worker thread each: 1),
 * IMAGE_QUEUE_LIMIT (images waiting before "busy": 8) and IMAGE_MAX_COUNT (screenshots checked together: 10).
 * Throws a {@link SettingError} naming the variable and how to fix it.
 */
export function loadImageLimits(env: NodeJS.ProcessEnv = process.env): ImageLimits {
  const parsed = ImageEnvSchema.parse(env);
  const defaults = DEFAULT_IMAGE_LIMITS;
  return {
    maxBytes: byteSize(parsed.IMAGE_MAX_BYTES),
    maxPixels: pixelCount(parsed.IMAGE_MAX_PIXELS),
    timeoutMs:
      wholeNumber('IMAGE_TIMEOUT_SECONDS', parsed.IMAGE_TIMEOUT_SECONDS, defaults.timeoutMs / 1000, {
        min: 1,
        max: MAX_TIMEOUT_SECONDS,
        fix: `unset it for ${defaults.timeoutMs / 1000}`,
      }) * 1000,
    concurrency: wholeNumber('IMAGE_CONCURRENCY', parsed.IMAGE_CONCURRENCY, defaults.concurrency, {
      min: 1,
      max: MAX_CONCURRENCY,
      fix: `each reader is a worker thread holding ~0.9 GB of models; unset it for ${defaults.concurrency}`,
    }),
    // At least 1: the pool queues every image before a worker takes it, so 0 would refuse them all as busy.
    queueLimit: wholeNumber('IMAGE_QUEUE_LIMIT', parsed.IMAGE_QUEUE_LIMIT, defaults.queueLimit, {
      min: 1,
      max: MAX_QUEUE,
      fix: `unset it for ${defaults.queueLimit}`,
    }),
    maxImages: wholeNumber('IMAGE_MAX_COUNT', parsed.IMAGE_MAX_COUNT, defaults.maxImages, {
      min: 1,
      max: MAX_COUNT,
      fix: `unset it for ${defaults.maxImages}`,
    }),
  };
}
