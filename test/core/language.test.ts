import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { makeMessages } from '../../bench/samples.ts';
import { countScripts, detectLanguage, detectorSample, looksEnglish, looksEnglishText, looksShortEnglish, rulesCoverLanguage } from '../../src/core/language.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { LANGUAGE_SAMPLES } from '../fixtures/language-samples.ts';

const ruleset = loadRuleset(fileURLToPath(new URL('../fixtures/rules/', import.meta.url)));
const HAN = /[\u3400-\u9fff]/;

describe('detectLanguage', () => {
  it.each([
    'Hello, this is Officer Wang from the city police.',
    'Mom, it is me, I lost my phone and this is my new number.',
    'Tһis is tһe pоlice, your account is frozen.',
  ])('reads English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each([
    '您好，我是市公安局的王警官，您的身份证涉嫌一起洗钱案件。',
    '您好，我是市公安局的王警官，您的身分證涉嫌一起洗錢案件。',
    '請把錢轉到安全帳戶，不要告訴任何人。',
  ])('reads simplified and traditional Chinese: %s', (text) => {
    expect(detectLanguage(text)).toBe('zh');
  });

  it.each([
    '请下载 AnyDesk 并打开屏幕共享，我们的 IT support 会帮您处理。',
    '妈，我换号了，用 WeChat 转给我 5000 块，快点 OK？',
    '请点击 https://example.com/verify 完成验证，否则账户将被冻结。',
    '请联系 John Smith 先生，电话 +1 555 0100，邮箱 john@example.com',
  ])('keeps Chinese with a few English words, links and names Chinese: %s', (text) => {
    expect(detectLanguage(text)).toBe('zh');
  });

  it.each([
    'My name is 王伟 and I am calling from the bank about your account.',
    'Hi 妈妈, I am in trouble, please send money now.',
    'Please call 张警官 at the station tomorrow morning about the case.',
  ])('keeps English with a stray Chinese name English: %s', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  // Hand-written short texts in the shape of Spanish SMS and chat messages (Spain and Latin America).
  it.each([
    'Correos: su envío está pendiente por tasas de aduana. Pague 1,79 EUR aquí: https://example.top/es',
    'Su código de verificación es 482913. No lo comparta con nadie.',
    'Hola mamá, este es mi nuevo número, guárdalo',
    'DGT: tiene una multa pendiente de pago. Evite recargos.',
    'Tenemos a tu hijo, no cuelgues',
    'Deposita en Oxxo o no lo vuelves a ver',
    'Te llamo luego, estoy en una reunión',
  ])('reads short Spanish messages as Spanish, which the rules read: %s', (text) => {
    expect(detectLanguage(text)).toBe('es');
    expect(rulesCoverLanguage('es', text)).toBe(true);
  });

  it('decides very short texts by their script, and calls a few Latin letters undetermined', () => {
    expect(detectLanguage('好')).toBe('zh');
    expect(detectLanguage('喂？')).toBe('zh');
    expect(detectLanguage('もしもし')).toBe('ja');
    expect(detectLanguage('여보세요')).toBe('ko');
    expect(detectLanguage('Hi')).toBe('und');
    expect(detectLanguage('ok?')).toBe('und');
  });

  it.each(['Call me now', 'Reply STOP to stop', 'WIN A FREE PRIZE NOW', 'I posted mine to Instagram', 'Ok, see you later', 'CLAIM UR CASH NOW 0800123456', 'pls call me back https://example.top/a1'])(
    'reads a short English text as English by its words, even in capitals or text-speak: %j',
    (text) => {
      expect(detectLanguage(text)).toBe('en');
    },
  );

  it.each(['Hola, ¿cómo estás?', 'Te llamo luego', 'Merci beaucoup', 'Je suis là', 'Danke schön', 'Bis morgen, ok?', 'Tudo bem?', 'Va bene, a dopo', 'Ik bel je straks', 'Wat is dit?', 'Is het over?', 'Klik her nu', 'Ring mig nu', 'Sampai jumpa besok', 'Ok lor', 'Ya ok'])(
    'does not call a short text of another language (or one English word) English: %j',
    (text) => {
      expect(detectLanguage(text)).not.toBe('en');
    },
  );

  it('needs two different English words making up half the words (or three making up a third)', () => {
    expect(looksShortEnglish('call call')).toBe(false);
    expect(looksShortEnglish('call now')).toBe(true);
    expect(looksShortEnglish('call now zorp blick quanto')).toBe(false);
    expect(looksShortEnglish('call now please zorp blick quanto')).toBe(true);
    expect(looksShortEnglish('call now über')).toBe(false);
  });

  it.each(['', '   ', '😀😀😀', '12345 678', '😀 123 !!!', '+86 138 0013 8000', 'https://bit.ly/3xYz 4411'])(
    'is undetermined when there is nothing to go on, which the rules still cover: %j',
    (text) => {
      expect(detectLanguage(text)).toBe('und');
      expect(rulesCoverLanguage('und', text)).toBe(true);
    },
  );

  it('names Japanese by its kana even with many kanji, and keeps a stray の in Chinese Chinese', () => {
    expect(detectLanguage('警察署から連絡です。口座が凍結されました。')).toBe('ja');
    expect(detectLanguage('这是我の新号码，请存一下，明天联系你')).toBe('zh');
  });

  it.each(Object.entries(LANGUAGE_SAMPLES).flatMap(([language, texts]) => texts.map((text) => [language === 'zh-Hant' ? 'zh' : language, text] as const)).filter(([language]) => language !== 'id'))(
    'names the language of a short message (%s): %s',
    (language, text) => {
      expect(detectLanguage(text)).toBe(language);
    },
  );

  it('looks only at the start of a long text, so a long transcript costs the same as a short one', () => {
    const chineseFirst = '来电者：您好，我是公安局的。\n'.repeat(300) + 'Caller: hello there. '.repeat(2_000);
    expect(detectLanguage(chineseFirst)).toBe('zh');
    const englishFirst = 'Caller: hello there. '.repeat(300) + '来电者：您好。'.repeat(2_000);
    expect(detectLanguage(englishFirst)).toBe('en');
  });
});

