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
 * fills in the Traditional characters PaddleOCR's dictionary lacks (traditional-reread.ts), and its spa model the
 * Spanish accents, ñ, ¿ and ¡ (spanish-reread.ts).
 *
 * Where the time went (CPU per phone screenshot, 1.37 s): the package's JavaScript around the models 0.6 s
 * (imageToInput 0.53, decodeText 0.07, detection's PNG round trip and threshold 0.07), the detector 0.16, the
 * recognizer 0.25, sharp 0.1, Tesseract 0.6 per Traditional screenshot. With the first replaced here
 * (planarInput, ctcDecode, detectLines: the same lines, texts and boxes on all 80 screenshots) and only the
 * lines that can gain read again by Tesseract: 0.80 s mean, p90 1.09 s (`npm run bench:ocr`, all 80, same run:
 * 1.52 s and 2.0 s before).
 */
import { ImageRawBase } from '@gutenye/ocr-node';
import { splitIntoLineImages } from '@gutenye/ocr-common/splitIntoLineImages';
import sharp from 'sharp';
import { isTraditionalText } from '../core/chinese-script.ts';
import { detectLanguage } from '../core/language.ts';
import { placeLines } from './bubbles.ts';
import type { LineRereader } from './line-rereader.ts';
import { markedFormClasses, mayGainFromSpanishReread, mergeSpanishReadings, questionsAhead, spanishRereader } from './spanish-reread.ts';
import { lineEvidence, markPastEnd, mayGainFromReread, mergeReadings, paddleDictionary, paddleKeys, traditionalRereader } from './traditional-reread.ts';

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

/** A resizable line crop (the package's ImageRaw on sharp). */
interface LineCrop extends PixelImage {
  resize(size: { height: number }): Promise<PixelImage>;
}
interface LineImage {
  box: number[][];
  image: LineCrop;
}
/** RGBA pixels as the package hands them to `imageToInput`. */
interface PixelImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}
/** The model input `imageToInput` returns: planar B, G, R values in 0–1. */
interface ModelData {
  data: ArrayLike<number>;
  width: number;
  height: number;
}
/** A model's output tensor: the recognizer's dims are [1, steps, classes] (class 0 the CTC blank). */
export interface ModelOutput {
  data: Float32Array;
  dims: readonly number[];
}
interface Model {
  imageToInput(image: PixelImage, options: object): ModelData;
  runModel(input: { modelData: ModelData }): Promise<ModelOutput>;
}
interface ModelClasses {
  Detection: { create(options: object): Promise<Models['detection']> };
  Recognition: { create(options: object): Promise<Models['recognition']> };
}
interface Models {
  detection: Model;
  recognition: Model;
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

/**
 * The models' input, as the package's `ModelBase.imageToInput` builds it (planar B, G, R, each value / 255; the
 * package passes mean 0 and std 1), written into one Float32Array. The package pushes every value into three JS
 * arrays and spreads them into a fourth: 440 ms of the 1.37 s CPU a phone screenshot took (detection input
 * 544 × 1184), 94 ms more over its recognition lines. Same values, so the same readings.
 */
function planarInput(image: PixelImage): ModelData {
  const { data, width, height } = image;
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  for (let pixel = 0, i = 0; pixel < plane; pixel++, i += 4) {
    out[pixel] = (data[i + 2] as number) / 255;
    out[plane + pixel] = (data[i + 1] as number) / 255;
    out[2 * plane + pixel] = (data[i] as number) / 255;
  }
  return { data: out, width, height };
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

/** Height the recognizer reads a line at (the package's choice: 48 px read better than 40). */
export const LINE_HEIGHT = 48;
/** A line whose mean character probability is lower is noise (the package's own cut-off). */
const MIN_LINE_CONFIDENCE = 0.5;

let classes: string[] | undefined;
let probes: ClassProbes | undefined;

/** The recognizer's classes after the blank: its dictionary, then a space (as the package builds it). */
function recognizerClasses(): string[] {
  classes ??= [...paddleKeys(), ' '];
  return classes;
}

/** One line as the recognizer read it: text, mean character probability, and where each character was written. */
export interface Recognized {
  text: string;
  mean: number;
  /** The step at which each character of `text` was written, and the number of steps (the line's width). */
  positions: number[];
  steps: number;
  /** Steps one line height spans. */
  stepsPerCell: number;
  /**
   * For each character of `text`, the recognizer's runner-up there: the best other non-blank class at the step it
   * was written, and its probability ('' and 0 for none).
   */
  runnerUps: string[];
  runnerUpScores: number[];
  /**
   * For each character of `text`, the best probability the recognizer gave there to one of the classes `probes`
   * names for the class it wrote (the Spanish marked forms of a plain letter, á under a: markedFormClasses), 0
   * for a character without probes.
   */
  probeScores: number[];
}

/** Written class → classes whose scores ctcDecode records at that step (class ids: 0 the blank, k + 1 labels[k]). */
export type ClassProbes = ReadonlyMap<number, readonly number[]>;
const NO_PROBES: ClassProbes = new Map();

/**
 * Greedy CTC decoding, as the package's `decodeText` does it (best class per step; blanks and repeats dropped),
 * over the typed output directly: the package copies every step's 6,625 scores into a new array first, 73 ms per
 * screenshot. `inputWidth` is the width of the line image, LINE_HEIGHT high, the output was computed from.
 */
export function ctcDecode(output: ModelOutput, labels: readonly string[], inputWidth: number, probes: ClassProbes = NO_PROBES): Recognized {
  const [, steps = 0, width = 0] = output.dims;
  const scores = output.data;
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  const positions: number[] = [];
  const runnerUps: string[] = [];
  const runnerUpScores: number[] = [];
  const probeScores: number[] = [];
  for (let step = 0; step < steps; step++) {
    const base = step * width;
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < width; k++) {
      const score = scores[base + k] as number;
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) {
      text += labels[best - 1] ?? '';
      positions.push(step);
      sum += bestScore;
      count++;
      // The runner-up: the best non-blank class other than the one written (a second scan, on written steps only).
      let second = 0;
      let secondScore = Number.NEGATIVE_INFINITY;
      for (let k = 1; k < width; k++) {
        const score = scores[base + k] as number;
        if (k !== best && score > secondScore) {
          secondScore = score;
          second = k;
        }
      }
      runnerUps.push(second === 0 ? '' : (labels[second - 1] ?? ''));
      runnerUpScores.push(second === 0 ? 0 : secondScore);
      let probed = 0;
      for (const k of probes.get(best) ?? []) probed = Math.max(probed, scores[base + k] as number);
      probeScores.push(probed);
    }
    previous = best;
  }
  return { text, mean: count === 0 ? 0 : sum / count, positions, steps, stepsPerCell: (steps * LINE_HEIGHT) / Math.max(1, inputWidth), runnerUps, runnerUpScores, probeScores };
}

/** Finds and reads every text line of a decoded image. Each detected box is read on its own, not merged by row. */
export async function readLines(raster: RasterImage): Promise<OcrLine[]> {
  const lines = await paddleLines(raster);
  const text = lines.map((line) => line.text).join('\n');
  if (isTraditionalText(text)) await rereadTraditional(lines, raster);
  else if (detectLanguage(text) === 'es') await rereadSpanish(lines, raster);
  return lines;
}

/** A pixel of the detector's probability map above this is text (the package's threshold). */
const TEXT_THRESHOLD = 0.03;

/**
 * The line boxes and their crops: what the package's `Detection.run` does, from the decoded pixels. The package
 * takes a file (we handed it an uncompressed PNG to decode again), resizes it to the size it already has, and
 * thresholds the map through an entries() iterator: 70 ms of the 230 ms detection took per screenshot, the model
 * 160. The boxes are found and cut out by the package's own `splitIntoLineImages`.
 */
async function detectLines(detection: Model, raster: RasterImage): Promise<LineImage[]> {
  const output = await detection.runModel({ modelData: planarInput(raster) });
  const [, , height = 0, width = 0] = output.dims;
  const map = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const value = (output.data[pixel] as number) > TEXT_THRESHOLD ? 255 : 0;
    map[pixel * 4] = value;
    map[pixel * 4 + 1] = value;
    map[pixel * 4 + 2] = value;
    map[pixel * 4 + 3] = 255;
  }
  const boxes = await splitIntoLineImages(new ImageRawBase({ data: map, width, height }), new ImageRawBase(raster));
  // Each crop is the package's Node ImageRaw (on sharp), which can resize.
  return boxes as unknown as LineImage[];
}

