import { describe, expect, it } from 'vitest';
import { LiteralScanner } from '../../src/core/literal-scanner.ts';

/** Every occurrence of every literal by plain search, in the scanner's order: by end, then by literal id as the automaton emits them. */
function reference(literals: readonly string[], text: string): [number, number][] {
  const found: [number, number, number][] = [];
  literals.forEach((literal, id) => {
    for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) found.push([at, id, at + literal.length]);
  });
  return found.sort((a, b) => a[2] - b[2] || b[2] - b[0] - (a[2] - a[0])).map(([start, id]) => [start, id]);
}

function scanned(scanner: LiteralScanner, text: string): [number, number][] {
  const { data, length } = scanner.scan(text);
  const pairs: [number, number][] = [];
  for (let index = 0; index < length; index += 2) pairs.push([data[index] as number, data[index + 1] as number]);
  return pairs;
}

/** A deterministic pseudo-random generator (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('LiteralScanner', () => {
  // Literals sharing prefixes and suffixes in ASCII and Han, so failure links across scripts are exercised.
  const literals = ['he', 'she', 'his', 'hers', 'a', 'ab', 'bab', '转账', '账户', '安全账户', '全', '我是', '是他', 'a转', '账a', '😀', 'x😀y'];
  const alphabet = ['a', 'b', 'h', 'e', 's', 'r', 'i', ' ', '转', '账', '户', '安', '全', '我', '是', '他', '中', '😀', 'x', 'y', 'é'];

  it('finds exactly the occurrences a plain search finds, overlapping ones included', () => {
    const scanner = new LiteralScanner(literals);
    const next = random(12345);
    for (let round = 0; round < 400; round += 1) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let index = 0; index < length; index += 1) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(scanned(scanner, text), JSON.stringify(text)).toEqual(reference(literals, text));
    }
  });

  it('reads a literal that starts right after a failed longer one', () => {
    const scanner = new LiteralScanner(literals);
    expect(scanned(scanner, '安全账a')).toEqual(reference(literals, '安全账a'));
    expect(scanned(scanner, 'shers')).toEqual(reference(literals, 'shers'));
  });
});
