import { createRequire } from 'node:module';

type Convert = (text: string) => string;
let converter: Convert | undefined;

/**
 * OpenCC's Simplified → Traditional converter with Taiwan phrasing (软件 → 軟體, 短信 → 簡訊, 账户 → 帳戶), built
 * on first use from its character table and its Taiwan tables. OpenCC's general phrase table (STPhrases,
 * 984 KB) is left out: building it took 550–770 ms of CPU, blocking the event loop (a Discord start-up
 * registering its zh-TW command names timed out behind it), against 43 ms without it. Its choices for
 * Safeword's own strings were compared once: 36 spots differed, and the ones that read wrongly without it
 * (复制 → 複製, 联系 → 聯絡, 分钟 → 分鐘, …) are in {@link TRADITIONAL_FIXES}.
 */
function convert(text: string): string {
  if (!converter) {
    const require = createRequire(import.meta.url);
    const table = (name: string): string => (require(`opencc-js/dict/${name}`) as { default: string }).default;
    const { ConverterFactory } = require('opencc-js/core') as { ConverterFactory: (...dicts: string[][][]) => Convert };
    converter = ConverterFactory([[table('STCharacters')]], [[table('TWPhrases')], [table('TWVariants')]]);
  }
  return converter(text);
}

/**
 * Phrases OpenCC converts wrongly in Safeword's own texts (found by converting every zh locale and advice
 * string and reading the result; test/core/traditional.test.ts keeps the list checked), each as
 * [OpenCC's output, the Traditional text to show]. Taiwan usage where it matters to a reader.
 */
export const TRADITIONAL_FIXES: readonly (readonly [string, string])[] = [
  // 并 as "and" before 发送 read as 并发 "concurrency".
  ['併發送', '並傳送'],
  // 频道里 / 群里: 里 as "inside" is 裡.
  ['頻道里', '頻道裡'],
  // Taiwan writes 帳 for accounts and transfers (帳戶, 轉帳, 帳號), and 透過 for "by means of".
  ['賬', '帳'],
  ['通過', '透過'],
  // One Simplified character for two Traditional ones, picked by the phrase table OpenCC's full converter has.
  ['復制', '複製'],
  ['復核', '複核'],
  ['聯系', '聯絡'],
  ['分鍾', '分鐘'],
  ['日志', '日誌'],
  ['了解', '瞭解'],
  // 回复 "reply" is 回覆; 回復 means "recover".
  ['回復', '回覆'],
  // 挂断 "hang up" (Taiwan's phrase table makes it "end the call").
  ['結束通話電話', '掛斷電話'],
  // Technical terms Taiwan says otherwise.
  ['二進位制', '二進位'],
  ['國家/地區程式碼', '國家/地區代碼'],
  ['許可權', '權限'],
  ['純文本', '純文字'],
  ['文本檔案', '文字檔案'],
  ['逐行文本', '逐行文字'],
  // Everyday words: ID card, hotel.
  ['身份證', '身分證'],
  ['酒店', '飯店'],
];

/** Converts Simplified Chinese to Traditional (Taiwan), with the phrase fixes. Not cached: for texts that vary. */
export function toTraditional(text: string): string {
  let converted = convert(text);
  for (const [wrong, right] of TRADITIONAL_FIXES) if (converted.includes(wrong)) converted = converted.replaceAll(wrong, right);
  return converted;
}

const cache = new Map<string, string>();

/** {@link toTraditional} for Safeword's own texts (locales and advice): each string is converted once and kept. */
export function traditionalOf(text: string): string {
  let converted = cache.get(text);
  if (converted === undefined) {
    converted = toTraditional(text);
    cache.set(text, converted);
  }
  return converted;
}

/** Builds the converter now (a server calls this once it is listening, so the first Traditional reply is quick). */
export function warmTraditional(): void {
  convert('');
}
