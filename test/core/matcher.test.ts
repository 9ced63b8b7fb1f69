import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adversarialInputs } from '../../bench/adversarial.ts';
import { loadCorpora } from '../../bench/corpora.ts';
import { analyze } from '../../src/core/analyze.ts';
import { compileMatcher } from '../../src/core/matcher.ts';
import { normalize } from '../../src/core/normalize.ts';
import { parsePattern } from '../../src/core/pattern-syntax.ts';
import { literalAnchorSets } from '../../src/core/required-literals.ts';
import type { Rule } from '../../src/core/rule-schema.ts';
import { loadRuleCases, loadRuleset } from '../../src/core/ruleset.ts';
import { referenceMatcher } from './reference-matcher.ts';
import { seededRandom } from '../fakes/seeded-random.ts';

const ruleset = loadRuleset();
const EVAL_DIR = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

describe('the matcher against the reference matcher', () => {
  // The shared corpora sit beside the worktree; a clean clone in CI has them too (../shared).
  it.runIf(existsSync(EVAL_DIR))('finds exactly the same hits on a deterministic sample of every eval corpus', () => {
    const reference = referenceMatcher(ruleset.rules);
    let texts = 0;
    let hits = 0;
    for (const corpus of loadCorpora(EVAL_DIR)) {
      const step = Math.max(1, Math.floor(corpus.samples.length / 120));
      for (let index = 0; index < corpus.samples.length; index += step) {
        const normalized = normalize((corpus.samples[index] as { text: string }).text).text;
        const expected = reference(normalized);
        hits += expected.length;
        texts += 1;
        expect(ruleset.matcher.matchWithin(normalized, Infinity).hits, `${corpus.name} #${index}`).toEqual(expected);
      }
    }
    expect(texts).toBeGreaterThan(400);
    expect(hits).toBeGreaterThan(texts);
  });

  it.runIf(existsSync(EVAL_DIR))('gives the framing cue groups the same first matches from the rules\' scan as their own gate', () => {
    const gate = ruleset.frames.gate;
    expect(gate).toBeDefined();
    const texts = [
      ...loadCorpora(EVAL_DIR).flatMap((corpus) => corpus.samples.filter((_, index) => index % Math.max(1, Math.floor(corpus.samples.length / 120)) === 0).map((sample) => sample.text)),
      ...adversarialInputs(20_000).map((input) => input.text),
      ...ruleset.files.flatMap((file) => {
        const cases = loadRuleCases(file);
        return [...cases.match, ...cases.no_match];
      }),
    ];
    let found = 0;
    for (const text of texts) {
      const normalized = normalize(text).text;
      const starts = Array.from({ length: ruleset.frames.rules.groups.length }, () => -1);
      for (const hit of gate?.match(normalized) ?? []) starts[hit.ruleIndex] = hit.start;
      const result = ruleset.matcher.matchWithin(normalized, Infinity);
      expect(Array.from(result.groupStarts ?? []), text.slice(0, 40)).toEqual(starts);
      found += starts.filter((start) => start >= 0).length;
    }
    expect(found).toBeGreaterThan(30);
  });

  it('keeps a rule\'s leftmost-first order across parts shared by several rules', () => {
    const base: Omit<Rule, 'id' | 'phrases' | 'patterns'> = {
      category: 'payment',
      languages: ['en'],
      weight: 1,
      description: 'x',
      explanation: 'x',
      advice: ['x'],
      speaker: 'any',
      means_accented: [],
      quiet_on_brand_site: false,
    };
    const rules: Rule[] = [
      { ...base, id: 'a', phrases: ['wire money', 'money now'], patterns: ['wire (?:money|cash) now'] },
      { ...base, id: 'b', phrases: ['money now'], patterns: ['(?:send|wire) money'] },
    ];
    const matcher = compileMatcher(rules);
    const reference = referenceMatcher(rules);
    for (const text of ['wire money now', 'money now wire money now wire cash now', 'send money now, wire money now, money now']) {
      expect(matcher.match(text), text).toEqual(reference(text));
    }
  });
});

describe('literal anchors', () => {
  /** A small random pattern over "ab " with bounded repeats, classes, groups and lookarounds. */
  function randomPattern(random: () => number, depth = 0): string {
    const pieces: string[] = [];
    for (let index = 0, length = 1 + Math.floor(random() * 5); index < length; index += 1) {
      const choice = random();
      let atom: string;
      if (choice < 0.5) atom = random() < 0.5 ? 'a' : random() < 0.7 ? 'b' : ' ';
      else if (choice < 0.65 && depth < 2) atom = `(?:${randomPattern(random, depth + 1)}|${randomPattern(random, depth + 1)})`;
      else if (choice < 0.75) atom = '[ab]';
      else if (choice < 0.82) atom = '.';
      else if (choice < 0.88) atom = '(?<!a)';
      else atom = '\\b';
      if (!atom.startsWith('(?<') && atom !== '\\b') {
        const quantifier = random();
        if (quantifier < 0.12) atom += '?';
        else if (quantifier < 0.22) atom += '{0,3}';
        else if (quantifier < 0.3) atom += '{1,2}';
      }
      pieces.push(atom);
    }
    return pieces.join('');
  }

  it('are sound: in every match of 3,000 random patterns, each literal set occurs at an allowed offset', () => {
    const random = seededRandom(4242);
    let checked = 0;
    for (let round = 0; round < 3000; round += 1) {
      const source = randomPattern(random);
      const sets = literalAnchorSets(parsePattern(source));
      if (sets.length === 0) continue;
      const expression = new RegExp(source, 'gu');
      for (let sample = 0; sample < 15; sample += 1) {
        let text = '';
        for (let index = 0, length = Math.floor(random() * 14); index < length; index += 1) text += random() < 0.45 ? 'a' : random() < 0.8 ? 'b' : ' ';
        for (const match of text.matchAll(expression)) {
          if (match[0].length === 0) continue;
          checked += 1;
          for (const set of sets) {
            const ok = set.some((anchor) => {
              for (let offset = anchor.minOffset; offset <= Math.min(anchor.maxOffset, match[0].length); offset += 1) {
                if (match[0].startsWith(anchor.literal, offset)) return true;
              }
              return false;
            });
            if (!ok) throw new Error(`${source} matched "${match[0]}" without ${JSON.stringify(set)} at its offsets`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('bounded work', () => {
  it('answers every 200,000-character adversarial input in bounded time', () => {
    for (const input of adversarialInputs()) {
      const begin = performance.now();
      const verdict = analyze({ kind: 'message', text: input.text }, ruleset);
      const elapsed = performance.now() - begin;
      expect(verdict.level, input.name).toBeDefined();
      // Goal is < 50 ms on an idle core (npm run bench); before the pattern language these took 30-190 s.
      expect(elapsed, input.name).toBeLessThan(2_000);
    }
  });

  it('stops at its time budget with a logged warning that carries no text', () => {
    const warnings: { message: string; fields: Record<string, unknown> | undefined }[] = [];
    const logger = { warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, fields }) };
    const text = 'This is officer Wang from the police. Transfer your savings to the safe account.';
    const verdict = analyze({ kind: 'message', text }, ruleset, { logger, matchBudgetMs: -1 });
    expect(verdict.signals).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/time budget/);
    expect(JSON.stringify(warnings[0]?.fields)).not.toMatch(/police|savings/);
    expect(analyze({ kind: 'message', text }, ruleset, { logger }).level).toBe('high');
    expect(warnings).toHaveLength(1);
  });
});
