/**
 * What an image file is and how big it claims to be, from its first bytes only: the format by its magic
 * bytes and the pixel dimensions from the header, so a decompression bomb (a small file that declares a
 * 50,000 × 50,000 picture) is refused before anything decodes it.
 */

/** Formats the image pipeline reads, plus the ones it recognizes in order to refuse them by name. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'heic' | 'gif' | 'unknown';

/** The format and, for the readable formats, the dimensions the header declares. */
export interface ImageHeader {
  format: ImageFormat;
  width?: number;
  height?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** ISO base media brands of HEIF files (iPhone photos and screenshots shared as files), AVIF included. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'avif', 'avis']);

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

function pngHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < 24 || ascii(bytes, 12, 16) !== 'IHDR') return { format: 'png' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** JPEG: walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpegHeader(bytes: Uint8Array): ImageHeader {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return { format: 'jpeg' };
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const width = ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
      return { format: 'jpeg', width, height };
    }
    if (length < 2) return { format: 'jpeg' };
    offset += 2 + length;
  }
  return { format: 'jpeg' };
}

/** WebP: the first chunk says lossy (VP8), lossless (VP8L) or extended (VP8X), each with its own size fields. */
function webpHeader(bytes: Uint8Array): ImageHeader {
  const chunk = ascii(bytes, 12, 16);
  const at = (index: number): number => bytes[index] ?? 0;
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { format: 'webp', width: (at(26) | (at(27) << 8)) & 0x3fff, height: (at(28) | (at(29) << 8)) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = at(21) | (at(22) << 8) | (at(23) << 16) | (at(24) << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { format: 'webp', width: (at(24) | (at(25) << 8) | (at(26) << 16)) + 1, height: (at(27) | (at(28) << 8) | (at(29) << 16)) + 1 };
  }
  return { format: 'webp' };
}

/** Reads the format and declared size of an image from its first bytes (no decoding). */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return pngHeader(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegHeader(bytes);
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return webpHeader(bytes);
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return { format: 'heic' };
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return { format: 'gif' };
  return { format: 'unknown' };
}
