import { normalize } from './normalize.ts';
import { requiredLiterals } from './required-literals.ts';
import type { Rule } from './rule-schema.ts';

/** One match of one rule, in normalized-text offsets. */
export interface RawHit {
  ruleIndex: number;
  start: number;
  end: number;
}

/** All rule patterns compiled once; `match` scans a normalized text. */
export interface Matcher {
  match(normalizedText: string): RawHit[];
}

/** Most matches kept per rule and text: enough evidence, bounded work on hostile input. */
const MAX_HITS_PER_RULE = 3;

const ASCII_WORD = /^[a-z0-9]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns a literal phrase into a regular-expression source over normalized text. Phrases are normalized like
 * the text they are matched against; an ASCII word edge gets a word boundary so "ice" never matches "police",
 * and a space in a phrase also matches no space (normalization drops spaces between Chinese characters).
 */
export function phraseSource(phrase: string): string {
  const folded = normalize(phrase).text.trim();
  let source = escapeRegExp(folded).replace(/ /g, ' ?');
  if (ASCII_WORD.test(folded)) source = `(?<![a-z0-9])${source}`;
  if (ASCII_WORD.test(folded.slice(-1))) source = `${source}(?![a-z0-9])`;
  return source;
}

/** Slots of the literal index (a power of two): small enough to stay in cache; collisions cost one integer compare. */
const SLOT_BITS = 13;

function bigramSlot(pair: number): number {
  return Math.imul(pair, 0x9e3779b1) >>> (32 - SLOT_BITS);
}

/**
 * Finds which rules may match a text in one pass: literals are indexed by their first two characters, and at
 * each position of the text only the literals starting with that character pair are compared. The index is
 * flat (offsets per slot into parallel arrays), so the scan allocates nothing but the result flags.
 */
export class LiteralIndex {
  /** Entries of slot s are offsets[s] .. offsets[s + 1] - 1. */
  private readonly offsets = new Int32Array((1 << SLOT_BITS) + 1);
  /** The first two characters of each entry's literal, as (first << 16 | second). */
  private readonly pairs: Int32Array;
  private readonly literals: string[];
  private readonly ruleOf: Int32Array;
  /** Rules per one-character literal (a single Chinese character such as 卡), by character code. */
  private readonly singles = new Map<number, number[]>();
  private readonly always: number[] = [];
  private readonly ruleCount: number;

  /** `literalsPerRule[i]` undefined means rule i has no certain literal and always runs. */
  constructor(literalsPerRule: readonly (readonly string[] | undefined)[]) {
    this.ruleCount = literalsPerRule.length;
    const entries: { pair: number; literal: string; ruleIndex: number }[] = [];
    literalsPerRule.forEach((literals, ruleIndex) => {
      if (!literals) {
        this.always.push(ruleIndex);
        return;
      }
      for (const literal of literals) {
        if (literal.length === 1) {
          const code = literal.charCodeAt(0);
          const rules = this.singles.get(code) ?? [];
          rules.push(ruleIndex);
          this.singles.set(code, rules);
        } else {
          entries.push({ pair: (literal.charCodeAt(0) << 16) | literal.charCodeAt(1), literal, ruleIndex });
        }
      }
    });
    entries.sort((a, b) => bigramSlot(a.pair) - bigramSlot(b.pair));
    this.pairs = Int32Array.from(entries, (entry) => entry.pair);
    this.literals = entries.map((entry) => entry.literal);
    this.ruleOf = Int32Array.from(entries, (entry) => entry.ruleIndex);
    const counts = new Int32Array(1 << SLOT_BITS);
    for (const entry of entries) counts[bigramSlot(entry.pair)] = (counts[bigramSlot(entry.pair)] as number) + 1;
    for (let slot = 0; slot < counts.length; slot += 1) this.offsets[slot + 1] = (this.offsets[slot] as number) + (counts[slot] as number);
  }

  /** A flag per rule: 1 when one of its literals occurs in `text` (or it has none), else 0. */
  candidates(text: string): Uint8Array {
    const flags = new Uint8Array(this.ruleCount);
    for (const ruleIndex of this.always) flags[ruleIndex] = 1;
    if (this.singles.size > 0) this.markSingles(text, flags);
    const { offsets, pairs, literals, ruleOf } = this;
    let previous = text.charCodeAt(0);
    for (let position = 1; position < text.length; position += 1) {
      const code = text.charCodeAt(position);
      const pair = (previous << 16) | code;
      previous = code;
      const slot = bigramSlot(pair);
      const last = offsets[slot + 1] as number;
      for (let entry = offsets[slot] as number; entry < last; entry += 1) {
        if (pairs[entry] !== pair) continue;
        const ruleIndex = ruleOf[entry] as number;
        if (flags[ruleIndex] === 0 && text.startsWith(literals[entry] as string, position - 1)) flags[ruleIndex] = 1;
      }
    }
    return flags;
  }

  private markSingles(text: string, flags: Uint8Array): void {
    for (let position = 0; position < text.length; position += 1) {
      const code = text.charCodeAt(position);
      if (code < 0x80) continue;
      const rules = this.singles.get(code);
      if (rules) for (const ruleIndex of rules) flags[ruleIndex] = 1;
    }
  }
}

/** A rule's compiled expression and the literals one of which every match contains (undefined: always run). */
interface CompiledRule {
  expression: RegExp;
  literals: string[] | undefined;
}

/**
 * Compiles rules into one matcher. Each rule's phrases and patterns become one expression, and the literals
 * every match must contain (src/core/required-literals.ts) become its prefilter: a rule none of whose
 * literals occurs in the text is not run at all, so an ordinary message costs one pass over its characters
 * and a few table lookups. Throws an error naming the rule and pattern when a pattern is not a valid
 * regular expression.
 */
export function compileMatcher(rules: readonly Rule[]): Matcher {
  const compiled: CompiledRule[] = rules.map((rule) => {
    const parts = rule.phrases.map(phraseSource);
    rule.patterns.forEach((pattern, index) => {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        throw new Error(`rule ${rule.id}: patterns[${index}] is not a valid regular expression: ${(error as Error).message}`);
      }
      parts.push(pattern);
    });
    const literals = new Set<string>();
    let prefilter = true;
    for (const part of parts) {
      const required = requiredLiterals(part);
      if (!required) {
        prefilter = false;
        break;
      }
      for (const literal of required) literals.add(literal);
    }
    const source = parts.map((part) => `(?:${part})`).join('|');
    return { expression: new RegExp(source, 'gu'), literals: prefilter ? [...literals] : undefined };
  });
  const index = new LiteralIndex(compiled.map((rule) => rule.literals));

  return {
    match(normalizedText: string): RawHit[] {
      const hits: RawHit[] = [];
      if (normalizedText.length === 0) return hits;
      const candidates = index.candidates(normalizedText);
      compiled.forEach((rule, ruleIndex) => {
        if (candidates[ruleIndex] === 0) return;
        const { expression } = rule;
        expression.lastIndex = 0;
        let found = 0;
        let result: RegExpExecArray | null;
        while (found < MAX_HITS_PER_RULE && (result = expression.exec(normalizedText)) !== null) {
          if (result[0].length === 0) {
            expression.lastIndex += 1;
            continue;
          }
          hits.push({ ruleIndex, start: result.index, end: result.index + result[0].length });
          found += 1;
        }
      });
      return hits;
    },
  };
}
