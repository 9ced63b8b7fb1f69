import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../src/image/image-format.ts';
import { checkImageBytes, DEFAULT_IMAGE_LIMITS } from '../../src/image/image-limits.ts';

async function encoded(format: 'png' | 'jpeg' | 'webp', width: number, height: number, lossless = false): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: '#336699' } });
  if (format === 'png') return image.png().toBuffer();
  if (format === 'jpeg') return image.jpeg().toBuffer();
  return image.webp({ lossless }).toBuffer();
}

/** A PNG signature and IHDR chunk declaring `width` × `height`, with no image data: a decompression bomb's header. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

describe('image header', () => {
  it.each([
    ['png', false],
    ['jpeg', false],
    ['webp', false],
    ['webp', true],
  ] as const)('reads the dimensions of a %s (lossless %s) from its header', async (format, lossless) => {
    expect(readImageHeader(await encoded(format, 321, 654, lossless))).toEqual({ format, width: 321, height: 654 });
  });

  it('reads the dimensions of an extended WebP (VP8X, with alpha)', async () => {
    const bytes = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } }).webp().toBuffer();
    expect(readImageHeader(bytes)).toEqual({ format: 'webp', width: 300, height: 200 });
  });

  it('recognizes HEIC and AVIF by their ftyp brand, and GIF', () => {
    const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(12)]);
    expect(readImageHeader(ftyp('heic')).format).toBe('heic');
    expect(readImageHeader(ftyp('mif1')).format).toBe('heic');
    expect(readImageHeader(ftyp('avif')).format).toBe('heic');
    expect(readImageHeader(ftyp('isom')).format).toBe('unknown'); // an MP4 video
    expect(readImageHeader(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')).format).toBe('gif');
    expect(readImageHeader(Buffer.from('%PDF-1.7\n')).format).toBe('unknown');
  });
});

describe('image limits', () => {
  const limits = { maxBytes: 1_000_000, maxPixels: 4_000_000 };

  it('accepts an ordinary screenshot and says what it is', async () => {
    expect(checkImageBytes(await encoded('png', 1080, 2340), { ...limits, maxPixels: DEFAULT_IMAGE_LIMITS.maxPixels })).toEqual({ format: 'png', width: 1080, height: 2340 });
  });

  it('refuses a decompression bomb from its header, before decoding', () => {
    expect(checkImageBytes(pngHeaderOnly(50_000, 50_000), limits)).toEqual({ refused: 'too_many_pixels' });
  });

  it('refuses too many bytes, empty input, HEIC, GIF, text, and a header without dimensions', async () => {
    expect(checkImageBytes(Buffer.alloc(1_000_001), limits)).toEqual({ refused: 'too_large' });
    expect(checkImageBytes(Buffer.alloc(0), limits)).toEqual({ refused: 'empty' });
    expect(checkImageBytes(Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(20)]), limits)).toEqual({ refused: 'heic' });
    expect(checkImageBytes(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), limits)).toEqual({ refused: 'unsupported_format' });
    expect(checkImageBytes(Buffer.from('hello, this is text'), limits)).toEqual({ refused: 'unsupported_format' });
    expect(checkImageBytes((await encoded('png', 10, 10)).subarray(0, 12), limits)).toEqual({ refused: 'unsupported_format' });
  });
});
