/** A JSON value with where it sits in the source text. Strings keep the range of their literal. */
export type JsonNode =
  | { kind: 'string'; value: string; start: number; end: number; escaped: boolean }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; entries: Array<[string, JsonNode]> }
  | { kind: 'other' };

/** Deepest nesting accepted; deeper input is rejected rather than risking the stack. */
const MAX_DEPTH = 64;

/** Thrown for text that is not one JSON value (or nests too deep). */
export class JsonPositionError extends Error {
  override readonly name = 'JsonPositionError';
}

/**
 * Parses one JSON value (surrounded by whitespace only) starting at `from`, keeping for every string the
 * range [start, end) of its literal INCLUDING the quotes, and whether it held escapes. Linear in the input;
 * throws JsonPositionError on anything that is not strict JSON.
 */
export function parseJsonWithPositions(text: string, from = 0): JsonNode {
  let position = from;

  const fail = (what: string): never => {
    throw new JsonPositionError(`${what} at offset ${position}`);
  };
  const skipWhitespace = (): void => {
    for (;;) {
      const code = text.charCodeAt(position);
      if (code === 32 || code === 9 || code === 10 || code === 13) position += 1;
      else return;
    }
  };
  const readString = (): JsonNode => {
    const start = position;
    position += 1;
    let escaped = false;
    for (;;) {
      if (position >= text.length) fail('unterminated string');
      const code = text.charCodeAt(position);
      if (code === 34) break;
      if (code < 32) fail('control character in string');
      if (code === 92) {
        escaped = true;
        position += 2;
      } else {
        position += 1;
      }
    }
    position += 1;
    let value = text.slice(start + 1, position - 1);
    if (escaped) {
      try {
        value = JSON.parse(text.slice(start, position)) as string;
      } catch {
        fail('bad escape in string');
      }
    }
    return { kind: 'string', value, start, end: position, escaped };
  };
  const readValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skipWhitespace();
    const code = text.charCodeAt(position);
    if (code === 34) return readString();
    if (code === 91) {
      position += 1;
      const items: JsonNode[] = [];
      skipWhitespace();
      if (text.charCodeAt(position) === 93) {
        position += 1;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(readValue(depth + 1));
        skipWhitespace();
        const next = text.charCodeAt(position);
        position += 1;
        if (next === 93) return { kind: 'array', items };
        if (next !== 44) fail('expected , or ]');
      }
    }
    if (code === 123) {
      position += 1;
      const entries: Array<[string, JsonNode]> = [];
      skipWhitespace();
      if (text.charCodeAt(position) === 125) {
        position += 1;
        return { kind: 'object', entries };
      }
      for (;;) {
        skipWhitespace();
        if (text.charCodeAt(position) !== 34) fail('expected a key');
        const key = readString() as { value: string };
        skipWhitespace();
        if (text.charCodeAt(position) !== 58) fail('expected :');
        position += 1;
        entries.push([key.value, readValue(depth + 1)]);
        skipWhitespace();
        const next = text.charCodeAt(position);
        position += 1;
        if (next === 125) return { kind: 'object', entries };
        if (next !== 44) fail('expected , or }');
      }
    }
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(position, position + 64));
    if (!literal) fail('unexpected character');
    position += (literal as RegExpExecArray)[0].length;
    return { kind: 'other' };
  };

  const value = readValue(0);
  skipWhitespace();
  if (position < text.length) fail('trailing text');
  return value;
}

/** A decoded JSON string with, for every code unit of the value, the range of the source it came from. */
export interface DecodedString {
  value: string;
  /** `from[i]`/`to[i]`: source range [from, to) of the escape or character that produced value[i]. */
  from: Int32Array;
  to: Int32Array;
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the content of a JSON string literal, text[start, end) without the quotes, keeping where each
 * decoded code unit came from ("\u00e9" → "é" from 6 source units). Lenient: a malformed escape is kept
 * as written. Linear.
 */
export function decodeJsonString(text: string, start: number, end: number): DecodedString {
  const from = new Int32Array(Math.max(0, end - start));
  const to = new Int32Array(Math.max(0, end - start));
  let value = '';
  let length = 0;
  const push = (unit: string, source: number, sourceEnd: number): void => {
    value += unit;
    from[length] = source;
    to[length] = sourceEnd;
    length += 1;
  };
  let index = start;
  while (index < end) {
    const char = text[index] as string;
    if (char !== '\\' || index + 1 >= end) {
      push(char, index, index + 1);
      index += 1;
      continue;
    }
    const kind = text[index + 1] as string;
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      push(simple, index, index + 2);
      index += 2;
    } else if (kind === 'u' && index + 6 <= end && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
      push(String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 6), 16)), index, index + 6);
      index += 6;
    } else {
      push(char, index, index + 1);
      index += 1;
    }
  }
  return { value, from: from.subarray(0, length), to: to.subarray(0, length) };
}
