import { describe, expect, it } from 'vitest';
import { mergeReadings, paddleDictionary } from '../../src/image/traditional-reread.ts';

// A stand-in dictionary: the characters "PaddleOCR" can write in these cases.
const writable = new Set([...'我的帐户涉嫌洗案件怎會這樣好做女子，。？們们']);
const canWrite = (character: string) => writable.has(character);

describe('merging a second, Traditional reading into PaddleOCR’s', () => {
  it('fills in characters PaddleOCR dropped because it cannot write them', () => {
    expect(mergeReadings('涉嫌洗案件。', '涉嫌洗錢案件。', canWrite)).toBe('涉嫌洗錢案件。');
    expect(mergeReadings('怎會這樣？', '怎麼會這樣?', canWrite)).toBe('怎麼會這樣？');
  });

  it('replaces a look-alike only with a character PaddleOCR cannot write', () => {
    expect(mergeReadings('我的帐户', '我的帳户', canWrite)).toBe('我的帳户');
  });

  it('keeps PaddleOCR’s characters, punctuation and spaces wherever it could have written the other reading', () => {
    // 們 is writable: the second reading does not overrule the first one's 们; "，" stays full-width.
    expect(mergeReadings('好做，我们', '好做,我們', canWrite)).toBe('好做，我们');
    // A second reading that misread a writable character changes nothing.
    expect(mergeReadings('這樣好', '這樣女子', canWrite)).toBe('這樣好');
    // Latin letters and digits from the second reading are never taken.
    expect(mergeReadings('好 5G', '好5Gx', canWrite)).toBe('好 5G');
    expect(mergeReadings('好做', '', canWrite)).toBe('好做');
  });

  it('reads the dictionary from the model package: the Traditional characters it lacks are the ones to fill in', () => {
    const dictionary = paddleDictionary();
    expect(dictionary.size).toBeGreaterThan(6000);
    expect(dictionary.has('钱')).toBe(true);
    expect(dictionary.has('會')).toBe(true);
    for (const missing of '錢麼須訴週嗎') expect(dictionary.has(missing)).toBe(false);
  });
});

describe('centred Traditional punctuation', () => {
  it('writes the full-width mark where PaddleOCR misread or dropped a centred comma or full stop', () => {
    expect(mergeReadings('會的’我們到°', '會的,我們到。', canWrite)).toBe('會的，我們到。');
    expect(mergeReadings('會的我們到', '會的,我們到。', canWrite)).toBe('會的，我們到。');
  });

  it('leaves other punctuation alone', () => {
    expect(mergeReadings('好做？', '好做?', canWrite)).toBe('好做？');
    expect(mergeReadings('好做！', '好做 !', canWrite)).toBe('好做！');
    expect(mergeReadings('5G 87%', '5G 870%', canWrite)).toBe('5G 87%');
  });
});

describe('no doubled marks', () => {
  it('adds no full stop before a mark PaddleOCR already read', () => {
    expect(mergeReadings('好做，我們', '好做.,我們', canWrite)).toBe('好做，我們');
  });
});
