import { normalize } from './normalize.ts';
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
export const MAX_HITS_PER_RULE = 3;

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

/**
 * Compiles rules into one matcher. A combined "gate" expression answers in one pass whether anything matches
 * at all (the common case for ordinary messages); only then each rule's own expression runs. Throws an error
 * naming the rule and pattern when a pattern is not a valid regular expression.
 */
export function compileMatcher(rules: readonly Rule[]): Matcher {
  const sources = rules.map((rule) => {
    const parts = rule.phrases.map(phraseSource);
    rule.patterns.forEach((pattern, index) => {
      try {
        new RegExp(pattern, 'u');
      } catch (error) {
        throw new Error(`rule ${rule.id}: patterns[${index}] is not a valid regular expression: ${(error as Error).message}`);
      }
      parts.push(pattern);
    });
    return parts.map((part) => `(?:${part})`).join('|');
  });
  const expressions = sources.map((source) => new RegExp(source, 'gu'));
  const gate = new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'u');

  return {
    match(normalizedText: string): RawHit[] {
      if (!gate.test(normalizedText)) return [];
      const hits: RawHit[] = [];
      expressions.forEach((expression, ruleIndex) => {
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