/** PaddleOCR's lines, top to bottom, each with what the recognizer made of it. */
export async function paddleLines(raster: RasterImage): Promise<Array<OcrLine & { recognized: Recognized }>> {
  const { detection, recognition } = await loadModels();
  const lineImages = await detectLines(detection, raster);
  const labels = recognizerClasses();
  probes ??= markedFormClasses(labels);
  const lines: Array<OcrLine & { recognized: Recognized }> = [];
  for (const lineImage of lineImages) {
    const input = planarInput(await lineImage.image.resize({ height: LINE_HEIGHT }));
    const recognized = ctcDecode(await recognition.runModel({ modelData: input }), labels, input.width, probes);
    const text = recognized.text.trim();
    if (recognized.mean < MIN_LINE_CONFIDENCE || text === '') continue;
    const xs = lineImage.box.map((point) => point[0] as number);
    const ys = lineImage.box.map((point) => point[1] as number);
    lines.push({ text, confidence: recognized.mean, left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys), recognized });
  }
  lines.sort((a, b) => a.top - b.top || a.left - b.left);
  return lines;
}

/** Margin around a line box for the second reading, and its upscaling: Tesseract wants glyphs 30+ px high. */
const CROP_MARGIN = 4;
const CROP_SCALE = 2;
/**
 * Latin lines are read again at their own size: on the 20 Spanish screenshots 1× read the same 99.8% of the
 * characters as 2× (Tesseract's LSTM scales each line to its own height anyway), for about 15% less CPU.
 */
