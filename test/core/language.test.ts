import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { countScripts, detectLanguage } from '../../src/core/language.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset(fileURLToPath(new URL('../fixtures/rules/', import.meta.url)));
const HAN = /[\u3400-\u9fff]/;

describe('detectLanguage', () => {
  it.each([
    'Hello, this is Officer Wang from the city police.',
    'Mom, it is me, I lost my phone and this is my new number.',
    'Café déjà vu, señor.',
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

  it('decides very short texts by their script', () => {
    expect(detectLanguage('好')).toBe('zh');
    expect(detectLanguage('喂？')).toBe('zh');
    expect(detectLanguage('Hi')).toBe('en');
    expect(detectLanguage('ok?')).toBe('en');
  });

  it.each(['', '   ', '😀😀😀', '12345 678', '😀 123 !!!', '+86 138 0013 8000', 'Привет, как дела?'])(
    'falls back to English when there is nothing to go on: %j',
    (text) => {
      expect(detectLanguage(text)).toBe('en');
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
  it('counts Han characters (both scripts, extension A, compatibility) and Latin letters, nothing else', () => {
    expect(countScripts('abc ÉÀ 123 你好 國 㐀 豈 😀 ！')).toEqual({ han: 5, latin: 5 });
  });
  it('stops at the limit', () => {
    expect(countScripts('ab你好', 3)).toEqual({ han: 1, latin: 2 });
  });
});

describe('the request language hint', () => {
  it('wins over detection for an English text', () => {
    const verdict = analyze({ kind: 'message', text: 'This is the police. Move your money to a safe account.', language: 'zh' }, ruleset);
    expect(verdict.language).toBe('zh');
    expect(verdict.summary).toMatch(HAN);
    for (const step of verdict.steps) expect(step.text).toMatch(HAN);
  });

  it('wins over detection for a Chinese text', () => {
    const verdict = analyze({ kind: 'message', text: '公安局：请把钱转到安全账户', language: 'en' }, ruleset);
    expect(verdict.language).toBe('en');
    expect(verdict.summary).not.toMatch(HAN);
    for (const step of verdict.steps) expect(step.text).not.toMatch(HAN);
  });

  it('is detected when absent', () => {
    expect(analyze({ kind: 'message', text: '公安局：请把钱转到安全账户' }, ruleset).language).toBe('zh');
    expect(analyze({ kind: 'message', text: 'police: safe account' }, ruleset).language).toBe('en');
    expect(analyze({ kind: 'message', text: '😀' }, ruleset).language).toBe('en');
  });
});
