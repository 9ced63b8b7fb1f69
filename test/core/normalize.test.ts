import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from '../../src/core/normalize.ts';
import { RuleSchema } from '../../src/core/rule-schema.ts';
import { foldVariantWordsIn, ZH_VARIANT_WORDS } from '../../src/core/zh-variant-words.ts';

function spanOf(original: string, needle: string): string {
  const normalized = normalize(original);
  const index = normalized.text.indexOf(needle);
  expect(index, `"${needle}" not found in "${normalized.text}"`).toBeGreaterThanOrEqual(0);
  const span = originalSpan(normalized, index, index + needle.length);
  return original.slice(span.start, span.end);
}

describe('normalize', () => {
  it.each([
    ['Greek omicron homoglyph', 'Call the pοlice', 'call the police'],
    ['Cyrillic homoglyphs', 'Install АnуDеsk', 'install anydesk'],
    ['full-width Latin', 'ＡｎｙＤｅｓｋ　ｎｏｗ', 'anydesk now'],
    ['mathematical bold letters', '𝐒𝐚𝐟𝐞 𝐀𝐜𝐜𝐨𝐮𝐧𝐭', 'safe account'],
    ['zero-width characters', 'safe\u200b ac\u200dcount', 'safe account'],
    ['bidi controls', '\u202eretsnart\u202c', 'retsnart'],
    ['soft hyphen', 'trans\u00adfer', 'transfer'],
    ['traditional Chinese', '公安局要求轉帳到安全帳戶', '公安局要求转账到安全账户'],
    ['zero-width inside Chinese', '安全\u200b账\u200c户', '安全账户'],
    ['spaced-out Chinese', '公 安 局', '公安局'],
    ['full-width digits in Chinese', '验证码１２３４５６', '验证码123456'],
    ['diacritics', 'políce', 'police'],
    ['leetspeak inside words', 'p0lice tran$fer', 'police transfer'],
    ['digits outside words kept', 'pay $500 now 2 me', 'pay $500 now 2 me'],
    ['whitespace collapse', '  hello \n\n\t world ', 'hello world'],
    ['case folding', 'URGENT Warrant', 'urgent warrant'],
    ['Taiwan words read as the mainland word', '請點選連結登入帳號，下載軟體後視訊', '请点击链接登录账号,下载软件后视频'],
    ['Taiwan top-up, SMS and online words', '線上客服說簡訊裡的儲值', '在线客服说短信里的充值'],
    ['Taiwan 妳 and 祢 read as 你', '妳先幫我匯款，願祢保佑', '你先帮我汇款,愿你保佑'],
    ['著 as the particle, not in 著名', '跟著老師操作的著名作家顯著', '跟着老师操作的著名作家显著'],
    ['typographic quotes and dashes', 'Don\u2019t tell \u201canyone\u201d \u2014 now', 'don\'t tell "anyone" - now'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input).text.trim()).toBe(expected);
  });

  it('maps evidence spans back into the original text', () => {
    expect(spanOf('Please install ＡｎｙＤｅｓｋ today', 'anydesk')).toBe('ＡｎｙＤｅｓｋ');
    expect(spanOf('Move it to the safe\u200b account', 'safe account')).toBe('safe\u200b account');
    expect(spanOf('請轉到安全帳戶', '安全账户')).toBe('安全帳戶');
    expect(spanOf('the 𝐩𝐨𝐥𝐢𝐜𝐞 said', 'police')).toBe('𝐩𝐨𝐥𝐢𝐜𝐞');
    // A Taiwan word read as the mainland word is quoted as written.
    expect(spanOf('請點選下方連結', '点击下方链接')).toBe('點選下方連結');
    expect(spanOf('先儲 值一萬', '充值一万')).toBe('儲 值一萬');
  });

  it('keeps the map the same length as the text', () => {
    for (const input of ['', '\u200b\u200b', 'ﬁﬂ', '𝐩', 'a\r\nb', '\u0000\uffff']) {
      const normalized = normalize(input);
      expect(normalized.starts.length).toBe(normalized.text.length);
      for (const [index, position] of normalized.wide.entries()) {
        expect(position).toBeLessThan(normalized.text.length);
        if (index > 0) expect(position).toBeGreaterThan(normalized.wide[index - 1] as number);
      }
    }
  });

  it('survives lone surrogates and binary junk', () => {
    const junk = '\ud800abc\udfff' + String.fromCharCode(...Array.from({ length: 300 }, (_, index) => index));
    expect(() => normalize(junk)).not.toThrow();
  });
});

describe('Taiwan words (zh-variant-words.ts)', () => {
  it('keeps every replacement the length of its word, so offsets stay exact', () => {
    for (const [key, value] of Object.entries(ZH_VARIANT_WORDS)) expect(value.length, key).toBe(key.length);
  });

  it('reads a rule pattern written with either form the same way', () => {
    const rule = RuleSchema.parse({
      id: 'variant-test',
      category: 'phishing_link',
      languages: ['zh'],
      weight: 1,
      description: 'test',
      patterns: ['(?:点选|点击)连结'],
      explanation: 'x',
      advice: ['x'],
    });
    const expression = new RegExp(rule.patterns[0] ?? '', 'u');
    expect(expression.test(normalize('請點選連結').text)).toBe(true);
    expect(expression.test(normalize('请点击链接').text)).toBe(true);
    expect(expression.test(normalize('请点开链接').text)).toBe(false);
  });

  it('leaves mainland text and unrelated words as they are', () => {
    expect(foldVariantWordsIn('请点击链接登录账号')).toBe('请点击链接登录账号');
    expect(foldVariantWordsIn('土著名著卓著')).toBe('土著名著卓著');
  });
});
