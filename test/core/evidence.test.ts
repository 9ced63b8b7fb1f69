import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { cutQuote, pickEvidence } from '../../src/core/evidence.ts';
import { buildReply } from '../../src/core/reply.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import type { Signal } from '../../src/core/verdict.ts';

const ruleset = loadRuleset();

function signal(ruleId: string, category: Signal['category'], weight: number, start: number, end: number): Signal {
  return { ruleId, category, weight, start, end, quote: `q${start}-${end}`, explanationId: category };
}

describe('cutQuote', () => {
  it('leaves a short quote alone and flattens whitespace', () => {
    expect(cutQuote('  transfer \n the money ', 40)).toBe('transfer the money');
  });

  it('cuts English on a word boundary', () => {
    const quote = cutQuote('please transfer the whole amount to the safe account before the end of the day', 30);
    expect(quote.endsWith('…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(30);
    const words = 'please transfer the whole amount to the safe account before the end of the day'.split(' ');
    for (const word of quote.slice(0, -1).split(' ')) expect(words).toContain(word);
  });

  it('cuts Chinese at a clause mark when there is one', () => {
    const quote = cutQuote('您的案件已移交国内公安机关处理，请立即按1转人工服务，否则将冻结您的全部银行账户和资产', 30);
    expect(quote).toBe('您的案件已移交国内公安机关处理，请立即按1转人工服务…');
  });

  it('cuts Spanish on a word boundary, accented letters and decomposed accents kept whole', () => {
    // Hand-written example.
    const text = 'Le habla la policía: deposite el depósito de garantía en la cuenta señalada antes de las cinco, señora';
    for (const form of [text, text.normalize('NFD')]) {
      const quote = cutQuote(form, 40);
      expect(quote.length).toBeLessThanOrEqual(40);
      const words = form.split(' ');
      for (const word of quote.slice(0, -1).split(' ')) expect(words.map((w) => w.replace(/[:,]$/, ''))).toContain(word.replace(/[:,]$/, ''));
    }
    // One long token with decomposed accents (a link's path) is dropped whole, not cut between a letter and its mark.
    const cut = cutQuote(`Vea el enlace ${'n\u0303'.repeat(40)}`, 60);
    expect(cut).toBe('Vea el enlace…');
  });

  it('never splits a surrogate pair', () => {
    const quote = cutQuote('𠀋'.repeat(40), 11);
    expect(quote.length).toBeLessThanOrEqual(11);
    expect(quote.slice(0, -1)).toBe('𠀋'.repeat((quote.length - 1) / 2));
  });
});

describe('pickEvidence', () => {
  it('drops a quote inside a stronger quote, so the stronger rule names the tactic', () => {
    const picked = pickEvidence([signal('transfer', 'payment', 2, 0, 14), signal('safe-account', 'payment', 3, 0, 32)], 5);
    expect(picked.map((item) => item.ruleId)).toEqual(['safe-account']);
  });

  it('keeps one of each category when capped, and never drops the money demand', () => {
    const signals = [
      signal('authority-a', 'authority', 3, 0, 5),
      signal('authority-b', 'authority', 3, 10, 15),
      signal('threat-a', 'threat', 3, 20, 25),
      signal('threat-b', 'threat', 3, 30, 35),
      signal('isolation', 'isolation', 2, 40, 45),
      signal('payment', 'payment', 1, 50, 55),
    ];
    const picked = pickEvidence(signals, 3);
    expect(picked.map((item) => item.category).sort()).toEqual(['authority', 'payment', 'threat']);
    expect(pickEvidence(signals, 1).map((item) => item.category)).toEqual(['payment']);
  });
});

describe('reply evidence and why', () => {
  it('quotes each tactic once with its own category and repeats no why line', () => {
    const text =
      'This is the Chinese Consulate. You have an important document that has not been collected. Your case has been transferred to the police in China. Press 1 to speak to an officer. Do not tell anyone and pay the bail by wire transfer today.';
    const verdict = analyze({ kind: 'message', text }, ruleset);
    const reply = buildReply(verdict, { secondOpinion: 'off', ruleset });
    const reasons = [reply.reason, ...reply.why];
    expect(new Set(reasons).size).toBe(reasons.length);
    const quotes = reply.evidence.map((item) => item.quote);
    expect(new Set(quotes).size).toBe(quotes.length);
    const categories = reply.evidence.map((item) => item.category);
    expect(categories).toContain('Payment demand');
    for (const item of reply.evidence) {
      const source = verdict.signals.find((candidate) => candidate.quote.startsWith(item.quote.replace(/…$/, '')));
      expect(source, item.quote).toBeDefined();
    }
  });

  it('says first that a warning is a warning', () => {
    const verdict = analyze({ kind: 'message', text: 'The police will never ask you to transfer money to a safe account.' }, ruleset);
    const reply = buildReply(verdict, { secondOpinion: 'off', ruleset });
    expect(reply.reason).toBe(ruleset.advice.en.explanations['framing_advisory']);
    const zh = analyze({ kind: 'message', text: '有人打电话给我妈说我被绑架了，要家里转二十万赎金。' }, ruleset);
    expect(buildReply(zh, { secondOpinion: 'off', ruleset }).reason).toBe(ruleset.advice.zh.explanations['framing_report']);
  });
});
