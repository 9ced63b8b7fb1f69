/**
 * Chat screenshot layout: which OCR lines are bubbles, which bubble each belongs to, and whose bubble it is.
 *
 * Every chat app draws a bubble as a filled shape on the chat background, the other party's against the left
 * edge and the user's against the right. So a line is sampled just outside its box: on the background colour it
 * is screen furniture (status bar, title on a plain header, timestamps, "Read"/"Delivered", LINE's times beside a
 * bubble); on a fill that spans the whole width it is a bar (a coloured header, the input bar); otherwise it is
 * in a bubble, whose edges are found by walking the row outwards while the fill lasts. Lines of one bubble share
 * the fill, an edge, and have no background between them. Pure: pixels and boxes in, turns out.
 */
import type { OcrLine, RasterImage } from './ocr-engine.ts';

/** Whose bubble: the other party's (left, the caller role of a transcript) or the phone owner's (right). */
export type BubbleSpeaker = 'other' | 'user';

/** One bubble's text, in reading order. */
export interface Bubble {
  speaker: BubbleSpeaker;
  text: string;
  top: number;
  bottom: number;
}

type Color = readonly [number, number, number];

/** Colours closer than this (sum of channel differences) are the same fill: antialiasing and JPEG noise stay below. */
const SAME_COLOR = 30;

function pixel(image: RasterImage, x: number, y: number): Color {
  const cx = Math.min(image.width - 1, Math.max(0, Math.round(x)));
  const cy = Math.min(image.height - 1, Math.max(0, Math.round(y)));
  const index = (cy * image.width + cx) * 4;
  return [image.data[index] ?? 0, image.data[index + 1] ?? 0, image.data[index + 2] ?? 0];
}

function distance(a: Color, b: Color): number {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]);
}

/** The most frequent colour among samples, by 16-level buckets, returned as the bucket's first sample. */
function dominant(samples: readonly Color[]): Color {
  const counts = new Map<number, { count: number; color: Color }>();
  for (const color of samples) {
    const key = ((color[0] >> 4) << 8) | ((color[1] >> 4) << 4) | (color[2] >> 4);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { count: 1, color });
  }
  let best: { count: number; color: Color } | undefined;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.color ?? [255, 255, 255];
}

/** The chat background: the commonest colour on a grid over the middle of the screen (bars excluded). */
export function backgroundColor(image: RasterImage): Color {
  const samples: Color[] = [];
  for (let y = image.height * 0.15; y < image.height * 0.85; y += image.height / 60) {
    for (let x = 2; x < image.width; x += image.width / 40) samples.push(pixel(image, x, y));
  }
  return dominant(samples);
}

/** The colour around a line's box: points a few pixels outside each side. */
function fillAround(image: RasterImage, line: OcrLine): Color {
  const gap = Math.max(3, Math.round((line.bottom - line.top) * 0.25));
  const samples: Color[] = [];
  const middle = (line.top + line.bottom) / 2;
  for (const y of [line.top + 2, middle, line.bottom - 2]) {
    samples.push(pixel(image, line.left - gap, y), pixel(image, line.right + gap, y));
  }
  for (let step = 0; step <= 4; step++) {
    const x = line.left + ((line.right - line.left) * step) / 4;
    samples.push(pixel(image, x, line.top - gap), pixel(image, x, line.bottom + gap));
  }
  return dominant(samples);
}

/** Walks from `x` along row `y` while the colour stays `fill`; returns the last x that had it. */
function walk(image: RasterImage, x: number, y: number, step: -1 | 1, fill: Color): number {
  let current = x;
  let misses = 0;
  for (let next = x; next >= 0 && next < image.width; next += step) {
    if (distance(pixel(image, next, y), fill) <= SAME_COLOR) {
      current = next;
      misses = 0;
    } else if (++misses > 3) break; // a glyph or an antialiased corner pixel is not the bubble's edge
  }
  return current;
}

/** Lines that are only a time or a delivery receipt: WhatsApp prints the time inside the bubble. */
const TIME_OR_RECEIPT = /^(?:(?:上午|下午|晚上|凌晨)?\s*\d{1,2}\s*[:：.]\s*\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[✓✔√]+)?|read|delivered|seen|sent|已读|已讀|已送达|已送達|已读\s*\d+|已讀\s*\d+)$/i;

