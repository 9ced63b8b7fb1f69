import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../bench/csv.ts';

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(parseCsv('"x, y","line one\nline two","say ""hi"""\r\nlast,,\r\n')).toEqual([
      ['x, y', 'line one\nline two', 'say "hi"'],
      ['last', '', ''],
    ]);
  });

  it('reads a final record without a line break and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFFname,value\nfoo,"bar"')).toEqual([
      ['name', 'value'],
      ['foo', 'bar'],
    ]);
  });

  it('skips blank lines and keeps stray quotes in unquoted fields', () => {
    expect(parseCsv('a,b\n\n5" tall,x\n')).toEqual([
      ['a', 'b'],
      ['5" tall', 'x'],
    ]);
  });

  it('maps rows onto header names', () => {
    expect(parseCsvObjects(' text ,label\n"hello\nthere",ham\n')).toEqual([{ text: 'hello\nthere', label: 'ham' }]);
  });
});
