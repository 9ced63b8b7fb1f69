import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { countHanScripts, isTraditionalText } from '../../src/core/chinese-script.ts';
import { buildReply } from '../../src/core/reply.ts';
import { CheckRequestSchema } from '../../src/core/request.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { loadTexts } from '../../src/core/texts.ts';
import { toTraditional, TRADITIONAL_FIXES } from '../../src/core/traditional.ts';
import { LANGUAGE_SAMPLES } from '../fixtures/language-samples.ts';

const ruleset = loadRuleset();
const { t } = ruleset;
const table = loadTexts();
const zhStrings = [
  ...[...table.zh.entries()].map(([key, text]) => [`locales ${key}`, text] as const),
  ...(['explanations', 'steps', 'report'] as const).flatMap((section) =>
    Object.entries(ruleset.advice.zh[section]).map(([id, text]) => [`advice ${section}.${id}`, text] as const),
  ),
];
/** Language names shown as buttons and options, each in its own script on purpose. */
const ENDONYMS = ['简体中文'];

function simplifiedLeftovers(text: string): string[] {
  let rest = text;
  for (const name of ENDONYMS) rest = rest.replaceAll(name, '');
  return [...rest].filter((char) => countHanScripts(char).simplified > 0);
}

describe('Traditional texts converted from the zh texts', () => {
  it('leave no Simplified-only character in any locale or advice string', () => {
    const problems = zhStrings
      .map(([where, text]) => [where, simplifiedLeftovers(toTraditional(text))] as const)
      .filter(([, leftovers]) => leftovers.length > 0)
      .map(([where, leftovers]) => `${where}: ${leftovers.join('')}`);
    expect(problems).toEqual([]);
  });

  it('never show a phrase of the checked list in its wrong form', () => {
    for (const [where, text] of zhStrings) {
      const converted = toTraditional(text);
      for (const [wrong] of TRADITIONAL_FIXES) expect(converted.includes(wrong), `${where} still has ${wrong}`).toBe(false);
    }
  });

  it('keep every entry of the list in use: each wrong form comes out of OpenCC for at least one string', () => {
    const raw = zhStrings.map(([, text]) => text);
    for (const [wrong, right] of TRADITIONAL_FIXES) {
      const used = raw.some((text) => toTraditional(text).includes(right) && text.length > 0);
      expect(used, `${wrong} → ${right} fixes nothing`).toBe(true);
    }
  });

  it('read as Taiwan writes them', () => {
    expect(t('zh-Hant', 'core.title.high')).toBe('⚠️ 高風險：這很像詐騙');
    expect(t('zh-Hant', 'core.category.payment')).toBe('要求付款或轉帳');
    expect(t('zh-Hant', 'core.forwarded.user', { name: '王小明' })).toBe('轉發自 王小明。');
    expect(ruleset.advice.zh.steps.call_back_known_number && toTraditional(ruleset.advice.zh.steps.call_back_known_number)).toMatch(/^用您自己存的號碼聯絡對方/); // 联系 → 聯絡
  });
});

describe('isTraditionalText', () => {
  it.each(LANGUAGE_SAMPLES['zh-Hant']!)('reads Traditional: %s', (text) => {
    expect(isTraditionalText(text)).toBe(true);
  });
  it.each(LANGUAGE_SAMPLES.zh!)('reads Simplified: %s', (text) => {
    expect(isTraditionalText(text)).toBe(false);
  });
  it('calls a text with no script-specific character Simplified, and a mixed text by its majority', () => {
    expect(isTraditionalText('你好')).toBe(false);
    expect(isTraditionalText('請把錢轉到安全帐户')).toBe(true);
    expect(isTraditionalText('请把钱转到安全帳戶')).toBe(false);
  });
});

describe('a reply to a text in Traditional characters', () => {
  const text = '您好，這裡是警察局，您的帳戶涉嫌洗錢，請把資金轉入安全帳戶，不要告訴任何人。';

  it('is in Traditional characters throughout, with no Simplified-only character', () => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe('zh');
    expect(verdict.replyLanguage).toBe('zh-Hant');
    expect(verdict.level).toBe('high');
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off', forwardedFrom: { kind: 'hidden_user' } });
    expect(reply.language).toBe('zh-Hant');
    const rendered = renderText(reply, ruleset.t);
    expect(rendered).toContain('高風險');
    expect(simplifiedLeftovers(rendered)).toEqual([]);
  });

  it('follows a request for Chinese (zh) too, but not one for English', () => {
    expect(analyze({ kind: 'message', text, language: 'zh' }, ruleset).replyLanguage).toBe('zh-Hant');
    expect(analyze({ kind: 'message', text, language: 'en' }, ruleset).replyLanguage).toBe('en');
  });

  it('is Traditional for any text when zh-Hant (or zh-TW) is asked for', () => {
    const verdict = analyze({ kind: 'message', text: 'This is the police. Move your money to a safe account.', language: 'zh-Hant' }, ruleset);
    expect(verdict.replyLanguage).toBe('zh-Hant');
    expect(simplifiedLeftovers(renderText(buildReply(verdict, { ruleset, secondOpinion: 'pending' }), ruleset.t))).toEqual([]);
    expect(analyze(CheckRequestSchema.parse({ kind: 'message', text: '你好', language: 'zh-TW' }), ruleset).replyLanguage).toBe('zh-Hant');
  });

  it('a Simplified text still gets a Simplified reply', () => {
    const verdict = analyze({ kind: 'message', text: '您好，这里是公安局，您的账户涉嫌洗钱，请把资金转入安全账户。' }, ruleset);
    expect(verdict.replyLanguage).toBe('zh');
    expect(countHanScripts(renderText(buildReply(verdict, { ruleset, secondOpinion: 'off' }), ruleset.t)).traditional).toBe(0);
  });
});