const SPANISH_CROP_SCALE = 1;

/**
 * A Traditional screenshot: each line with Chinese characters that may gain is read again by Tesseract's chi_tra
 * on its own crop, and gets the Traditional characters PaddleOCR could not write, the ones it dropped where its
 * line has a character-wide hole, and the ones it nearly wrote (traditional-reread.ts). A line with a small mark
 * just past its box (a centred "。" the detector left out) is read again with the crop reaching past the mark.
 */
async function rereadTraditional(lines: Array<OcrLine & { recognized: Recognized }>, raster: RasterImage): Promise<number> {
  const canWrite = paddleDictionary();
  return rereadLines(
    lines,
    raster,
    traditionalRereader,
    (line) => {
      if (!/\p{Script=Han}/u.test(line.text)) return undefined;
      const past = markPastEnd(raster, line);
      return past !== undefined ? { right: past } : mayGainFromReread(line.recognized) ? { right: line.right } : undefined;
    },
    (first, second, line) => mergeReadings(first, second, (character) => canWrite.has(character), lineEvidence(line.recognized)),
  );
}

/**
 * A Spanish screenshot: each bubble line whose PaddleOCR reading shows it may have written a plain letter for a
 * marked one, or that is part of a question or exclamation (an opening ¿ ¡ to put back), is read again by
 * Tesseract's spa (spanish-reread.ts).
 */
async function rereadSpanish(lines: Array<OcrLine & { recognized: Recognized }>, raster: RasterImage): Promise<number> {
  // Only lines of bubbles: the status bar, the title and the input bar's placeholder are left out of the text anyway.
  const placed = new Set(placeLines(lines, raster).map((entry) => entry.line));
  const inBubbles = lines.filter((line) => placed.has(line));
  const ahead = questionsAhead(inBubbles.map((line) => line.text));
  const chosen = new Set(inBubbles.filter((line, index) => mayGainFromSpanishReread(line.recognized, ahead[index] ?? true)));
  return rereadLines(
    lines,
    raster,
    spanishRereader,
    (line) => (chosen.has(line) ? { right: line.right } : undefined),
    mergeSpanishReadings,
    SPANISH_CROP_SCALE,
  );
}

