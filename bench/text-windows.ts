/**
 * Windows of a long text, for the `windows` variants of bench/model-experiment.ts: a scam turn late in a long
 * chat is diluted in the whole-text score (the logit is scaled by 1/√features) and past MAX_MODEL_CHARS it is
 * not read at all, so the experiment scores a long text as the highest of its whole-text and window
 * probabilities. Measured on tune out of fold and not shipped (models/README.md: no corpus gained, the
 * long benign texts scored higher); the service scores the whole text.
 */

/** A text longer than this is also scored window by window. */
export const WINDOW_CHARS = 600;

/** Distance between window starts (windows overlap by half, so a turn across a boundary is read whole once). */
export const WINDOW_STRIDE = 300;

/** Only the first this many code units are windowed (80 windows at most), so the cost stays bounded. */
export const MAX_WINDOWED_CHARS = 24_000;

/** How far a window boundary moves to reach a line break or a space, so words are not cut. */
const SNAP_CHARS = 40;

function isBreak(code: number): boolean {
  return code === 0x0a || code === 0x20 || code === 0x0d || code === 0x09 || code === 0x3000;
}

/** The first boundary at or after `at` within SNAP_CHARS: after a line break when there is one, else after a space. */
function snap(text: string, at: number): number {
  const limit = Math.min(text.length, at + SNAP_CHARS);
  for (let index = at; index < limit; index += 1) if (text.charCodeAt(index) === 0x0a) return index + 1;
  for (let index = at; index < limit; index += 1) if (isBreak(text.charCodeAt(index))) return index + 1;
  return at;
}

/**
 * The [start, end) windows of `text`, in order; none when the text fits in one window. Pure and
 * deterministic: the same text always gives the same windows.
 */
export function textWindows(text: string): Array<[number, number]> {
  const length = Math.min(text.length, MAX_WINDOWED_CHARS);
  if (text.length <= WINDOW_CHARS) return [];
  const windows: Array<[number, number]> = [];
  for (let start = 0; start < length; ) {
    const end = Math.min(length, snap(text, start + WINDOW_CHARS));
    windows.push([start, end]);
    if (end >= length) break;
    const next = snap(text, start + WINDOW_STRIDE);
    start = next > start ? next : start + WINDOW_STRIDE;
  }
  return windows;
}
