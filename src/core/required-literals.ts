/**
 * Required literals of a regular expression: a set of strings such that every match of the expression
 * contains at least one of them. The matcher uses them as a cheap prefilter: a rule whose literals all are
 * absent from a text cannot match it, so its expression is not run. The analysis is conservative: anything
 * it does not understand (classes, backreferences, lookarounds, optional parts) contributes no literal, and
 * when no literal is certain the answer is `undefined` ("always run").
 */

/** A parsed piece of a pattern: a literal character, a group of alternatives, or anything else. */
type Atom = { kind: 'char'; char: string } | { kind: 'group'; alternatives: Atom[][] } | { kind: 'other' };

/** An atom with how often it must occur: `required` is false for `?`, `*` and `{0,n}`. */
interface Piece {
  atom: Atom;
  required: boolean;
  /** True when the atom is repeated (`+`, `{2,}`): a literal run cannot continue across it. */
  repeated: boolean;
}

/** Shortest literal worth a prefilter check; shorter ones occur in almost every text. */
const MIN_LITERAL_LENGTH = 2;

/** True when a literal is selective enough: two characters, or one Chinese (non-ASCII) character. */
function longEnough(literal: string): boolean {
  return literal.length >= MIN_LITERAL_LENGTH || (literal.length === 1 && literal.charCodeAt(0) >= 0x80);
}
/** More alternatives than this and checking them costs more than running the expression. */
const MAX_LITERALS = 48;

const OTHER: Atom = { kind: 'other' };

class PatternParser {
  private position = 0;
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  parse(): Atom[][] {
    const alternatives = this.alternatives();
    if (this.position < this.source.length) throw new Error('unbalanced parenthesis');
    return alternatives;
  }

  private alternatives(): Atom[][] {
    const result: Atom[][] = [this.sequence()];
    while (this.source[this.position] === '|') {
      this.position += 1;
      result.push(this.sequence());
    }
    return result;
  }

  /** A sequence as atoms; optional atoms become `other`, repeated characters end a literal run. */
  private sequence(): Atom[] {
    const pieces: Piece[] = [];
    while (this.position < this.source.length && this.source[this.position] !== '|' && this.source[this.position] !== ')') {
      const atom = this.atom();
      pieces.push(this.quantified(atom));
    }
    const atoms: Atom[] = [];
    for (const piece of pieces) {
      if (!piece.required) atoms.push(OTHER);
      else if (piece.repeated) atoms.push(piece.atom, OTHER);
      else atoms.push(piece.atom);
    }
    return atoms;
  }

  private quantified(atom: Atom): Piece {
    const next = this.source[this.position];
    let required = true;
    let repeated = false;
    if (next === '?' || next === '*') {
      required = false;
      this.position += 1;
    } else if (next === '+') {
      repeated = true;
      this.position += 1;
    } else if (next === '{') {
      const quantifier = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (quantifier) {
        const min = Number(quantifier[1]);
        const max = quantifier[2] === undefined ? min : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
        required = min >= 1;
        repeated = max !== 1;
        this.position += quantifier[0].length;
      }
    } else {
      return { atom, required, repeated };
    }
    if (this.source[this.position] === '?') this.position += 1; // lazy quantifier
    return { atom, required, repeated };
  }

  private atom(): Atom {
    const char = this.source[this.position] as string;
    this.position += 1;
    switch (char) {
      case '(':
        return this.group();
      case '[':
        this.skipClass();
        return OTHER;
      case '\\':
        return this.escape();
      case '.':
      case '^':
      case '$':
        return OTHER;
      default:
        return { kind: 'char', char };
    }
  }

  private group(): Atom {
    const rest = this.source.slice(this.position, this.position + 3);
    let lookaround = false;
    if (rest.startsWith('?:')) this.position += 2;
    else if (rest.startsWith('?=') || rest.startsWith('?!')) {
      this.position += 2;
      lookaround = true;
    } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
      this.position += 3;
      lookaround = true;
    } else if (rest.startsWith('?<')) {
      const close = this.source.indexOf('>', this.position);
      if (close < 0) throw new Error('unterminated group name');
      this.position = close + 1;
    } else if (rest.startsWith('?')) {
      throw new Error('unsupported group');
    }
    const alternatives = this.alternatives();
    if (this.source[this.position] !== ')') throw new Error('unbalanced parenthesis');
    this.position += 1;
    return lookaround ? OTHER : { kind: 'group', alternatives };
  }

  private skipClass(): void {
    if (this.source[this.position] === '^') this.position += 1;
    if (this.source[this.position] === ']') this.position += 1;
    while (this.position < this.source.length && this.source[this.position] !== ']') {
      this.position += this.source[this.position] === '\\' ? 2 : 1;
    }
    if (this.position >= this.source.length) throw new Error('unterminated class');
    this.position += 1;
  }

  private escape(): Atom {
    const char = this.source[this.position];
    if (char === undefined) throw new Error('trailing backslash');
    this.position += 1;
    if (char === 'c') {
      this.position += 1; // \cX: a control character
      return OTHER;
    }
    if (/[0-9]/.test(char)) {
      while (/[0-9]/.test(this.source[this.position] ?? '')) this.position += 1; // backreference or \0
      return OTHER;
    }
    if (/[bBdDsSwWpPkfnrtv]/.test(char)) {
      // Classes, boundaries, backreferences, property escapes and control escapes: not literal here.
      if ((char === 'p' || char === 'P' || char === 'k') && this.source[this.position] === (char === 'k' ? '<' : '{')) {
        const close = this.source.indexOf(char === 'k' ? '>' : '}', this.position);
        this.position = close < 0 ? this.source.length : close + 1;
      }
      return OTHER;
    }
    if (char === 'u' || char === 'x') {
      const hex = char === 'x' ? /^[0-9a-fA-F]{2}/ : /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]+\})/;
      const found = hex.exec(this.source.slice(this.position));
      if (!found) return OTHER;
      this.position += found[0].length;
      return { kind: 'char', char: String.fromCodePoint(Number.parseInt(found[0].replace(/[{}]/g, ''), 16)) };
    }
    return { kind: 'char', char };
  }
}

