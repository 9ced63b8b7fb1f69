/**
 * The code units a non-empty match of a pattern can start with, read from its syntax tree: the matcher skips
 * a candidate start whose code unit is not one of them instead of running the expression there. On the
 * 500-byte bench messages the narrow windows cost about 90 sticky attempts per message for 12 hits; most
 * attempts start on a character no match can start with, and each costs a regular-expression call.
 */
import type { PatternNode } from './pattern-syntax.ts';

/** What a sequence can start with: the code units, or `undefined` for any; `nullable` when it can match empty. */
interface Firsts {
  units: Set<number> | undefined;
  nullable: boolean;
}

function nodeFirsts(node: PatternNode): Firsts {
  switch (node.kind) {
    case 'char':
      return { units: new Set([node.text.charCodeAt(0)]), nullable: false };
    case 'set':
      return { units: undefined, nullable: false };
    case 'assert':
      // Zero-width: it only restricts where a match can be, it consumes nothing.
      return { units: new Set(), nullable: true };
    case 'group':
      return alternativesFirsts(node.alternatives);
    case 'repeat': {
      if (node.max === 0) return { units: new Set(), nullable: true };
      const body = nodeFirsts(node.body);
      return { units: body.units, nullable: node.min === 0 || body.nullable };
    }
    case 'backreference':
      return { units: undefined, nullable: true };
  }
}

function sequenceFirsts(sequence: readonly PatternNode[]): Firsts {
  const units = new Set<number>();
  for (const node of sequence) {
    const firsts = nodeFirsts(node);
    if (firsts.units === undefined) return { units: undefined, nullable: false };
    for (const unit of firsts.units) units.add(unit);
    if (!firsts.nullable) return { units, nullable: false };
  }
  return { units, nullable: true };
}

function alternativesFirsts(alternatives: readonly PatternNode[][]): Firsts {
  const units = new Set<number>();
  let nullable = false;
  for (const sequence of alternatives) {
    const firsts = sequenceFirsts(sequence);
    if (firsts.units === undefined) return { units: undefined, nullable: false };
    for (const unit of firsts.units) units.add(unit);
    nullable ||= firsts.nullable;
  }
  return { units, nullable };
}

/**
 * The UTF-16 code units the first consumed character of any non-empty match starts with, sorted, or
 * `undefined` when the tree does not say (a class, `.`, or a backreference comes first). Assertions and
 * optional parts are looked through, so the set is an over-approximation: a match never starts elsewhere.
 * Patterns are case-sensitive (the matcher compiles them with the `u` flag only).
 */
export function firstUnits(alternatives: readonly PatternNode[][]): number[] | undefined {
  const { units } = alternativesFirsts(alternatives);
  return units === undefined ? undefined : [...units].sort((a, b) => a - b);
}
