/**
 * Screenshots on Discord: the images of a message (context menu) or of `/verify image:` are downloaded from
 * Discord's CDN into memory (size-capped while streaming), read by the OCR pool as one conversation, and
 * dropped. Nothing is stored or logged.
 */
import type { Logger } from '../../src/core/index.ts';
import type { ImageReading } from '../../src/image/image-check.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { readRemoteImages } from '../../src/image/remote-images.ts';
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
  const remote = attachments.map((attachment) => ({ url: attachment.url, size: attachment.size }));
  const fetch = { allowedOrigins: policy.origins, timeoutMs: policy.timeoutMs };
  return readRemoteImages(remote, images, { fetch, logger, failure: 'discord: attachment download failed', errorFields, source });
}
