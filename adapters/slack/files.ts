/**
 * Screenshots on Slack: the image files of the message a shortcut was used on are downloaded from their
 * `url_private` with the bot token (scope files:read), into memory and size-capped while streaming, read by the
 * OCR pool as one conversation, and dropped. The token goes to Slack's file host only. Nothing is stored or logged.
 */
import { z } from 'zod';
import type { Logger } from '../../src/core/index.ts';
import type { ImageReading } from '../../src/image/image-check.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { readRemoteImages } from '../../src/image/remote-images.ts';
import { errorFields } from './check-reply.ts';

/** The OCR pool and its limits (the service's, shared with the other adapters). */
export interface SlackImages {
  reader: ImageReader;
  limits: ImageLimits;
}

/** An image file of a message, as Slack describes it. */
export interface SlackImageFile {
  urlPrivate: string;
  size: number;
}

const IMAGE_TYPES = /^image\/(png|jpeg|webp|heic|heif)$/i;
const IMAGE_NAMES = /\.(png|jpe?g|webp|heic|heif)$/i;

const FilesSchema = z.array(
  z.object({ url_private: z.string().optional(), size: z.number().optional(), mimetype: z.string().optional(), name: z.string().optional() }).loose(),
);

/** The image files (PNG, JPEG, WebP; HEIC too, refused with a note) of a message from a shortcut payload. */
export function messageImageFiles(message: { files?: unknown }): SlackImageFile[] {
  const files = FilesSchema.safeParse(message.files ?? []);
  if (!files.success) return [];
  return files.data
    .filter((file) => file.url_private !== undefined && (IMAGE_TYPES.test(file.mimetype ?? '') || IMAGE_NAMES.test(file.name ?? '')))
    .map((file) => ({ urlPrivate: file.url_private as string, size: file.size ?? 0 }));
}

/** Where, how long and with which token files are downloaded. */
export interface FilePolicy {
  origins: readonly string[];
  timeoutMs: number;
  botToken: string;
}

/**
 * Downloads `files` (refusing at once one that Slack says is larger than the limit) and reads them as one
 * conversation. Never throws for bad input: a refused or failed image is an {@link ImageProblem}.
 */
export async function readImageFiles(files: readonly SlackImageFile[], images: SlackImages, policy: FilePolicy, logger: Logger): Promise<ImageReading> {
  const remote = files.map((file) => ({ url: file.urlPrivate, size: file.size }));
  const fetch = { allowedOrigins: policy.origins, timeoutMs: policy.timeoutMs, headers: { authorization: `Bearer ${policy.botToken}` } };
  return readRemoteImages(remote, images, { fetch, logger, failure: 'slack: file download failed', errorFields, source: { platform: 'slack' } });
}
