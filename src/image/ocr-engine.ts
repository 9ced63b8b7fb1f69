/**
 * The OCR engine: PaddleOCR's PP-OCRv4 Chinese+English detection and recognition models on onnxruntime-node,
 * through @gutenye/ocr-node (models shipped inside the npm package, so it runs offline). Runs inside the OCR
 * worker thread (ocr-worker.ts), never on the service's event loop.
 *
 * Chosen by measurement on the generated screenshots (test/screenshots, 80 chats: five app layouts, light and
 * dark, en / zh-Hans / zh-Hant), one core (`taskset -c 0`), on this 2-core machine shared with other jobs:
 * - PaddleOCR at 544 px wide: 97.2% of the bubbles' characters read (100% en and zh-Hans, 86–92% zh-Hant,
 *   whose dictionary lacks e.g. 週 麼 錢 須 訴 帳), 1.6 s CPU per screenshot, 0.84 GB peak RSS; 1080 px wide
 *   read no more (97.2%) for 3.9 s and 1.9 GB. Installed: onnxruntime-node 45 MB of native code for linux-x64
 *   (288 MB for all platforms), models 16 MB, opencv.js 12 MB, sharp/libvips 17 MB.
 * - tesseract.js 7 + @tesseract.js-data chi_sim / chi_tra / eng (best_int): 76.9% read, 0.64 s CPU, 0.46 GB;
 *   without our own binarization it skips whole bubbles (green or blue fills, dark mode: 46–85% on LINE and
 *   WeChat dark). Installed: 44 MB core + 63 MB language data.
 * Accuracy decided it: Tesseract would need a hand-written bubble segmentation and binarization in front of it.
 * Tesseract's chi_tra does read single Traditional lines well once PaddleOCR has found and cropped them, so it
 * fills in the Traditional characters PaddleOCR's dictionary lacks (traditional-reread.ts).
 */
import '@gutenye/ocr-node';
import sharp from 'sharp';
import { isTraditionalText } from '../core/chinese-script.ts';
import { mergeReadings, paddleDictionary, traditionalRereader } from './traditional-reread.ts';

/** One line of text the engine found, with its box in the pixels of `RasterImage`. */
export interface OcrLine {
  text: string;
  /** The recognizer's mean character probability, 0–1. */
  confidence: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Decoded RGBA pixels of the image the lines were found on (the resized copy). */
export interface RasterImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Width the image is scaled to before detection (a multiple of 32, as the detector needs). Phone screenshots are
 * 1080–1290 px wide; at 544 their 16–17 pt text is still 20+ px high, and the read share was the same as at full
 * width for 40% of the time (figures above).
 */
export const OCR_WIDTH = 544;

interface LineImage {
  box: number[][];
}
interface Models {
  detection: { run(image: string): Promise<LineImage[]> };
  recognition: { run(lines: LineImage[]): Promise<Array<{ text: string; mean: number }>> };
}
interface ModelClasses {
  Detection: { create(options: object): Promise<Models['detection']> };
  Recognition: { create(options: object): Promise<Models['recognition']> };
}

let models: Promise<Models> | undefined;

/**
 * Loads both models once per thread (about 2 s), one inference thread each: the worker is the unit of
 * parallelism. The package's `Ocr.detect` merges every box of a row into one line (a bubble with the time printed
 * beside it, LINE's layout), so the two model classes are loaded from the package's build directly (importing
 * @gutenye/ocr-node above registered their Node backend) and each box is read on its own.
 */
export function loadModels(): Promise<Models> {
  models ??= (async () => {
    const { Detection, Recognition } = (await import(new URL('./models/index.js', import.meta.resolve('@gutenye/ocr-common')).href)) as ModelClasses;
    const options = { onnxOptions: { intraOpNumThreads: 1, interOpNumThreads: 1 } };
    const [detection, recognition] = await Promise.all([Detection.create(options), Recognition.create(options)]);
    return { detection, recognition };
  })();
  return models;
}

function roundTo32(value: number): number {
  return Math.max(32, Math.round(value / 32) * 32);
}

/** Decodes (EXIF orientation applied) and scales the image to OCR_WIDTH, dimensions multiples of 32. */
export async function decodeForOcr(bytes: Uint8Array, maxPixels: number): Promise<RasterImage> {
  const image = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).rotate();
  const meta = await image.metadata();
  // EXIF orientations 5–8 turn the picture by 90°: width and height swap once rotate() applies them.
  const turned = (meta.orientation ?? 1) >= 5;
  const sourceWidth = (turned ? meta.height : meta.width) ?? OCR_WIDTH;
  const sourceHeight = (turned ? meta.width : meta.height) ?? OCR_WIDTH;
  const scale = Math.min(1, OCR_WIDTH / sourceWidth);
  const width = roundTo32(sourceWidth * scale);
  const height = roundTo32(sourceHeight * scale);
  const { data, info } = await image
    .resize({ width, height, fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .ensureAlpha(1)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Finds and reads every text line of a decoded image. Each detected box is read on its own, not merged by row. */
export async function readLines(raster: RasterImage): Promise<OcrLine[]> {
  const { detection, recognition } = await loadModels();
  // The package opens images with sharp; a raw PNG (no compression) hands it the pixels at little cost.
  const png = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } }).png({ compressionLevel: 0 }).toBuffer();
  const lineImages = await detection.run(png as unknown as string); // typed as a path; sharp takes the bytes too
  const lines: OcrLine[] = [];
  for (const lineImage of lineImages) {
    const [read] = await recognition.run([lineImage]);
    if (!read || read.text.trim() === '') continue;
    const xs = lineImage.box.map((point) => point[0] as number);
    const ys = lineImage.box.map((point) => point[1] as number);
    lines.push({ text: read.text.trim(), confidence: read.mean, left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) });
  }
  lines.sort((a, b) => a.top - b.top || a.left - b.left);
  if (isTraditionalText(lines.map((line) => line.text).join('\n'))) await rereadTraditional(lines, raster);
  return lines;
}

/** Margin around a line box for the second reading, and its upscaling: Tesseract wants glyphs 30+ px high. */
const CROP_MARGIN = 4;
const CROP_SCALE = 2;

/**
 * A Traditional screenshot: each line with Chinese characters is read again by Tesseract's chi_tra on its own
 * crop (grey, 2× larger, contrast stretched; dark mode too), and gets the Traditional characters PaddleOCR
 * could not write (traditional-reread.ts).
 */
async function rereadTraditional(lines: OcrLine[], raster: RasterImage): Promise<void> {
  let reader;
  try {
    reader = await traditionalRereader();
  } catch {
    return; // without the second model the lines keep PaddleOCR's reading (≈90% of Traditional characters)
  }
  const canWrite = paddleDictionary();
  const source = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } });
  for (const line of lines) {
    if (!/\p{Script=Han}/u.test(line.text)) continue;
    const left = Math.max(0, Math.floor(line.left) - CROP_MARGIN);
    const top = Math.max(0, Math.floor(line.top) - CROP_MARGIN);
    const width = Math.min(raster.width, Math.ceil(line.right) + CROP_MARGIN) - left;
    const height = Math.min(raster.height, Math.ceil(line.bottom) + CROP_MARGIN) - top;
    if (width < 8 || height < 8) continue;
    const crop = await source.clone().extract({ left, top, width, height }).greyscale().resize({ height: height * CROP_SCALE }).normalise().png().toBuffer();
    let second: string;
    try {
      second = await reader.read(crop);
    } catch {
      return; // a failed second reading leaves this and the remaining lines as PaddleOCR read them
    }
    line.text = mergeReadings(line.text, second, (character) => canWrite.has(character));
  }
}
