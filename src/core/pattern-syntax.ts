/**
 * The syntax tree of a rule pattern (a JavaScript regular expression with the `u` flag) and the measures the
 * engine needs from it: how long a match can be, how far its lookarounds read, and how much backtracking one
 * attempt can cost. Lengths are in UTF-16 code units, like offsets in the normalized text.
 */

/** One piece of a pattern. */
export type PatternNode =
  /** One literal code point. */
  | { kind: 'char'; text: string }
  /** One code point out of a class (`[…]`, `.`, `\d`, `\p{…}`); `max` is 2 when it may be astral. */
  | { kind: 'set'; max: 1 | 2 }
  /** A zero-width assertion: `\b`, `\B`, `^`, `$`, or a lookaround with its body. */
  | { kind: 'assert'; look?: { behind: boolean; alternatives: PatternNode[][] } }
  | { kind: 'group'; alternatives: PatternNode[][] }
  | { kind: 'repeat'; body: PatternNode; min: number; max: number; quantifier: string }
  | { kind: 'backreference' };

/** A pattern this parser does not read (the message says what). */
export class PatternSyntaxError extends Error {}

const CLASS_ESCAPES_WIDE = new Set(['D', 'S', 'W', 'p', 'P']);

class Parser {
  private position = 0;
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  parse(): PatternNode[][] {
    const alternatives = this.alternatives();
    if (this.position < this.source.length) throw new PatternSyntaxError('unbalanced parenthesis');
    return alternatives;
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }

  private alternatives(): PatternNode[][] {
    const result: PatternNode[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.position += 1;
      result.push(this.sequence());
    }
    return result;
  }

  private sequence(): PatternNode[] {
    const nodes: PatternNode[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      nodes.push(this.quantified(this.atom()));
    }
    return nodes;
  }

