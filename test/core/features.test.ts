import { describe, expect, it } from 'vitest';
import { adversarialInputs } from '../../bench/adversarial.ts';
import { makeMessages } from '../../bench/samples.ts';
import { createFeatureBuffer, extractFeatures, MAX_MODEL_CHARS } from '../../src/core/model/features.ts';
import { normalize } from '../../src/core/normalize.ts';

/** The feature recipe of features.ts written plainly, over strings, as the reference for the fast version. */
function referenceFeatures(text: string, bits: number): number[] {
  const mask = (1 << bits) - 1;
  const fnv = (seed: number, units: readonly number[], from = (FNV_OFFSET ^ seed) >>> 0): number => units.reduce((hash, unit) => Math.imul(hash ^ unit, FNV_PRIME), from);
  const mix = (hash: number): number => {
    let h = hash;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
  const isHan = (code: number): boolean => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
  const isSymbol = (code: number): boolean => [0x24, 0x25, 0x40, 0x2f, 0xa3, 0xa5, 0x20ac, 0x20b9].includes(code);
  const isWordChar = (code: number): boolean => {
    if (code < 0x80) return /[a-zA-Z0-9]/.test(String.fromCharCode(code));
    if (code < 0xc0 || code === 0xd7 || code === 0xf7) return false;
    if ((code >= 0x2000 && code <= 0x2bff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xd800 && code <= 0xdfff)) return false;
    if ((code >= 0xfe30 && code <= 0xfe6f) || (code >= 0xff00 && code <= 0xff20)) return false;
    return !isHan(code);
  };
  const fold = (code: number): number => (code >= 48 && code <= 57 ? 48 : code >= 65 && code <= 90 ? code + 32 : code);
  // The recipe reads UTF-16 code units.
  const codes = [...Array(Math.min(text.length, MAX_MODEL_CHARS)).keys()].map((index) => text.charCodeAt(index));
  const out: number[] = [];
  let previous = 0;
  for (let index = 0; index < codes.length; ) {
    const code = codes[index] as number;
    if (isHan(code)) {
      let end = index;
      while (end < codes.length && isHan(codes[end] as number)) end += 1;
      for (let start = index; start < end; start += 1) {
        for (let length = 1; length <= 4 && start + length <= end; length += 1) out.push(mix(fnv(0x68, codes.slice(start, start + length))) & mask);
      }
      index = end;
      previous = 0;
    } else if (isSymbol(code)) {
      const hash = fnv(0x77, [code]);
      out.push(mix(hash) & mask);
      if (previous !== 0) out.push(mix(Math.imul((previous ^ 0x70) >>> 0, FNV_PRIME) ^ hash) & mask);
      previous = hash | 1;
      index += 1;
    } else if (isWordChar(code)) {
      let end = index;
      while (end < codes.length && isWordChar(codes[end] as number)) end += 1;
      const folded = codes.slice(index, end).map(fold);
      const hash = fnv(0x77, folded);
      out.push(mix(hash) & mask);
      if (previous !== 0) out.push(mix(Math.imul((previous ^ 0x70) >>> 0, FNV_PRIME) ^ hash) & mask);
      previous = hash | 1;
      index = end;
      // A number (digits only) is its word alone: no subwords.
      if (folded.every((unit) => unit === 48)) continue;
      const padded = [0x3c, ...folded, 0x3e];
      for (let start = 0; start + 3 <= padded.length; start += 1) {
        for (let length = 3; length <= 5 && start + length <= padded.length; length += 1) out.push(mix(fnv(0x73, padded.slice(start, start + length))) & mask);
      }
      index = end;
    } else {
      index += 1;
    }
  }
  return out;
}
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

describe('extractFeatures', () => {
  it('gives exactly the features of the plain recipe, in order', () => {
    const texts = [
      ...makeMessages(40),
      'Pay $500 now at www.example.com/pay, 50% off! Call 0800-123-456',
      '您好，我是市公安局的王警官 ok 请转账 ¥20000',
      `${'a'.repeat(70)} ${'Z9'.repeat(90)} é ü ß`,
      ...adversarialInputs(6_000).map((input) => input.text),
    ];
    const buffer = createFeatureBuffer();
    for (const text of texts) {
      const normalized = normalize(text).text;
      extractFeatures(normalized, 18, buffer);
      expect(Array.from(buffer.indices.subarray(0, buffer.count)), text.slice(0, 30)).toEqual(referenceFeatures(normalized, 18));
    }
  });
});
