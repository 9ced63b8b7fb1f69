/** A matcher hit, in offsets of the text it was found in. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Longest all-Han hit that is checked. Measured on the tune split (teleantifraud-zh, and the zh rows of
 * ../shared/train): with the straddle test below, limits 2, 4 and 8 drop the same 12 hits (10 in benign
 * zh-sms-spam-80w rows such as 人质 in 人质疑, 民警 in 人民警察; 2 true 先交 hits); 8 also catches 对移动手.
 * A plain "both ends on a segment boundary" test instead dropped 474 hits at 8 (公安 of 公安局, 提供身份证号
 * of 身份证号码) and one more scam even at 3, so it was not used.
 */
export const MAX_CHECKED_HAN = 8;
/** Characters of context segmented on the side of a hit that is checked. */
const CONTEXT = 4;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

function allHan(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!isHan(text.charCodeAt(index))) return false;
  return true;
}

/** One hit to test: which of its ends, and the window of text around them that is segmented. */
interface Check {
  hit: Span;
  checkStart: boolean;
  checkEnd: boolean;
  from: number;
  to: number;
}

/** What has to be segmented to test this hit, or undefined when neither end can straddle two words. */
function planCheck(text: string, hit: Span): Check | undefined {
  if (hit.end - hit.start < 2) return undefined;
  // In a longer hit only an end that is a word of its own (动手 of 对移动手) was meant as one; 检验费 in
  // 检验|费用 straddles too, but 验费 is no word, and the hit is right.
  const long = hit.end - hit.start > 2;
  const checkStart = hit.start > 0 && isHan(text.charCodeAt(hit.start - 1)) && (!long || isWord(text.slice(hit.start, hit.start + 2)));
  const checkEnd = hit.end < text.length && isHan(text.charCodeAt(hit.end)) && (!long || isWord(text.slice(hit.end - 2, hit.end)));
  if (!checkStart && !checkEnd) return undefined;
  const from = Math.max(0, (checkStart ? hit.start : hit.end - 2) - CONTEXT);
  const to = Math.min(text.length, (checkEnd ? hit.end : hit.start + 2) + CONTEXT);
  return { hit, checkStart, checkEnd, from, to };
}

/**
 * Whether a two-character end of the hit straddles two words that both reach outside it: 验资 in 体验|资格
 * (验 ends 体验, 资 starts 资格), the tail 动手 of 对移动手 in 对|移动|手机. Then the phrase was read
 * across a word boundary and means nothing. A hit that starts or ends a word of its own stays: 人质 in
 * 人|质疑 is also cut, but the same shape is 先交 in 先|交钱, a true hit, so one-sided cuts are kept.
 * `relative` are the word starts in the check's window, relative to check.from, as windowCache holds them (the
 * window's end counts as the start after the last).
 */
function straddles(check: Check, relative: readonly number[]): boolean {
  const { hit, from, to } = check;
  // Word start i of the window, the window's end after the last.
  const startAt = (index: number): number => (index < relative.length ? from + (relative[index] as number) : to);
  const count = relative.length + 1;
  const straddle = (boundary: number, leftBefore: number, rightAfter: number): boolean => {
    let at = -1;
    for (let index = 0; index < count; index += 1) {
      if (startAt(index) === boundary) {
        at = index;
        break;
      }
    }
    if (at <= 0 || at >= count - 1) return false;
    return startAt(at - 1) < leftBefore && startAt(at + 1) > rightAfter;
  };
  if (check.checkStart && straddle(hit.start + 1, hit.start, hit.start + 2)) return true;
  return check.checkEnd && straddle(hit.end - 1, hit.end - 2, hit.end);
}

const wordCache = new Map<string, boolean>();

/**
 * Word starts (relative to the window) of windows already segmented: the segmenter's fixed cost (~21 µs a
 * call, ~49 µs with the walk over a 20-character window, Node 24) was about an eighth of a Chinese check, and
 * the same phrases come back with the same few characters around them. Bounded like `wordCache`; held in
 * memory only, never logged, and each entry is at most 2 × CONTEXT + MAX_CHECKED_HAN characters.
 */
const windowCache = new Map<string, number[]>();
const MAX_CACHED_WINDOWS = 20_000;

/** Whether the segmenter reads these characters, alone, as one word. */
function isWord(characters: string): boolean {
  const known = wordCache.get(characters);
  if (known !== undefined) return known;
  let count = 0;
  for (const _ of segmenter.segment(characters)) count += 1;
  if (wordCache.size < 20_000) wordCache.set(characters, count === 1);
  return count === 1;
}

/**
 * Drops short Chinese hits whose ends fall inside a word: 验资 inside 体验资格 (体验|资格), 对…动手 read
 * into 对移动手机 (…|手机|…), using Node's built-in Intl.Segmenter (ICU's dictionary, word granularity).
 * Only all-Han hits of at most MAX_CHECKED_HAN characters with a Han character right before or after them
 * are tested, and only CONTEXT characters around them are segmented, in at most one call per text (none when every window was seen before); other texts cost
 * nothing. Cost measured on the tune split of teleantifraud-zh (461 characters and 2.7 such hits per text on
 * average): 70–130 µs per text, against 150–300 µs for the matcher on the same texts in the same run (a
 * shared 2-core machine). One segmenter call costs about 25 µs however short its text, hence the batching.
 */
export function keepWholeWordHits<T extends Span>(text: string, hits: readonly T[]): T[] {
  const checks: Check[] = [];
  for (const hit of hits) {
    if (hit.end - hit.start > MAX_CHECKED_HAN || !allHan(text, hit.start, hit.end)) continue;
    const check = planCheck(text, hit);
    if (check) checks.push(check);
  }
  if (checks.length === 0) return hits.slice();
  // Word starts of each window relative to its start, from the cache (the usual case: the same phrases come back
  // with the same characters around them), else from the segmenter below.
  const keys = checks.map((check) => text.slice(check.from, check.to));
  const relative: (readonly number[] | undefined)[] = keys.map((key) => windowCache.get(key));
  const missing: number[] = [];
  relative.forEach((starts, index) => {
    if (starts === undefined) missing.push(index);
  });
  if (missing.length > 0) {
    // One segmenter call for the windows not seen before (a call costs ~25 µs however short the text), joined
    // by line breaks, which always end a word, so each window segments as it would alone.
    let joined = '';
    const offsets: number[] = [];
    const found: number[][] = [];
    for (const index of missing) {
      offsets.push(joined.length);
      found.push([]);
      joined += `${keys[index] as string}\n`;
    }
    let window = 0;
    for (const { index } of segmenter.segment(joined)) {
      while (window + 1 < missing.length && index >= (offsets[window + 1] as number)) window += 1;
      const check = checks[missing[window] as number] as Check;
      const at = index - (offsets[window] as number);
      if (check.from + at < check.to) (found[window] as number[]).push(at);
    }
    missing.forEach((index, window) => {
      relative[index] = found[window];
      if (windowCache.size < MAX_CACHED_WINDOWS) windowCache.set(keys[index] as string, found[window] as number[]);
    });
  }
  let dropped: Set<Span> | undefined;
  for (let index = 0; index < checks.length; index += 1) {
    const check = checks[index] as Check;
    if (straddles(check, relative[index] as readonly number[])) (dropped ??= new Set()).add(check.hit);
  }
  return dropped === undefined ? hits.slice() : hits.filter((hit) => !dropped.has(hit));
}