  private quantified(atom: PatternNode): PatternNode {
    const start = this.position;
    const next = this.peek();
    let min: number;
    let max: number;
    if (next === '?') [min, max] = [0, 1];
    else if (next === '*') [min, max] = [0, Infinity];
    else if (next === '+') [min, max] = [1, Infinity];
    else if (next === '{') {
      const found = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.position));
      if (!found) return atom;
      min = Number(found[1]);
      max = found[2] === undefined ? min : found[3] === '' ? Infinity : Number(found[3]);
      this.position += found[0].length - 1;
    } else {
      return atom;
    }
    this.position += 1;
    if (this.peek() === '?') this.position += 1; // lazy
    return { kind: 'repeat', body: atom, min, max, quantifier: this.source.slice(start, this.position) };
  }

  private atom(): PatternNode {
    const codePoint = this.source.codePointAt(this.position) as number;
    const char = String.fromCodePoint(codePoint);
    this.position += char.length;
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape(false);
      case '.':
        return { kind: 'set', max: 2 };
      case '^':
      case '$':
        return { kind: 'assert' };
      default:
        return { kind: 'char', text: char };
    }
  }

  private group(): PatternNode {
    const rest = this.source.slice(this.position, this.position + 3);
    let look: { behind: boolean } | undefined;
    if (rest.startsWith('?:')) this.position += 2;
    else if (rest.startsWith('?=') || rest.startsWith('?!')) {
      this.position += 2;
      look = { behind: false };
    } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
      this.position += 3;
      look = { behind: true };
    } else if (rest.startsWith('?<')) {
      const close = this.source.indexOf('>', this.position);
      if (close < 0) throw new PatternSyntaxError('unterminated group name');
      this.position = close + 1;
    } else if (rest.startsWith('?')) {
      throw new PatternSyntaxError('unsupported group syntax');
    }
    const alternatives = this.alternatives();
    if (this.peek() !== ')') throw new PatternSyntaxError('unbalanced parenthesis');
    this.position += 1;
    return look ? { kind: 'assert', look: { behind: look.behind, alternatives } } : { kind: 'group', alternatives };
  }

  private characterClass(): PatternNode {
    let max: 1 | 2 = 1;
    if (this.peek() === '^') {
      max = 2;
      this.position += 1;
    }
    let first = true;
    while (this.position < this.source.length && (this.peek() !== ']' || first)) {
      first = false;
      const codePoint = this.source.codePointAt(this.position) as number;
      if (codePoint > 0xffff) max = 2;
      if (codePoint === 0x5c) {
        this.position += 1;
        const escaped = this.escape(true);
        if (escaped.kind === 'set' && escaped.max === 2) max = 2;
        if (escaped.kind === 'char' && escaped.text.length === 2) max = 2;
      } else {
        this.position += codePoint > 0xffff ? 2 : 1;
      }
    }
    if (this.position >= this.source.length) throw new PatternSyntaxError('unterminated character class');
    this.position += 1;
    return { kind: 'set', max };
  }

  /** After a backslash: a literal character, a class, an assertion or a backreference. */
  private escape(inClass: boolean): PatternNode {
    const char = this.peek();
    if (char === undefined) throw new PatternSyntaxError('trailing backslash');
    this.position += 1;
    if (char === 'b' || char === 'B') return inClass ? { kind: 'char', text: '\b' } : { kind: 'assert' };
    if (char === 'k' || /[1-9]/.test(char)) {
      if (inClass) throw new PatternSyntaxError('backreference in a class');
      if (char === 'k') {
        const close = this.source.indexOf('>', this.position);
        this.position = close < 0 ? this.source.length : close + 1;
      } else {
        while (/[0-9]/.test(this.peek() ?? '')) this.position += 1;
      }
      return { kind: 'backreference' };
    }
    if (char === 'p' || char === 'P') {
      const close = this.source.indexOf('}', this.position);
      this.position = close < 0 ? this.source.length : close + 1;
      return { kind: 'set', max: 2 };
    }
    if (/[dDsSwW]/.test(char)) return { kind: 'set', max: CLASS_ESCAPES_WIDE.has(char) ? 2 : 1 };
    if (char === 'c') {
      this.position += 1; // \cX, a control character: read as a class (no literal is taken from it)
      return { kind: 'set', max: 1 };
    }
    if (char === '0') return { kind: 'char', text: '\0' };
    const controls: Record<string, string> = { f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (char in controls) return { kind: 'char', text: controls[char] as string };
    if (char === 'u' || char === 'x') {
      const hex = char === 'x' ? /^[0-9a-fA-F]{2}/ : /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]+\})/;
      const found = hex.exec(this.source.slice(this.position));
      if (!found) throw new PatternSyntaxError(`malformed \\${char} escape`);
      this.position += found[0].length;
      return { kind: 'char', text: String.fromCodePoint(Number.parseInt(found[0].replace(/[{}]/g, ''), 16)) };
    }
    return { kind: 'char', text: char };
  }
}

/** Parses a pattern into alternatives of node sequences; throws PatternSyntaxError on syntax it does not read. */
export function parsePattern(source: string): PatternNode[][] {
  return new Parser(source).parse();
}

/** Shortest and longest match of a node, in UTF-16 code units (max Infinity when unbounded). */
export function nodeLength(node: PatternNode): [number, number] {
  switch (node.kind) {
    case 'char':
      return [node.text.length, node.text.length];
    case 'set':
      return [1, node.max];
    case 'assert':
      return [0, 0];
    case 'group':
      return alternativesLength(node.alternatives);
    case 'repeat': {
      const [min, max] = nodeLength(node.body);
      return [min * node.min, node.max === 0 || max === 0 ? 0 : max * node.max];
    }
    case 'backreference':
      return [0, Infinity];
  }
}

/** Shortest and longest match of a sequence. */
export function sequenceLength(sequence: readonly PatternNode[]): [number, number] {
  let min = 0;
  let max = 0;
  for (const node of sequence) {
    const [low, high] = nodeLength(node);
    min += low;
    max += high;
  }
  return [min, max];
}

