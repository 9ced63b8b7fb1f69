import { readImageHeader, type ImageFormat } from './image-format.ts';

/** Bounds on what the image pipeline accepts and how long and how many it reads at once. */
export interface ImageLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most pixels the header may declare (width × height); more is refused before decoding. */
  maxPixels: number;
  /** Longest time one image may take to read, in milliseconds, after which the OCR worker is stopped. */
  timeoutMs: number;
  /** Images read at the same time (each in its own worker thread). */
  concurrency: number;
  /** Images waiting for a worker; one more is refused as busy. */
  queueLimit: number;
  /** Most images checked together as one conversation (an album). */
  maxImages: number;
}

/**
 * Defaults: a phone screenshot is 1–4 MB and 2.5–3 megapixels (1170 × 2532); a long scrolling capture of a chat
 * can reach 1080 × 12,000. 20 MB matches Telegram's bot download limit.
 */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 16_000_000,
  timeoutMs: 30_000,
  concurrency: 1,
  queueLimit: 8,
  maxImages: 10,
};

/** Why an image is refused before OCR; each has a text in locales/<lang>/image.yaml (`image.refused.<code>`). */
export type ImageRefusal = 'empty' | 'too_large' | 'too_many_pixels' | 'heic' | 'unsupported_format';

/** An image that passed the checks, with its format and declared size. */
export interface AcceptedImage {
  format: Exclude<ImageFormat, 'heic' | 'gif' | 'unknown'>;
  width: number;
  height: number;
}

/** Checks an image's size, format and declared pixel count from its header, without decoding it. */
export function checkImageBytes(bytes: Uint8Array, limits: Pick<ImageLimits, 'maxBytes' | 'maxPixels'>): AcceptedImage | { refused: ImageRefusal } {
  if (bytes.length === 0) return { refused: 'empty' };
  if (bytes.length > limits.maxBytes) return { refused: 'too_large' };
  const header = readImageHeader(bytes);
  if (header.format === 'heic') return { refused: 'heic' };
  if (header.format === 'gif' || header.format === 'unknown') return { refused: 'unsupported_format' };
  const { width, height } = header;
  // A header without readable dimensions is a damaged or disguised file: refuse it rather than decode blind.
  if (!width || !height) return { refused: 'unsupported_format' };
  if (width * height > limits.maxPixels) return { refused: 'too_many_pixels' };
  return { format: header.format, width, height };
}
