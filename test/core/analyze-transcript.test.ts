import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { parseTranscript } from '../../src/core/transcript.ts';
import { levelRank, type Verdict } from '../../src/core/verdict.ts';

/**
 * Transcripts through analyze() on the fixture rule set: police (authority, weight 2, "police"/"公安局"),
 * pay (payment, weight 1), safe-account (payment, weight 3, caller-only); calleeFactor 0.5.
 */
const ruleset = loadRuleset(fileURLToPath(new URL('../fixtures/rules/', import.meta.url)));

function check(text: string): Verdict {
  return analyze({ kind: 'transcript', text }, ruleset);
}

/** Every signal quotes the original text at its span, and its speaker is the role of the turn around it. */
function expectEvidenceInOriginal(text: string, verdict: Verdict): void {
  expect(verdict.signals.length).toBeGreaterThan(0);
  const turns = parseTranscript(text).turns;
  for (const signal of verdict.signals) {
    expect(signal.quote).toBe(text.slice(signal.start, signal.end));
    const turn = turns.find((candidate) => candidate.start <= signal.start && signal.end <= candidate.end);
    expect(signal.speaker).toBe(turn?.role ?? 'unknown');
  }
}

function evidence(verdict: Verdict): Array<[string, string | undefined, number, string]> {
  return verdict.signals.map((signal) => [signal.ruleId, signal.speaker, signal.weight, signal.quote]);
}

describe('who said it', () => {
  const words = 'This is the police, you must pay today.';

  it('weighs the same words less from the callee than from the caller', () => {
    const fromCaller = check(`Caller: ${words}\nMe: Oh no.`);
    const fromCallee = check(`Caller: Hello.\nMe: ${words}`);
    expect(evidence(fromCaller)).toEqual([
      ['police', 'caller', 2, 'police'],
      ['pay', 'caller', 1, 'pay'],
    ]);
    expect(evidence(fromCallee)).toEqual([
      ['police', 'callee', 1, 'police'],
      ['pay', 'callee', 0.5, 'pay'],
    ]);
    expect(fromCallee.score).toBeLessThan(fromCaller.score);
    expect(levelRank(fromCallee.level)).toBeLessThan(levelRank(fromCaller.level));
  });

  it('gives words in text without speakers the full weight', () => {
    const verdict = check(words);
    expect(evidence(verdict)).toEqual([
      ['police', 'unknown', 2, 'police'],
      ['pay', 'unknown', 1, 'pay'],
    ]);
    expect(check(`Caller: ${words}\nMe: Oh no.`).score).toBe(verdict.score);
  });

  it('ignores caller-only rules in what the callee says', () => {
    const callee = check('来电者：您好。\n我：要把钱转到安全账户吗？');
    expect(callee.signals.map((signal) => signal.ruleId)).toEqual([]);
    const caller = check('来电者：请把钱转到安全账户。\n我：好的。');
    expect(evidence(caller)).toEqual([['safe-account', 'caller', 3, '安全账户']]);
  });

  it('applies the roles of the Chinese labels and the two-party fallback', () => {
    expect(evidence(check('骗子：我是公安局的\n我：公安局？'))).toEqual([
      ['police', 'caller', 2, '公安局'],
      ['police', 'callee', 1, '公安局'],
    ]);
    expect(evidence(check('A: police here\nB: police?\nA: yes'))).toEqual([
      ['police', 'caller', 2, 'police'],
      ['police', 'callee', 1, 'police'],
    ]);
  });

  it('does not weigh a message checked as a transcript as the victim\'s words', () => {
    const verdict = check('Dear Customer: this is the police. Move your money to a safe account.');
    expect(verdict.signals.every((signal) => signal.speaker === 'unknown')).toBe(true);
    expect(verdict.signals.map((signal) => signal.ruleId).sort()).toEqual(['police', 'safe-account']);
    expect(verdict.level).toBe('high');
  });
});