/** Shortest and longest match of a list of alternatives. */
export function alternativesLength(alternatives: readonly PatternNode[][]): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const sequence of alternatives) {
    const [low, high] = sequenceLength(sequence);
    min = Math.min(min, low);
    max = Math.max(max, high);
  }
  return [min === Infinity ? 0 : min, max];
}

/**
 * How far outside a match its assertions may read: `behind` code units before its start and `ahead` after
 * its end (a word boundary reads one character; a lookaround reads its body's longest match, plus one for a
 * boundary inside it).
 */
export function lookContext(alternatives: readonly PatternNode[][]): { behind: number; ahead: number } {
  let behind = 0;
  let ahead = 0;
  const visit = (node: PatternNode): void => {
    if (node.kind === 'assert') {
      if (!node.look) {
        behind = Math.max(behind, 2);
        ahead = Math.max(ahead, 2);
        return;
      }
      const reach = alternativesLength(node.look.alternatives)[1] + 2;
      if (node.look.behind) behind = Math.max(behind, reach);
      else ahead = Math.max(ahead, reach);
      node.look.alternatives.forEach((sequence) => sequence.forEach(visit));
    } else if (node.kind === 'group') node.alternatives.forEach((sequence) => sequence.forEach(visit));
    else if (node.kind === 'repeat') visit(node.body);
  };
  alternatives.forEach((sequence) => sequence.forEach(visit));
  return { behind, ahead };
}

/** The strings of alternatives that are all plain text, else undefined. */
function plainStrings(alternatives: readonly PatternNode[][]): string[] | undefined {
  const strings: string[] = [];
  for (const sequence of alternatives) {
    if (!sequence.every((node) => node.kind === 'char')) return undefined;
    strings.push(sequence.map((node) => (node as { text: string }).text).join(''));
  }
  return strings;
}

/** How many of `strings` can match at one position at once: the longest chain of strings prefixing each other. */
function longestPrefixChain(strings: readonly string[]): number {
  const sorted = [...new Set(strings)].sort((a, b) => a.length - b.length);
  const chain = sorted.map(() => 1);
  sorted.forEach((text, index) => {
    for (let shorter = 0; shorter < index; shorter += 1) {
      if (text.startsWith(sorted[shorter] as string)) chain[index] = Math.max(chain[index] as number, (chain[shorter] as number) + 1);
    }
  });
  return Math.max(1, ...chain);
}

/**
 * An upper bound on the paths a backtracking engine can try for one attempt at one position: a sequence
 * multiplies its parts' paths, alternatives add theirs (alternatives of plain text count only those that can
 * match together, "claim|claims" two, "call|ring|dial" one: a failed string spawns no path), a bounded repeat of a body with p paths adds
 * p^k for each allowed count k, a lookaround costs its body once more. Infinity when a quantifier is unbounded.
 */
export function backtrackBound(alternatives: readonly PatternNode[][]): number {
  const node = (item: PatternNode): number => {
    switch (item.kind) {
      case 'char':
      case 'set':
        return 1;
      case 'assert':
        return item.look ? 1 + backtrackBound(item.look.alternatives) : 1;
      case 'group': {
        const strings = plainStrings(item.alternatives);
        return strings ? longestPrefixChain(strings) : backtrackBound(item.alternatives);
      }
      case 'repeat': {
        if (item.max === Infinity) return Infinity;
        const paths = node(item.body);
        if (paths === 1) return item.max - item.min + 1;
        let total = 0;
        for (let count = item.min; count <= item.max && total < 1e12; count += 1) total += paths ** count;
        return total;
      }
      case 'backreference':
        return Infinity;
    }
  };
  let total = 0;
  for (const sequence of alternatives) total += sequence.reduce((product, item) => product * node(item), 1);
  return total;
}