/** Literal sets of a list of alternatives: every alternative must yield one, else undefined. */
function alternativesLiterals(alternatives: readonly Atom[][]): string[] | undefined {
  const result = new Set<string>();
  for (const sequence of alternatives) {
    const literals = sequenceLiterals(sequence);
    if (!literals) return undefined;
    for (const literal of literals) result.add(literal);
    if (result.size > MAX_LITERALS) return undefined;
  }
  return [...result];
}

/** Words so frequent in messages that, as a literal, they filter out almost nothing. */
const COMMON_WORDS = new Set(
  'a an and are as at be by day for from get has have he her his i in is it me my no not now of on or our out she so than that the their them they this to up us was we were what when will with you your'.split(' '),
);

/** How selective a literal is: its length, or 1 when it is only very common words (spaces around allowed). */
function selectivity(literal: string): number {
  return literal.trim().split(/ +/).every((word) => COMMON_WORDS.has(word)) ? 1 : literal.length;
}

/** How good a literal set is as a prefilter: its least selective member, fewer members breaking ties. */
function quality(literals: readonly string[]): number {
  return Math.min(...literals.map(selectivity)) * 1000 - literals.length;
}

/**
 * The best literal set of one sequence: among its runs of consecutive required characters and its required
 * groups (each group's alternatives expanded; a group directly followed or preceded by literal text is
 * extended with it), the one with the longest shortest member.
 */
function sequenceLiterals(sequence: readonly Atom[]): string[] | undefined {
  const candidates: string[][] = [];
  let run = '';
  const endRun = (): void => {
    if (longEnough(run)) candidates.push([run]);
    run = '';
  };
  for (let index = 0; index < sequence.length; index += 1) {
    const atom = sequence[index] as Atom;
    if (atom.kind === 'char') {
      run += atom.char;
      continue;
    }
    if (atom.kind === 'group') {
      const inner = alternativesLiterals(atom.alternatives);
      const whole = groupStrings(atom.alternatives);
      if (whole) {
        // A group of plain strings: glue the run before and the literal characters after onto each.
        let after = '';
        let next = index + 1;
        while (next < sequence.length && sequence[next]?.kind === 'char') {
          after += (sequence[next] as { char: string }).char;
          next += 1;
        }
        const glued = whole.map((text) => run + text + after);
        if (glued.every(longEnough)) candidates.push(glued);
        run = '';
        index = next - 1;
        if (longEnough(after)) candidates.push([after]);
        continue;
      }
      endRun();
      if (inner && inner.length > 0 && inner.every(longEnough)) candidates.push(inner);
      continue;
    }
    endRun();
  }
  endRun();
  if (candidates.length === 0) return undefined;
  return candidates.reduce((best, candidate) => (quality(candidate) > quality(best) ? candidate : best));
}

/** The strings a group matches when every alternative is plain text (no classes, quantifiers, groups), else undefined. */
function groupStrings(alternatives: readonly Atom[][]): string[] | undefined {
  const strings: string[] = [];
  for (const sequence of alternatives) {
    let text = '';
    for (const atom of sequence) {
      if (atom.kind !== 'char') return undefined;
      text += atom.char;
    }
    strings.push(text);
  }
  return strings.length <= MAX_LITERALS ? strings : undefined;
}

/**
 * Strings of which every match of `source` contains at least one, or undefined when the pattern offers no
 * certain literal (or uses syntax this analysis does not read). Sound by construction: a literal is only
 * taken from characters every match must contain, in order and adjacent.
 */
export function requiredLiterals(source: string): string[] | undefined {
  let alternatives: Atom[][];
  try {
    alternatives = new PatternParser(source).parse();
  } catch {
    return undefined;
  }
  const literals = alternativesLiterals(alternatives);
  return literals && literals.length > 0 ? literals : undefined;
}
