/**
 * Screenshots on Discord: the images of a message (context menu) or of `/verify image:` are downloaded from
 * Discord's CDN into memory (size-capped while streaming), read by the OCR pool as one conversation, and
 * dropped. Nothing is stored or logged.
 */
import { DownloadError, fetchLimited, type Logger } from '../../src/core/index.ts';
import { readScreenshots, type ImageProblem, type ImageReading } from '../../src/image/image-check.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import type { ImageAttachment } from './attachments.ts';
import { errorFields } from './check-reply.ts';

/** The OCR pool and its limits (the service's, shared with the other adapters). */
export interface DiscordImages {
  reader: ImageReader;
  limits: ImageLimits;
}

/** Where and how long attachments may be downloaded. */
export interface DownloadPolicy {
  origins: readonly string[];
  timeoutMs: number;
}

/**
 * Downloads `attachments` (refusing at once one that Discord says is larger than the limit) and reads them
 * as one conversation. Never throws for bad input: a refused or failed image is an {@link ImageProblem}.
 */
export async function readAttachments(
  attachments: readonly ImageAttachment[],
  images: DiscordImages,
  policy: DownloadPolicy,
  logger: Logger,
  source: { platform: 'discord'; chatType: 'group' | 'private' },
): Promise<ImageReading> {
  const { limits } = images;
  if (attachments.length > limits.maxImages) return { ok: false, problem: 'too_many_images' };
  const bytes: Buffer[] = [];
  for (const attachment of attachments) {
    if (attachment.size > limits.maxBytes) return { ok: false, problem: 'too_large' };
    try {
      bytes.push(await fetchLimited(attachment.url, { maxBytes: limits.maxBytes, allowedOrigins: policy.origins, timeoutMs: policy.timeoutMs }));
    } catch (error) {
      const problem: ImageProblem = error instanceof DownloadError && error.code === 'too_large' ? 'too_large' : 'internal';
      logger.warn('discord: attachment download failed', { ...errorFields(error), ...(error instanceof DownloadError ? { code: error.code, status: error.status } : {}) });
      return { ok: false, problem };
    }
  }
  return readScreenshots(bytes, images.reader, limits, { source });
}
