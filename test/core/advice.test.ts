import { describe, expect, it } from 'vitest';
import { buildAdvice } from '../../src/core/advice.ts';
import { COUNTRIES, parseCountryCode } from '../../src/core/countries.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset();
const high = { level: 'high' as const, categories: [], signals: [] };

describe('report contacts', () => {
  it.each(COUNTRIES.map((code) => [code]))('ends a high-risk reply with the contacts of %s', (code) => {
    for (const language of ['en', 'zh'] as const) {
      const steps = buildAdvice({ ...high, language, country: code }, ruleset).steps;
      const report = steps.find((step) => step.id === 'report');
      expect(report?.text).toBe(ruleset.advice[language].report[code]?.text);
    }
  });

  it('adds China\'s consular hotline to Chinese replies outside mainland China only', () => {
    const ids = (language: 'en' | 'zh', country?: string): string[] =>
      buildAdvice({ ...high, language, ...(country ? { country } : {}) }, ruleset).steps.map((step) => step.id);
    expect(ids('zh', 'AU')).toContain('consular');
    expect(ids('zh', 'CN')).not.toContain('consular');
    expect(ids('zh')).not.toContain('consular');
    expect(ids('en', 'AU')).not.toContain('consular');
    const zh = buildAdvice({ ...high, language: 'zh', country: 'gb' }, ruleset).steps;
    expect(zh.at(-1)?.text).toContain('+86-10-12308');
  });

  it('offers no report step at low risk', () => {
    const steps = buildAdvice({ ...high, level: 'low', language: 'en', country: 'AU' }, ruleset).steps;
    expect(steps.map((step) => step.id)).not.toContain('report');
  });

  it('parses country codes case-insensitively and refuses others', () => {
    expect(parseCountryCode(' nz ')).toBe('NZ');
    expect(parseCountryCode('ZZ')).toBeUndefined();
    expect(parseCountryCode('China')).toBeUndefined();
  });
});

describe('advice file schema', () => {
  it('refuses a contact number without an official source', async () => {
    const { AdviceTextsSchema } = await import('../../src/core/rule-schema.ts');
    const base = { explanations: {}, steps: {}, consular: { text: 'call +86-10-12308', sources: ['https://cs.mfa.gov.cn/'] } };
    const withoutSource = AdviceTextsSchema.safeParse({ ...base, report: { XX: { text: 'Call 555 0100.' }, default: { text: 'Tell the police.' } } });
    expect(withoutSource.success).toBe(false);
    expect(JSON.stringify(withoutSource.error?.issues)).toContain('official source');
    const plainHttp = AdviceTextsSchema.safeParse({ ...base, report: { XX: { text: 'Call 555 0100.', sources: ['http://x.gov/'] }, default: { text: 'Tell the police.' } } });
    expect(plainHttp.success).toBe(false);
    const fine = AdviceTextsSchema.safeParse({ ...base, report: { XX: { text: 'Call 555 0100.', sources: ['https://x.gov/'] }, default: { text: 'Tell the police.' } } });
    expect(fine.success).toBe(true);
  });
});

describe('country of a request', () => {
  it('gives the request\'s country contacts over the service default, and records it on the verdict', async () => {
    const { analyze } = await import('../../src/core/analyze.ts');
    const { CheckRequestSchema } = await import('../../src/core/request.ts');
    const text = 'This is the police. Transfer your savings to a safe account and tell no one.';
    const request = CheckRequestSchema.parse({ kind: 'message', text, country: 'au' });
    const verdict = analyze(request, ruleset, { country: 'GB' });
    expect(verdict.country).toBe('AU');
    expect(verdict.steps.at(-1)?.text).toContain('000');
    const byDefault = analyze(CheckRequestSchema.parse({ kind: 'message', text }), ruleset, { country: 'GB' });
    expect(byDefault.country).toBe('GB');
    expect(byDefault.steps.at(-1)?.text).toContain('Action Fraud');
    expect(CheckRequestSchema.safeParse({ kind: 'message', text, country: 'ZZ' }).success).toBe(false);
  });
});