describe('evidence spans point into the original transcript', () => {
  it('for speaker lines with CRLF and padding', () => {
    const text = 'Caller:   Hello, this is the POLICE.\r\nMe: Should I move it to a safe account?\r\n  Caller: Yes, pay now.';
    const verdict = check(text);
    expectEvidenceInOriginal(text, verdict);
    expect(evidence(verdict)).toEqual([
      ['police', 'caller', 2, 'POLICE'],
      ['pay', 'caller', 1, 'pay'],
    ]);
  });

  it('for SRT with markup inside a cue', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nCaller: This is the <i>police</i>.\n\n2\n00:00:03,000 --> 00:00:04,000\nMe: I will pay.\n';
    const verdict = check(text);
    expectEvidenceInOriginal(text, verdict);
    expect(evidence(verdict)).toEqual([
      ['police', 'caller', 2, 'police'],
      ['pay', 'callee', 0.5, 'pay'],
    ]);
  });

  it('for WebVTT with voice tags', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Officer>Transfer your money to a safe account\n\n00:02.000 --> 00:03.000\n<v Me>why pay?\n';
    const verdict = check(text);
    expectEvidenceInOriginal(text, verdict);
    expect(evidence(verdict)).toEqual([
      ['safe-account', 'caller', 3, 'Transfer your money'],
      ['safe-account', 'caller', 3, 'safe account'],
      ['pay', 'callee', 0.5, 'pay'],
    ]);
  });

  it('for JSON turns with escapes, traditional Chinese and full-width letters', () => {
    const text = JSON.stringify([
      { speaker: 'Caller', text: 'This is the "ｐｏｌｉｃｅ", pay now' },
      { speaker: 'Me', text: 'a safe account?' },
      { speaker: '來電者', text: '公安局：請轉到安全帳戶' },
    ]);
    const verdict = check(text);
    expectEvidenceInOriginal(text, verdict);
    expect(evidence(verdict)).toEqual([
      ['safe-account', 'caller', 3, '安全帳戶'],
      ['police', 'caller', 2, 'ｐｏｌｉｃｅ'],
      ['police', 'caller', 2, '公安局'],
      ['pay', 'caller', 1, 'pay'],
    ]);
  });

  it('for a TeleAntiFraud {left, right} transcript', () => {
    const text = '{"left": ["我是公安局的", "转到安全账户"], "right": ["公安局？"]}';
    const verdict = check(text);
    expectEvidenceInOriginal(text, verdict);
    expect(evidence(verdict)).toEqual([
      ['safe-account', 'caller', 3, '安全账户'],
      ['police', 'caller', 2, '公安局'],
      ['police', 'callee', 1, '公安局'],
    ]);
  });
});

describe('JSON transcripts written with \\u escapes (Python json.dumps)', () => {
  const original = JSON.stringify([
    { speaker: '来电者', text: '我是公安局的，请把钱转到安全账户' },
    { speaker: '我', text: '好的' },
  ]).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

  // Fails today: analyze() matches the raw text, where 安全账户 is "\u5b89\u5168…". It passes once analyze()
  // reads transcriptSource(text) (src/core/transcript-source.ts) and maps spans back with toOriginal; then
  // turn this into a plain it().
  it('is read as what was said, with evidence still pointing into the original', () => {
    const verdict = check(original);
    expect(verdict.level).toBe('high');
    expect(verdict.language).toBe('zh');
    expectEvidenceInOriginal(original, verdict);
    expect(verdict.signals.map((signal) => JSON.parse(`"${signal.quote}"`) as string).sort()).toEqual(['公安局', '安全账户']);
  });
});

describe('the verdict language follows the transcript', () => {
  it.each([
    ['English lines', 'Caller: This is the police.\nMe: What?', 'en'],
    ['Chinese lines', '来电者：我是公安局的。\n我：什么？', 'zh'],
    ['Chinese said under English labels', 'Caller: 您好，我是公安局的，请配合调查。\nMe: 好的，请问什么事？', 'zh'],
    ['Chinese WebVTT', 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v Caller>我是公安局的\n', 'zh'],
    ['English JSON', '[{"speaker":"Caller","text":"police"}]', 'en'],
  ] as const)('%s', (_name, text, language) => {
    const verdict = check(text);
    expect(verdict.language).toBe(language);
    const han = /[\u3400-\u9fff]/;
    expect(han.test(verdict.summary)).toBe(language === 'zh');
  });

  it('unless the request names a reply language, which changes the reply but not the detected language', () => {
    const verdict = analyze({ kind: 'transcript', text: '来电者：我是公安局的。', language: 'en' }, ruleset);
    expect(verdict.language).toBe('zh');
    expect(verdict.replyLanguage).toBe('en');
  });
});