/**
 * The crop a line is read again on: its box (to `right`) with a margin, grey, `scale` × larger, contrast stretched,
 * as a binary PGM (8-bit grey pixels behind a 15-byte header), which Tesseract's Leptonica reads as it is. It was
 * a PNG: sharp compressed each crop and Leptonica decompressed it again, for the same pixels (all 342 crops of the
 * 50 Traditional screenshots read the same text either way); PGM took 11% off Tesseract's CPU per line
 * (15.3 → 13.6 s for the 342, one core), and sharp's PNG encoding.
 */
export async function lineCrop(source: sharp.Sharp, raster: RasterImage, line: OcrLine, right: number, scale: number): Promise<Buffer | undefined> {
  const left = Math.max(0, Math.floor(line.left) - CROP_MARGIN);
  const top = Math.max(0, Math.floor(line.top) - CROP_MARGIN);
  const width = Math.min(raster.width, Math.ceil(right) + CROP_MARGIN) - left;
  const height = Math.min(raster.height, Math.ceil(line.bottom) + CROP_MARGIN) - top;
  if (width < 8 || height < 8) return undefined;
  const { data, info } = await source
    .clone()
    .extract({ left, top, width, height })
    .greyscale()
    .resize({ height: Math.round(height * scale) })
    .normalise()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return greyPgm(data, info.width, info.height, info.channels, darkOnLight);
}

/**
 * A crop darker than mid-grey on average (a dark-mode bubble: light text on a dark fill) is handed to Tesseract
 * inverted, dark text on light. Tesseract reads a line whose first pass is unsure a second time inverted and keeps
 * the surer reading (tessedit_do_invert); on dark crops its first pass was nearly always the unsure one, so each
 * was read twice. Inverted here, the 342 crops of the 50 Traditional screenshots took 38% less of Tesseract's CPU
 * (18.6 → 11.6 s, one core) and 4 read differently, none in a bubble's text (LINE's 已讀 receipt, twice read 已店
 * and 已读 before); the extracted text of all 70 zh-Hant and es screenshots is the same. An unsure first pass is
 * still read again the other way round.
 */
function darkOnLight(grey: Uint8Array): void {
  let sum = 0;
  for (const value of grey) sum += value;
  if (sum < grey.length * 128) for (let i = 0; i < grey.length; i++) grey[i] = 255 - (grey[i] as number);
}

/**
 * A binary PGM (P5) of the first channel of `channels`-channel pixels (grey, or grey and alpha), its grey values
 * passed through `adjust` first when given.
 */
export function greyPgm(data: Uint8Array, width: number, height: number, channels: number, adjust?: (grey: Uint8Array) => void): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.alloc(header.length + width * height);
  header.copy(out);
  if (channels === 1) out.set(data.subarray(0, width * height), header.length);
  else for (let pixel = 0; pixel < width * height; pixel++) out[header.length + pixel] = data[pixel * channels] as number;
  adjust?.(out.subarray(header.length));
  return out;
}

/**
 * Reads each line `select` picks again with a second recognizer on its own crop (to the right end it gives; grey,
 * 2× larger, contrast stretched; dark mode too) and merges the two readings. Without the second model, or after a
 * failed second reading, the lines keep PaddleOCR's reading. Returns how many lines were read again.
 */
async function rereadLines(
  lines: Array<OcrLine & { recognized: Recognized }>,
  raster: RasterImage,
  load: () => Promise<LineRereader>,
  select: (line: OcrLine & { recognized: Recognized }) => { right: number } | undefined,
  merge: (first: string, second: string, line: OcrLine & { recognized: Recognized }) => string,
  scale = CROP_SCALE,
): Promise<number> {
  let reader;
  try {
    reader = await load();
  } catch {
    return 0;
  }
  const source = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } });
  let reread = 0;
  for (const line of lines) {
    const chosen = select(line);
    if (!chosen) continue;
    const crop = await lineCrop(source, raster, line, chosen.right, scale);
    if (!crop) continue;
    let second: string;
    try {
      second = await reader.read(crop);
    } catch {
      return reread; // a failed second reading leaves this and the remaining lines as PaddleOCR read them
    }
    reread++;
    line.text = merge(line.text, second, line);
  }
  return reread;
}
