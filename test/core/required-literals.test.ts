import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeMessages } from '../../bench/samples.ts';
import { compileMatcher } from '../../src/core/matcher.ts';
import { normalize } from '../../src/core/normalize.ts';
import { requiredLiterals } from '../../src/core/required-literals.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { referenceMatcher } from './reference-matcher.ts';
import { seededRandom } from '../fakes/seeded-random.ts';

describe('requiredLiterals', () => {
  it.each([
    ['(?<![a-z0-9])police(?![a-z0-9])', ['police']],
    ['safe ?account', ['account']],
    ['\\b(?:ignore|disregard)\\b.{0,20}\\binstructions?\\b', ['instruction']],
    ['\\b(?:ignore|disregard)\\b.{0,20}\\b(?:rules|prompts?)\\b', ['disregard', 'ignore']],
    ['bit\\.ly/\\S+', ['bit.ly/']],
    ['(?:转|汇)款', ['转款', '汇款']],
    ['you(?:[\'’]ve| have)? won', [' won']],
    ['a+bc', ['bc']],
    ['(?:ab|cd)+xy', ['xy']],
    ['(?:ab|cd)+', ['ab', 'cd']],
    ['x(?:ab|)y', ['xaby', 'xy']],
    ['foo|bar', ['bar', 'foo']],
    ['stay on the (?:line|phone)', ['stay on the line', 'stay on the phone']],
    ['your (?:card|pin)', ['your card', 'your pin']],
    ['your\\b.{0,9}\\bwon', ['won']],
    ['\\u00e9t\\u00e9', ['été']],
    ['银行卡|卡', ['卡', '银行卡']],
  ])('%s → %j', (source, expected) => {
    expect(requiredLiterals(source)?.slice().sort()).toEqual(expected.slice().sort());
  });

  it.each([
    ['[a-z]+', 'only a class'],
    ['a|[0-9]', 'one alternative has no literal'],
    ['(?:ab)?c', 'a single ASCII character is too common'],
    ['\\cJab?', 'a control escape is not the letter after it'],
    ['(a)\\1b?', 'a backreference'],
    ['(?=abc)', 'a lookahead matches nothing itself'],
    ['(?:abc', 'unbalanced'],
  ])('%s has no certain literal (%s)', (source) => {
    expect(requiredLiterals(source)).toBeUndefined();
  });

  /** A small random pattern over the alphabet "ab", with every construct the analysis reads. */
  function randomPattern(random: () => number, depth = 0): string {
    const pieces: string[] = [];
    const length = 1 + Math.floor(random() * 4);
    for (let index = 0; index < length; index += 1) {
      const choice = random();
      let atom: string;
      if (choice < 0.45) atom = random() < 0.5 ? 'a' : 'b';
      else if (choice < 0.6 && depth < 2) atom = `(?:${randomPattern(random, depth + 1)}|${randomPattern(random, depth + 1)})`;
      else if (choice < 0.7) atom = '[ab]';
      else if (choice < 0.78) atom = '.';
      else if (choice < 0.85) atom = '(?<!a)';
      else if (choice < 0.9) atom = '\\b';
      else atom = depth < 2 ? `(${randomPattern(random, depth + 1)})` : 'a';
      const quantifier = atom === '\\b' || atom === '(?<!a)' ? 1 : random();
      if (quantifier < 0.1) atom += '?';
      else if (quantifier < 0.17) atom += '*';
      else if (quantifier < 0.24) atom += '+';
      else if (quantifier < 0.3) atom += '{0,2}';
      else if (quantifier < 0.35) atom += '{1,3}';
      pieces.push(atom);
    }
    return pieces.join('');
  }

  it('is sound: every match of 3,000 random patterns on random texts contains one of its literals', () => {
    const random = seededRandom(12345);
    let checked = 0;
    for (let round = 0; round < 3000; round += 1) {
      const source = randomPattern(random);
      const literals = requiredLiterals(source);
      if (!literals) continue;
      const expression = new RegExp(source, 'gu');
      for (let sample = 0; sample < 20; sample += 1) {
        let text = '';
        const length = Math.floor(random() * 12);
        for (let index = 0; index < length; index += 1) text += random() < 0.5 ? 'a' : random() < 0.8 ? 'b' : ' ';
        for (const match of text.matchAll(expression)) {
          if (match[0].length === 0) continue;
          checked += 1;
          if (!literals.some((literal) => match[0].includes(literal))) {
            throw new Error(`pattern ${source} matched "${match[0]}" without any of ${JSON.stringify(literals)}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

const naiveMatch = referenceMatcher(loadRuleset().rules);

function caseTexts(dir: string): string[] {
  const texts: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.cases.yaml')) continue;
    const cases = parse(readFileSync(join(entry.parentPath, entry.name), 'utf8')) as Record<string, unknown>;
    for (const value of Object.values(cases)) if (Array.isArray(value)) texts.push(...value.filter((item) => typeof item === 'string'));
  }
  return texts;
}

describe('the literal prefilter', () => {
  it('finds exactly what running every rule finds, on every rule case and the benchmark messages', () => {
    const ruleset = loadRuleset();
    const texts = [...caseTexts(join(import.meta.dirname, '../../rules')), ...makeMessages(300)];
    expect(texts.length).toBeGreaterThan(300);
    let hits = 0;
    for (const text of texts) {
      const normalized = normalize(text).text;
      const expected = naiveMatch(normalized);
      hits += expected.length;
      expect(ruleset.matcher.match(normalized), text).toEqual(expected);
    }
    expect(hits).toBeGreaterThan(texts.length / 2);
  });

  it('skips a rule whose literals are absent and refuses one without a literal', () => {
    const base = { category: 'payment', languages: ['en'], weight: 1, description: 'x', explanation: 'x', advice: [] } as const;
    const matcher = compileMatcher([
      { ...base, id: 'literal', phrases: ['wire money'], patterns: [] },
      { ...base, id: 'code', phrases: [], patterns: ['code:? ?\\d{6}'] },
    ] as never);
    expect(matcher.match('code 123456').map((hit) => hit.ruleIndex)).toEqual([1]);
    expect(matcher.match('please wire money now').map((hit) => hit.ruleIndex)).toEqual([0]);
    expect(matcher.match('')).toEqual([]);
    expect(() => compileMatcher([{ ...base, id: 'class-only', phrases: [], patterns: ['\\d{6}'] }] as never)).toThrow(
      /rule class-only: patterns\[0\] "\\\\d\{6\}" has no literal/,
    );
  });
});
