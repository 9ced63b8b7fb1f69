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
  // Work counted, not timed (the < 50 ms goal is measured by npm run bench): the matcher's pattern runs on each
  // adversarial input at 100,000 and 200,000 characters, with no time budget, so the counts are the same on any
  // machine. Doubling the text must at most double the work (plus a little), and the work per character is
  // bounded: a rule whose cost grows faster than the text fails here. Before the pattern language these took 30-190 s.
  it('does work linear in the length of every adversarial input', () => {
    // The service's matcher (rules and framing cue groups): the work of one check is the difference of its counters.
    const workOf = (text: string) => {
      const before = ruleset.matcher.work();
      ruleset.matcher.matchWithin(normalize(text).text, Infinity);
      const after = ruleset.matcher.work();
      return { occurrences: after.occurrences - before.occurrences, attempts: after.attempts - before.attempts, units: after.units - before.units };
    };
    const half = adversarialInputs(100_000);
    adversarialInputs(200_000).forEach((input, index) => {
      const small = workOf((half[index] as { text: string }).text);
      const large = workOf(input.text);
      for (const key of ['occurrences', 'attempts', 'units'] as const) {
        expect(large[key], `${input.name}: ${key}`).toBeLessThanOrEqual(2.2 * small[key] + 1_000);
      }
      expect(large.units, input.name).toBeLessThanOrEqual(8 * input.text.length);
      expect(analyze({ kind: 'message', text: input.text }, ruleset).level, input.name).toBeDefined();
    });
  });

  it('counts its work: a pattern run per start tried, the units of every window searched', () => {
    const matcher = compileMatcher([{ id: 'x', phrases: ['police'], patterns: ['\\bsafe\\b.{0,40}\\baccount\\b'] }]);
    expect(matcher.work()).toEqual({ occurrences: 0, attempts: 0, units: 0 });
    matcher.match('call the police now');
    expect(matcher.work()).toEqual({ occurrences: 1, attempts: 1, units: 1 });
    matcher.match(`move it to a safe ${'x'.repeat(30)} account`);
    const work = matcher.work();
    // "safe" and "account": the anchor and the further literal the pattern needs.
    expect(work.occurrences).toBe(3);
    expect(work.attempts).toBe(2);
    // One search of the wide window: a slice holding every start the anchor allows and the longest match from there.
    expect(work.units).toBeGreaterThan(40);
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
