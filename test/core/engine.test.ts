import { mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { buildReply } from '../../src/core/reply.ts';
import { renderText } from '../../src/core/render-text.ts';
import { createRulesChecker } from '../../src/core/rules-checker.ts';
import { loadRuleset, RuleFileError } from '../../src/core/ruleset.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const ruleset = loadRuleset(FIXTURE);
const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function brokenCopy(edit: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'safeword-rules-'));
  scratch.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe('ruleset loading', () => {
  it('loads rules, cases, scoring and advice', () => {
    expect(ruleset.rules.map((rule) => rule.id).sort()).toEqual(['pay', 'police', 'safe-account']);
  });
  it('names the file and field of an invalid rule', () => {
    const dir = brokenCopy((path) =>
      writeFileSync(join(path, 'authority/police.yaml'), 'id: police\ncategory: authority\nlanguages: [en]\nweight: "x"\n'),
    );
    expect(() => loadRuleset(dir)).toThrow(RuleFileError);
    expect(() => loadRuleset(dir)).toThrow(/authority\/police\.yaml: field "weight"/);
  });
  it.each([
    ['an unbounded quantifier', 'pay\\\\s*now', /the unbounded quantifier "\*"/],
    ['an unbounded \\S+', 'https?://\\\\S+', /the unbounded quantifier "\+"/],
    ['nested repeats', '(?:ab{0,9}c?){0,9}police', /backtrack through .* paths/],
    ['no literal', '\\\\d{6}', /has no literal that every match contains/],
    ['a backreference', '(ab)\\\\1police', /backreference/],
    ['a repeat too long', 'police.{0,5000}', /at most 256/],
  ])('refuses a pattern with %s, naming the file and the pattern', (_, pattern, reason) => {
    const dir = brokenCopy((path) =>
      writeFileSync(
        join(path, 'authority/police.yaml'),
        `id: police\ncategory: authority\nlanguages: [en]\nweight: 1\ndescription: x\npatterns: ["${pattern}"]\nexplanation: authority\nadvice: [verify]\n`,
      ),
    );
    expect(() => loadRuleset(dir)).toThrow(RuleFileError);
    expect(() => loadRuleset(dir)).toThrow(/authority\/police\.yaml: field "patterns\.0": pattern ".*"/);
    expect(() => loadRuleset(dir)).toThrow(reason);
  });

  it('refuses a phrase the engine cannot anchor, naming its file', () => {
    const dir = brokenCopy((path) =>
      writeFileSync(join(path, 'authority/police.yaml'), 'id: police\ncategory: authority\nlanguages: [en]\nweight: 1\ndescription: x\nphrases: ["a b"]\nexplanation: authority\nadvice: [verify]\n'),
    );
    expect(() => loadRuleset(dir)).toThrow(/authority\/police\.yaml: rule police: phrase "a b" has no literal/);
  });

  it('rejects an unknown category, a bad regex, a missing cases file and an unknown advice id', () => {
    const badCategory = brokenCopy((path) =>
      writeFileSync(join(path, 'authority/police.yaml'), 'id: police\ncategory: aliens\nlanguages: [en]\nweight: 1\ndescription: x\nphrases: [ab]\nexplanation: authority\nadvice: [verify]\n'),
    );
    expect(() => loadRuleset(badCategory)).toThrow(/field "category"/);
    const badRegex = brokenCopy((path) =>
      writeFileSync(join(path, 'authority/police.yaml'), 'id: police\ncategory: authority\nlanguages: [en]\nweight: 1\ndescription: x\npatterns: ["(unclosed"]\nexplanation: authority\nadvice: [verify]\n'),
    );
    expect(() => loadRuleset(badRegex)).toThrow(/authority\/police\.yaml: field "patterns\.0": pattern "\(unclosed" is not a valid regular expression/);
    const noCases = brokenCopy((path) => rmSync(join(path, 'payment/pay.cases.yaml')));
    expect(() => loadRuleset(noCases)).toThrow(/missing cases file/);
    const badAdvice = brokenCopy((path) =>
      writeFileSync(join(path, 'payment/pay.yaml'), 'id: pay\ncategory: payment\nlanguages: [en]\nweight: 1\ndescription: x\nphrases: [pay]\nexplanation: payment\nadvice: [dance]\n'),
    );
    expect(() => loadRuleset(badAdvice)).toThrow(/step "dance" is not in rules\/advice\/en\.yaml/);
    const malformed = brokenCopy((path) => writeFileSync(join(path, 'scoring.yaml'), 'combinations: [\n'));
    expect(() => loadRuleset(malformed)).toThrow(/scoring\.yaml: not valid YAML/);
  });
});

