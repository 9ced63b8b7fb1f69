/**
 * Screenshots a chat platform hosts (Discord's CDN, Slack's url_private): downloaded into memory with the
 * body capped while streaming, then read as one conversation. Nothing is kept or logged but the failure's kind.
 */
import { DownloadError, fetchLimited, type LimitedFetchOptions } from '../core/limited-fetch.ts';
import type { Logger } from '../core/logger.ts';
import type { Source } from '../core/request.ts';
import { readScreenshots, type ImageProblem, type ImageReading } from './image-check.ts';
import type { ImageLimits } from './image-limits.ts';
import type { ImageReader } from './ocr-pool.ts';

/** An image on a platform's file host: where it is and the size the platform declares for it. */
export interface RemoteImage {
  url: string;
  size: number;
}

/** How one platform's images are fetched, and how a failed download is logged. */
export interface RemoteImageOptions {
  fetch: Omit<LimitedFetchOptions, 'maxBytes'>;
  logger: Logger;
  /** The log line of a failed download (e.g. "discord: attachment download failed"). */
  failure: string;
  /** The platform's own error fields (names and codes only: error bodies may echo content). */
  errorFields: (error: unknown) => Record<string, unknown>;
  source: Source;
}

/**
 * Downloads `remote` (refusing at once one whose declared size is over the limit) and reads the images as one
 * conversation. Never throws for bad input: a refused or failed image is an {@link ImageProblem}.
 */
export async function readRemoteImages(
  remote: readonly RemoteImage[],
  images: { reader: ImageReader; limits: ImageLimits },
  options: RemoteImageOptions,
): Promise<ImageReading> {
  const { limits } = images;
  if (remote.length > limits.maxImages) return { ok: false, problem: 'too_many_images' };
  const bytes: Buffer[] = [];
  for (const image of remote) {
    if (image.size > limits.maxBytes) return { ok: false, problem: 'too_large' };
    try {
      bytes.push(await fetchLimited(image.url, { ...options.fetch, maxBytes: limits.maxBytes }));
    } catch (error) {
      const problem: ImageProblem = error instanceof DownloadError && error.code === 'too_large' ? 'too_large' : 'internal';
      options.logger.warn(options.failure, { ...options.errorFields(error), ...(error instanceof DownloadError ? { code: error.code, status: error.status } : {}) });
      return { ok: false, problem };
    }
  }
  return readScreenshots(bytes, images.reader, limits, { source: options.source });
}
