/**
 * Taiwan (and Hong Kong) words that OpenCC's character conversion leaves as they are, read as the mainland
 * word, so one rule written with 登录 also reads 登入 and one written with 点击 also reads 點選. normalize()
 * applies this after the character folding, so every key is written the way the character folding leaves it
 * (視訊 → 视讯, a key; 帳號 → 账号 already). OpenCC's own phrase tables (tw → cn with phrases) were not used:
 * they also rewrite words that are not variants and change lengths (so the offset map would need a second
 * map), and they come as a converter built per call on whole strings, not a table over the folded units.
 *
 * Every value has the length of its key, so the fold rewrites units in place and each output unit keeps its
 * original offsets: a quote still shows 點選 where the rule read 点击. A key mapped to itself is an exception
 * kept as it is (著名, 显著: the 著 of 'famous, notable' is not the 著 of 跟著 = 跟着).
 */
const VARIANT_WORDS: Readonly<Record<string, string>> = {
  // Logging in, clicking, links and messages.
  登入: '登录',
  点选: '点击',
  点按: '点击',
  连结: '链接',
  简讯: '短信',
  讯息: '信息',
  资讯: '信息',
  私讯: '私信',
  传送: '发送',
  联络: '联系',
  电邮: '邮件',
  认证码: '验证码',
  // Video, software, networks, screens.
  视讯: '视频',
  影片: '视频',
  软体: '软件',
  程式: '程序',
  网路: '网络',
  线上: '在线',
  远端: '远程',
  萤幕: '屏幕',
  伺服器: '服务器',
  // Accounts and money (帐 → 账 is a character fold, see confusables.ts).
  储值: '充值',
  提款机: '取款机',
  行动支付: '移动支付',
  拨款: '放款',
  诈欺: '诈骗',
  // Phone numbers, hotlines, shops, delivery.
  门号: '号码',
  专线: '热线',
  门市: '门店',
  宅配: '快递',
  网拍: '网购',
  // Grammar words.
  透过: '通过',
  回覆: '回复',
  // Not 身分 → 身份: tried, it made a bank's notice on ID checks for cash deposits (身分證號碼) read as an
  // identity request beside 匯款 (Cofacts tune FPR@medium 0 → 1 of 1181); rules name 身分证 where they mean it.
  瞭解: '了解',
  // 著 as the aspect particle (跟著, 接著, 等著) is 着; the words where 著 means 'notable, to write' stay.
  著: '着',
  著名: '著名',
  著作: '著作',
  著称: '著称',
  著述: '著述',
  著书: '著书',
  著者: '著者',
  显著: '显著',
  名著: '名著',
  原著: '原著',
  巨著: '巨著',
  专著: '专著',
  合著: '合著',
  编著: '编著',
  译著: '译著',
  论著: '论著',
  遗著: '遗著',
  卓著: '卓著',
  昭著: '昭著',
  土著: '土著',
};

interface VariantEntry {
  key: Uint16Array;
  value: Uint16Array;
}

function units(text: string): Uint16Array {
  return Uint16Array.from(text, (char) => char.charCodeAt(0));
}

/** The entries by their first code unit, longest key first (so 著名 is tried before 著). */
const ENTRIES_BY_FIRST = new Map<number, VariantEntry[]>();
for (const [key, value] of Object.entries(VARIANT_WORDS)) {
  if (key.length !== value.length || key.length === 0) {
    throw new Error(`zh-variant-words: ${key} → ${value} must keep its length (the fold rewrites units in place)`);
  }
  const first = key.charCodeAt(0);
  const list = ENTRIES_BY_FIRST.get(first) ?? [];
  list.push({ key: units(key), value: units(value) });
  list.sort((a, b) => b.key.length - a.key.length);
  ENTRIES_BY_FIRST.set(first, list);
}
/** 1 where some key starts with this code unit: one typed-array read per unit for the whole text. */
const STARTS_KEY = new Uint8Array(65_536);
for (const first of ENTRIES_BY_FIRST.keys()) STARTS_KEY[first] = 1;

function keyAt(buffer: Uint16Array, at: number, length: number, key: Uint16Array): boolean {
  if (at + key.length > length) return false;
  for (let k = 0; k < key.length; k += 1) if (buffer[at + k] !== key[k]) return false;
  return true;
}

/**
 * Rewrites the variant words in the first `length` units of `buffer`, in place, left to right, the longest key
 * at each position first. Linear: at most one list of a few keys is tried per unit.
 */
export function foldVariantWords(buffer: Uint16Array, length: number): void {
  let at = 0;
  while (at < length) {
    if (STARTS_KEY[buffer[at] as number] === 0) {
      at += 1;
      continue;
    }
    const entry = ENTRIES_BY_FIRST.get(buffer[at] as number)?.find((candidate) => keyAt(buffer, at, length, candidate.key));
    if (entry === undefined) {
      at += 1;
      continue;
    }
    buffer.set(entry.value, at);
    at += entry.key.length;
  }
}

/** The same fold on a string already folded to Simplified characters (for checks of rule sources). */
export function foldVariantWordsIn(text: string): string {
  const buffer = units(text);
  foldVariantWords(buffer, buffer.length);
  return String.fromCharCode(...buffer);
}

/** The Taiwan words read as mainland words, key → value (exceptions map to themselves). */
export const ZH_VARIANT_WORDS = VARIANT_WORDS;
