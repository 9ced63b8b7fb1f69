/**
 * The pattern language of rule files: JavaScript regular expressions restricted so that checking a text
 * costs time linear in its length whatever the text. The engine runs a pattern only where one of its
 * literals occurs (src/core/required-literals.ts), starting it at the few offsets the literal allows, so the
 * work per literal occurrence must be bounded. Hence, refused when a rule loads:
 * - an unbounded quantifier (`*`, `+`, `{n,}`): write a bound such as `{1,64}`;
 * - a bound above MAX_REPEAT, or a longest match above MAX_MATCH_LENGTH code units;
 * - a backreference;
 * - more than MAX_BACKTRACK_PATHS backtracking paths for one attempt (nested or stacked bounded repeats);
 * - no literal every match must contain (two characters, or one non-ASCII character).
 * With all of those, one attempt explores at most MAX_BACKTRACK_PATHS paths of at most MAX_MATCH_LENGTH
 * characters, and attempts happen only at literal occurrences: linear in the text, by construction.
 */
import { alternativesLength, backtrackBound, lookContext, parsePattern, PatternSyntaxError, type PatternNode } from './pattern-syntax.ts';
import { firstUnits } from './first-units.ts';
import { literalAnchorSets, type LiteralAnchor } from './required-literals.ts';

/** Largest repeat count a quantifier may allow. */
export const MAX_REPEAT = 256;
/** Longest match a pattern may have, in UTF-16 code units. */
export const MAX_MATCH_LENGTH = 1024;
/**
 * Most backtracking paths one attempt may explore, by the conservative count of backtrackBound(). The rules
 * shipped today reach about 2e6 (the job-offer salary pattern, its stacked optional parts); nested bounded
 * repeats such as `(?:a{0,9}b?){0,9}` reach billions and are refused.
 */
export const MAX_BACKTRACK_PATHS = 10_000_000;

/** Most further literal sets checked per pattern (each costs a binary search per anchor occurrence). */
const MAX_CONFIRMERS = 3;

/** What the engine needs to know about one accepted pattern. */
export interface PatternShape {
  source: string;
  /** The literals the pattern is run at. */
  anchors: LiteralAnchor[];
  /** Further literal sets every match contains one member of: checked near an anchor before running. */
  confirmers: LiteralAnchor[][];
  /** Longest match, in UTF-16 code units. */
  maxLength: number;
  /** How far before a match's start and after its end its assertions read. */
  behind: number;
  ahead: number;
  /** The code units a non-empty match can start with (src/core/first-units.ts), sorted; undefined: any. */
  firstUnits: number[] | undefined;
}

/** A pattern the pattern language refuses; the message says why and how to fix it. */
export class PatternPolicyError extends Error {}

function firstUnbounded(alternatives: readonly PatternNode[][]): string | undefined {
  for (const sequence of alternatives) {
    for (const node of sequence) {
      let found: string | undefined;
      if (node.kind === 'repeat') {
        if (node.max === Infinity) return node.quantifier;
        found = firstUnbounded([[node.body]]);
      } else if (node.kind === 'group') found = firstUnbounded(node.alternatives);
      else if (node.kind === 'assert' && node.look) found = firstUnbounded(node.look.alternatives);
      if (found) return found;
    }
  }
  return undefined;
}

function largestRepeat(alternatives: readonly PatternNode[][]): number {
  let largest = 0;
  const visit = (node: PatternNode): void => {
    if (node.kind === 'repeat') {
      largest = Math.max(largest, node.max);
      visit(node.body);
    } else if (node.kind === 'group') node.alternatives.forEach((sequence) => sequence.forEach(visit));
    else if (node.kind === 'assert' && node.look) node.look.alternatives.forEach((sequence) => sequence.forEach(visit));
  };
  alternatives.forEach((sequence) => sequence.forEach(visit));
  return largest;
}

function hasBackreference(alternatives: readonly PatternNode[][]): boolean {
  const visit = (node: PatternNode): boolean =>
    node.kind === 'backreference' ||
    (node.kind === 'repeat' && visit(node.body)) ||
    (node.kind === 'group' && node.alternatives.some((sequence) => sequence.some(visit))) ||
    (node.kind === 'assert' && node.look !== undefined && node.look.alternatives.some((sequence) => sequence.some(visit)));
  return alternatives.some((sequence) => sequence.some(visit));
}

/**
 * Checks a pattern against the pattern language and returns what the engine needs; throws
 * PatternPolicyError saying what is wrong (invalid syntax included).
 */
export function analysePattern(source: string): PatternShape {
  try {
    new RegExp(source, 'u');
  } catch (error) {
    throw new PatternPolicyError(`is not a valid regular expression: ${(error as Error).message}`);
  }
  let alternatives: PatternNode[][];
  try {
    alternatives = parsePattern(source);
  } catch (error) {
    if (error instanceof PatternSyntaxError) throw new PatternPolicyError(`uses syntax the rule language does not allow: ${error.message}`);
    throw error;
  }
  if (hasBackreference(alternatives)) throw new PatternPolicyError('uses a backreference, which the rule language does not allow');
  const unbounded = firstUnbounded(alternatives);
  if (unbounded) {
    throw new PatternPolicyError(`has the unbounded quantifier "${unbounded}": give it a bound such as {1,64} (at most ${MAX_REPEAT})`);
  }
  const repeat = largestRepeat(alternatives);
  if (repeat > MAX_REPEAT) throw new PatternPolicyError(`repeats up to ${repeat} times: at most ${MAX_REPEAT} allowed`);
  const maxLength = alternativesLength(alternatives)[1];
  const context = lookContext(alternatives);
  if (maxLength > MAX_MATCH_LENGTH || context.behind > MAX_MATCH_LENGTH || context.ahead > MAX_MATCH_LENGTH) {
    throw new PatternPolicyError(`can match or look at up to ${Math.max(maxLength, context.behind, context.ahead)} characters: at most ${MAX_MATCH_LENGTH} allowed`);
  }
  const paths = backtrackBound(alternatives);
  if (paths > MAX_BACKTRACK_PATHS) {
    throw new PatternPolicyError(
      `can backtrack through ${paths.toExponential(1)} paths per attempt (at most ${MAX_BACKTRACK_PATHS}): avoid nested or stacked repeats`,
    );
  }
  const [anchors, ...confirmers] = literalAnchorSets(alternatives);
  if (!anchors) {
    throw new PatternPolicyError(
      'has no literal that every match contains (two characters, or one non-ASCII character, outside optional parts and classes)',
    );
  }
  return { source, anchors, confirmers: confirmers.slice(0, MAX_CONFIRMERS), maxLength, behind: context.behind, ahead: context.ahead, firstUnits: firstUnits(alternatives) };
}

/** Why a pattern is refused, or undefined when the rule language accepts it. */
export function patternProblem(source: string): string | undefined {
  try {
    analysePattern(source);
    return undefined;
  } catch (error) {
    if (error instanceof PatternPolicyError) return error.message;
    throw error;
  }
}
