import type { Rule } from '../src/core/rule-schema.ts';

/**
 * The rules plus `copies - 1` copies of each, every copy with its own phrases and patterns that never match
 * ordinary text: each phrase and pattern is prefixed with a nonsense word unique to the copy, so a copy's
 * literals differ from the original's and from every other copy's. Measures how the engine's cost grows with
 * the number of rules, not with the number of hits.
 */
export function synthesizeRules(rules: readonly Rule[], copies: number): Rule[] {
  const result: Rule[] = [...rules];
  for (let copy = 1; copy < copies; copy += 1) {
    const tag = `zqx${copy.toString(36)}vjkw`;
    for (const rule of rules) {
      result.push({
        ...rule,
        id: `${rule.id}-copy-${copy}`,
        phrases: rule.phrases.map((phrase) => `${tag} ${phrase}`),
        patterns: rule.patterns.map((pattern) => `${tag} (?:${pattern})`),
      });
    }
  }
  return result;
}
