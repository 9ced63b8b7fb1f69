import { phraseSource, MAX_HITS_PER_RULE, type RawHit } from '../../src/core/matcher.ts';
import type { Rule } from '../../src/core/rule-schema.ts';

/**
 * The straightforward matcher the engine must agree with: each rule's phrases and patterns as one alternation,
 * run as a global regular expression over the whole normalized text, the first MAX_HITS_PER_RULE non-empty
 * matches kept, rule by rule.
 */
export function referenceMatcher(rules: readonly Rule[]): (text: string) => RawHit[] {
  const expressions = rules.map((rule) => new RegExp([...rule.phrases.map(phraseSource), ...rule.patterns].map((part) => `(?:${part})`).join('|'), 'gu'));
  return (text) => {
    const hits: RawHit[] = [];
    expressions.forEach((expression, ruleIndex) => {
      let found = 0;
      for (const match of text.matchAll(expression)) {
        if (found >= MAX_HITS_PER_RULE) break;
        if (match[0].length === 0) continue;
        hits.push({ ruleIndex, start: match.index, end: match.index + match[0].length });
        found += 1;
      }
    });
    return hits;
  };
}