describe('analyze', () => {
  it('keeps a single weak hit low and says no warning signs when nothing matches', () => {
    expect(analyze({ kind: 'message', text: 'The police visited our school today.' }, ruleset).level).toBe('low');
    const nothing = analyze({ kind: 'message', text: 'See you at dinner tonight.' }, ruleset);
    expect(nothing.level).toBe('none');
    expect(nothing.signals).toEqual([]);
    expect(nothing.actions.map((step) => step.id)).toEqual(['verify']);
    expect(nothing.steps).toEqual([]);
  });

  it('raises a combination to high and explains it first', () => {
    const verdict = analyze({ kind: 'message', text: 'This is the police. Move your savings to a safe account.' }, ruleset);
    expect(verdict.level).toBe('high');
    expect(verdict.combinations).toEqual(['authority_payment', 'strong_authority_payment']);
    expect(verdict.categories).toEqual(['payment', 'authority']);
    const reply = buildReply(verdict, { secondOpinion: 'off', ruleset });
    expect(reply.reason).toBe('An "official" asking for money is the classic scam.');
    expect(reply.why).not.toContain(reply.reason);
    expect(reply.evidence.map((item) => item.quote)).toEqual(['safe account', 'police']);
  });

  it('does not fire a combination whose categories are too weak', () => {
    const verdict = analyze({ kind: 'message', text: 'police said pay', language: 'en' }, ruleset);
    expect(verdict.combinations).toEqual(['authority_payment']);
  });

  it('quotes evidence from the original text through homoglyphs and traditional Chinese', () => {
    const verdict = analyze({ kind: 'message', text: '公安局：請把錢轉到安全帳戶' }, ruleset);
    expect(verdict.language).toBe('zh');
    expect(verdict.signals.map((signal) => signal.quote)).toEqual(['安全帳戶', '公安局']);
    const text = 'The pοlice need a ｓａｆｅ ａｃｃｏｕｎｔ';
    const mixed = analyze({ kind: 'message', text }, ruleset);
    for (const signal of mixed.signals) expect(text.slice(signal.start, signal.end)).toBe(signal.quote);
    expect(mixed.signals.map((signal) => signal.quote).sort()).toEqual(['pοlice', 'ｓａｆｅ ａｃｃｏｕｎｔ']);
  });

  it('answers in the requested language with steps from that language only', () => {
    const verdict = analyze({ kind: 'message', text: 'police safe account', language: 'zh', }, ruleset, { country: 'cn' });
    expect(verdict.summary).toMatch(/[\u4e00-\u9fff]/);
    expect(verdict.steps.at(-1)).toEqual({ id: 'report', text: '拨打 110 或反诈专线 96110。' });
    for (const step of verdict.steps) expect(step.text).not.toMatch(/[a-z]{4,}/i);
  });

  it('weighs the callee less and ignores caller-only rules in the callee lines', () => {
    const transcript = 'Caller: Hello, this is the police.\nCallee: Should I move money to a safe account?\nCaller: Yes.';
    const verdict = analyze({ kind: 'transcript', text: transcript }, ruleset);
    expect(verdict.signals.map((signal) => signal.ruleId)).toEqual(['police']);
    expect(verdict.signals[0]?.speaker).toBe('caller');
    const callerSays = 'Caller: This is the police, transfer your funds to a safe account.\nCallee: OK.';
    expect(analyze({ kind: 'transcript', text: callerSays }, ruleset).level).toBe('high');
  });

  it('never calls a message safe', () => {
    const reply = buildReply(analyze({ kind: 'message', text: 'hello there' }, ruleset), { secondOpinion: 'off', ruleset });
    const text = renderText(reply, ruleset.t);
    expect(text).not.toMatch(/\bsafe\b(?! word)/i);
    expect(text).toContain('No warning signs found');
  });
});

describe('rules checker', () => {
  it('returns the rules verdict at once and as the refined verdict', async () => {
    const checker = createRulesChecker(ruleset);
    const outcome = checker.check({ kind: 'message', text: 'police: safe account' });
    expect(checker.secondOpinion).toBe('off');
    await expect(outcome.refined).resolves.toBe(outcome.instant);
    expect(outcome.changed(outcome.instant)).toBe(false);
    expect(outcome.changed({ ...outcome.instant, level: 'medium' })).toBe(true);
  });
});