export interface Placed {
  line: OcrLine;
  fill: Color;
  left: number;
  right: number;
}

function joinLines(previous: string, next: string): string {
  // Latin words wrapped over two lines need a space back; Chinese lines join directly.
  return /[\p{Script=Latin}\d,.!?;:'")]$/u.test(previous) && /^[\p{Script=Latin}\d("'$£€]/u.test(next) ? `${previous} ${next}` : `${previous}${next}`;
}

/**
 * The lines that may be in a bubble, each with the fill around it and its bubble's edges: not a time or receipt,
 * not on the input bar, not on the chat background (status bar, title, timestamps), not on a full-width bar.
 */
export function placeLines(lines: readonly OcrLine[], image: RasterImage): Placed[] {
  const background = backgroundColor(image);
  // On a whole phone screen (taller than 1.7 × wide), the bottom 7.5% is the input bar: its text field looks
  // like a bubble and may hold a placeholder ("Message", "iMessage"). A cropped picture keeps its last line.
  const inputBarTop = image.height > image.width * 1.7 ? image.height * 0.925 : image.height;
  const placed: Placed[] = [];
  for (const line of lines) {
    if (TIME_OR_RECEIPT.test(line.text.trim())) continue;
    if ((line.top + line.bottom) / 2 > inputBarTop) continue;
    const fill = fillAround(image, line);
    if (distance(fill, background) <= SAME_COLOR) continue;
    const middle = Math.round((line.top + line.bottom) / 2);
    const gap = Math.max(3, Math.round((line.bottom - line.top) * 0.25));
    const left = walk(image, line.left - gap, middle, -1, fill);
    const right = walk(image, line.right + gap, middle, 1, fill);
    // A fill at both ends of the row is a bar (a coloured header, the input bar), not a bubble: bubbles keep a margin.
    if (distance(pixel(image, 1, middle), fill) <= SAME_COLOR && distance(pixel(image, image.width - 2, middle), fill) <= SAME_COLOR) continue;
    placed.push({ line, fill, left, right });
  }
  return placed;
}

/** Groups OCR lines into chat bubbles and tells whose each is; everything outside bubbles is left out. */
export function groupBubbles(lines: readonly OcrLine[], image: RasterImage): Bubble[] {
  const background = backgroundColor(image);
  const placed = placeLines(lines, image);
  placed.sort((a, b) => a.line.top - b.line.top);

  const bubbles: Array<Bubble & { fill: Color; left: number; right: number; lastBottom: number }> = [];
  for (const item of placed) {
    const last = bubbles.at(-1);
    const height = item.line.bottom - item.line.top;
    const tolerance = image.width * 0.03;
    const sameBubble =
      last !== undefined &&
      distance(last.fill, item.fill) <= SAME_COLOR &&
      (Math.abs(last.left - item.left) <= tolerance || Math.abs(last.right - item.right) <= tolerance) &&
      item.line.top - last.lastBottom < height * 1.2 &&
      // No background between the two lines: the gap between bubbles shows the chat background.
      distance(pixel(image, (item.left + item.right) / 2, (last.lastBottom + item.line.top) / 2), background) > SAME_COLOR;
    if (sameBubble && last) {
      last.text = joinLines(last.text, item.line.text);
      last.lastBottom = item.line.bottom;
      last.bottom = item.line.bottom;
      last.left = Math.min(last.left, item.left);
      last.right = Math.max(last.right, item.right);
    } else {
      bubbles.push({ speaker: 'other', text: item.line.text, top: item.line.top, bottom: item.line.bottom, fill: item.fill, left: item.left, right: item.right, lastBottom: item.line.bottom });
    }
  }
  return bubbles.map(({ text, top, bottom, left, right }) => ({
    // The side it hugs: the other party's bubbles start at the left margin, the user's end at the right one.
    speaker: left < image.width - 1 - right ? 'other' : 'user',
    text,
    top,
    bottom,
  }));
}
