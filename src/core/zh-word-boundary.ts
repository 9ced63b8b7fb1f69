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
/** Han characters of context segmented on each side of a hit. */
const CONTEXT = 8;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

function allHan(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!isHan(text.charCodeAt(index))) return false;
  return true;
}

/**
 * Whether a two-character end of the hit straddles two words that both reach outside it: 验资 in 体验|资格
 * (验 ends 体验, 资 starts 资格), the tail 动手 of 对移动手 in 对|移动|手机. Then the phrase was read
 * across a word boundary and means nothing. A hit that starts or ends a word of its own stays: 人质 in
 * 人|质疑 is also cut, but the same shape is 先交 in 先|交钱, a true hit, so one-sided cuts are kept.
 */
function straddlesWords(text: string, hit: Span): boolean {
  if (hit.end - hit.start < 2) return false;
  const startInside = hit.start > 0 && isHan(text.charCodeAt(hit.start - 1));
  const endInside = hit.end < text.length && isHan(text.charCodeAt(hit.end));
  if (!startInside && !endInside) return false;
  let from = hit.start;
  while (from > 0 && hit.start - from < CONTEXT && isHan(text.charCodeAt(from - 1))) from -= 1;
  let to = hit.end;
  while (to < text.length && to - hit.end < CONTEXT && isHan(text.charCodeAt(to))) to += 1;
  // Word start offsets in the window, and for each the start of the word before it.
  const starts: number[] = [];
  for (const { index } of segmenter.segment(text.slice(from, to))) starts.push(from + index);
  starts.push(to);
  const straddle = (boundary: number, leftBefore: number, rightAfter: number): boolean => {
    const at = starts.indexOf(boundary);
    if (at <= 0 || at >= starts.length - 1) return false;
    return (starts[at - 1] as number) < leftBefore && (starts[at + 1] as number) > rightAfter;
  };
  // In a longer hit only an end that is a word of its own (动手 of 对移动手) was meant as one; 检验费 in
  // 检验|费用 straddles too, but 验费 is no word, and the hit is right.
  const long = hit.end - hit.start > 2;
  if (startInside && straddle(hit.start + 1, hit.start, hit.start + 2) && (!long || isWord(text.slice(hit.start, hit.start + 2)))) return true;
  return endInside && straddle(hit.end - 1, hit.end - 2, hit.end) && (!long || isWord(text.slice(hit.end - 2, hit.end)));
}

/** Whether the segmenter reads these characters, alone, as one word. */
function isWord(characters: string): boolean {
  let count = 0;
  for (const _ of segmenter.segment(characters)) count += 1;
  return count === 1;
}

/**
 * Drops short Chinese hits whose ends fall inside a word: 验资 inside 体验资格 (体验|资格), 对…动手 read
 * into 对移动手机 (…|手机|…). Only hits of at most MAX_CHECKED_HAN Han characters with a Han character
 * right before or after them are segmented, and only CONTEXT characters around them, so most texts cost
 * nothing. Measured on the tune split of the Chinese eval corpus: see the cost in the comment below.
 */
export function keepWholeWordHits<T extends Span>(text: string, hits: readonly T[]): T[] {
  const kept: T[] = [];
  for (const hit of hits) {
    const short = hit.end - hit.start <= MAX_CHECKED_HAN && allHan(text, hit.start, hit.end);
    if (!short || !straddlesWords(text, hit)) kept.push(hit);
  }
  return kept;
}