describe('countScripts', () => {
  it('counts Han characters (both scripts, extension A, compatibility), Latin letters, kana, hangul and other letters', () => {
    expect(countScripts('abc ÉÀ ệ 123 你好 國 㐀 豈 😀 ！ かナ 한 дa')).toEqual({ han: 5, latin: 7, kana: 2, hangul: 1, other: 1 });
  });
  it('stops at the limit', () => {
    expect(countScripts('ab你好', 3)).toEqual({ han: 1, latin: 2, kana: 0, hangul: 0, other: 0 });
  });
});

describe('rulesCoverLanguage', () => {
  it('covers English, Chinese, Spanish, French and Italian only', () => {
    for (const language of ['en', 'zh', 'es', 'fr', 'it']) expect(rulesCoverLanguage(language, 'x')).toBe(true);
    for (const language of ['ja', 'ko', 'pt', 'vi', 'ru', 'da', 'fi', 'de', 'nl']) expect(rulesCoverLanguage(language, 'x')).toBe(false);
  });
  it('covers only the languages a ruleset has rules for', () => {
    // The fixture's rules are English and Chinese: a Spanish text is one they cannot read.
    expect(ruleset.readLanguages).toEqual(['en', 'zh']);
    expect(rulesCoverLanguage('es', 'x', ruleset.readLanguages)).toBe(false);
    expect(rulesCoverLanguage('zh', 'x', ruleset.readLanguages)).toBe(true);
    expect(analyze({ kind: 'message', text: LANGUAGE_SAMPLES.es![1]! }, ruleset).rulesCoverLanguage).toBe(false);
    expect(analyze({ kind: 'message', text: LANGUAGE_SAMPLES.es![1]! }, { ...ruleset, readLanguages: ['en', 'zh', 'es'] }).rulesCoverLanguage).toBe(true);
  });
  it('covers an undetermined text in Latin or Han script, not one in another script', () => {
    expect(rulesCoverLanguage('und', 'ok')).toBe(true);
    expect(rulesCoverLanguage('und', 'გამარჯობა')).toBe(false);
  });
});

describe('the requested reply language', () => {
  it('wins over detection for an English text, and the text stays English', () => {
    const verdict = analyze({ kind: 'message', text: 'This is the police. Move your money to a safe account.', language: 'zh' }, ruleset);
    expect(verdict.language).toBe('en');
    expect(verdict.replyLanguage).toBe('zh');
    expect(verdict.summary).toMatch(HAN);
    for (const step of verdict.steps) expect(step.text).toMatch(HAN);
  });

  it('wins over detection for a Chinese text', () => {
    const verdict = analyze({ kind: 'message', text: '公安局：请把钱转到安全账户', language: 'en' }, ruleset);
    expect(verdict.language).toBe('zh');
    expect(verdict.replyLanguage).toBe('en');
    expect(verdict.summary).not.toMatch(HAN);
    for (const step of verdict.steps) expect(step.text).not.toMatch(HAN);
  });

  it('follows the text when absent, else the interface language, else English', () => {
    expect(analyze({ kind: 'message', text: '公安局：请把钱转到安全账户' }, ruleset).replyLanguage).toBe('zh');
    expect(analyze({ kind: 'message', text: 'This is the police: move your money to a safe account' }, ruleset).replyLanguage).toBe('en');
    expect(analyze({ kind: 'message', text: '😀' }, ruleset).replyLanguage).toBe('en');
    expect(analyze({ kind: 'message', text: '😀', interfaceLanguage: 'zh' }, ruleset).replyLanguage).toBe('zh');
    const portuguese = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.pt![1]!, interfaceLanguage: 'zh' }, ruleset);
    expect([portuguese.language, portuguese.replyLanguage]).toEqual(['pt', 'zh']);
    // Spanish has reply texts: a Spanish text is answered in Spanish, whatever the interface.
    const spanish = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.es![1]!, interfaceLanguage: 'en' }, ruleset);
    expect([spanish.language, spanish.replyLanguage]).toEqual(['es', 'es']);
  });
});

describe('looksEnglishText', () => {
  it('agrees with looksEnglish over the detector sample on every text with no other-script letters', () => {
    const long = 'the '.repeat(59) + 'supercalifragilistic of you';
    const texts = [
      ...makeMessages(60),
      ...Object.values(LANGUAGE_SAMPLES).flat(),
      'Please CALL us NOW at www.example.com/pay or mail help@example.com, it is 100% free.',
      'Don’t you think it’s time? We‘re here.',
      "It's the   end.\tOf the 12 o'clock show... is it?",
      long,
      `${'x'.repeat(236)} the you is and`,
      'the you 2020 3.5 is.',
      'Caf\u00e9 is the place for you and me',
      'a b c',
      '',
    ];
    let checked = 0;
    for (const text of texts) {
      const counts = countScripts(text);
      if (counts.other !== 0) continue;
      checked += 1;
      expect(looksEnglishText(text), text.slice(0, 40)).toBe(looksEnglish(detectorSample(text, counts)));
    }
    expect(checked).toBeGreaterThan(60);
  });
});
