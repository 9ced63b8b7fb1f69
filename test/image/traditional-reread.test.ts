import { describe, expect, it } from 'vitest';
import { ctcDecode, LINE_HEIGHT } from '../../src/image/ocr-engine.ts';
import { lineEvidence, markPastEnd, mayGainFromReread, mergeReadings, paddleDictionary } from '../../src/image/traditional-reread.ts';

// A stand-in dictionary: the characters "PaddleOCR" can write in these cases.
const writable = new Set([...'我的帐户涉嫌洗案件怎會這樣好做女子，。？們们']);
const canWrite = (character: string) => writable.has(character);

describe('merging a second, Traditional reading into PaddleOCR’s', () => {
  it('fills in characters PaddleOCR dropped because it cannot write them', () => {
    expect(mergeReadings('涉嫌洗案件。', '涉嫌洗錢案件。', canWrite)).toBe('涉嫌洗錢案件。');
    expect(mergeReadings('怎會這樣？', '怎麼會這樣?', canWrite)).toBe('怎麼會這樣？');
  });

  it('replaces a look-alike only with a character PaddleOCR cannot write, or the Traditional form of a Simplified-only one', () => {
    expect(mergeReadings('我的帐户', '我的帳户', canWrite)).toBe('我的帳户');
    // 帶 and 換 are in the dictionary, but 带 and 换 are Simplified-only: their Traditional forms are taken.
    expect(mergeReadings('記得带卡', '記得帶卡', (character) => canWrite(character) || '帶換'.includes(character))).toBe('記得帶卡');
    expect(mergeReadings('我换了', '我換了', (character) => canWrite(character) || '帶換'.includes(character))).toBe('我換了');
    // 你 is written in both scripts: a 妳 read there does not replace it.
    expect(mergeReadings('你要', '妳要', (character) => canWrite(character) || character === '妳')).toBe('你要');
  });

  it('keeps PaddleOCR’s characters, punctuation and spaces wherever it could have written the other reading', () => {
    // "，" stays full-width; 們 replaces 们 only as the Traditional form of a Simplified-only character (above).
    expect(mergeReadings('好做，我们', '好做,我們', canWrite)).toBe('好做，我們');
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

describe('what PaddleOCR’s own output says about a line', () => {
  // Characters at steps 2, 8, … (a cell is 6 steps); `holes` widens the step before character i.
  const steps = (text: string, holes: Record<number, number> = {}, end = 3) => {
    const positions: number[] = [];
    for (let index = 0; index < [...text].length; index++) positions.push((positions.at(-1) ?? -4) + 6 + (holes[index] ?? 0));
    return { text, positions, steps: (positions.at(-1) as number) + end, stepsPerCell: 6 };
  };
  const both = (character: string) => writable.has(character) || '診妳你煩耍'.includes(character);

  it('fills a character-wide hole with the second reading’s character, even one PaddleOCR can write', () => {
    // 回 _ ， : 12 steps from 回 to ， hide one character.
    const evidence = lineEvidence(steps('院回，', { 2: 6 }));
    expect(evidence.hidden).toEqual([0, 0, 1, 0]);
    expect(mergeReadings('院回，', '院回診,', both, evidence)).toBe('院回診，');
    // No hole: the same second reading adds nothing PaddleOCR could have written.
    expect(mergeReadings('院回，', '院回診,', both, lineEvidence(steps('院回，')))).toBe('院回，');
    // A hole holds as many characters as its width: one here, so a second extra character is not taken.
    expect(mergeReadings('院回，', '院回診你,', both, evidence)).toBe('院回診，');
    // At the end of the line: a cell and a half of blank after the last character.
    expect(mergeReadings('麻煩妳', '麻煩妳你', both, lineEvidence(steps('麻煩妳', {}, 12)))).toBe('麻煩妳你');
  });

  it('takes the second reading’s character where it is PaddleOCR’s own runner-up there', () => {
    const line = { ...steps('你要'), runnerUps: ['妳', '耍'], runnerUpScores: [0.21, 0.001] };
    expect(lineEvidence(line).runnerUps).toEqual(['妳', '']);
    expect(mergeReadings('你要', '妳要', both, lineEvidence(line))).toBe('妳要');
    // A runner-up PaddleOCR hardly considered is no second vote.
    expect(mergeReadings('你要', '妳耍', both, lineEvidence(line))).toBe('妳要');
    expect(mergeReadings('你要', '妳要', both, lineEvidence({ ...line, runnerUpScores: [0.001, 0] }))).toBe('你要');
    // …and such a line is read again.
    expect(mayGainFromReread(line)).toBe(true);
    expect(mayGainFromReread({ ...line, runnerUpScores: [0.05, 0] })).toBe(false);
  });

  it('lines the readings up by the holes: a character in a hole, the runner-up on its character', () => {
    // 麻 _ 你 _ · : PaddleOCR dropped 煩 and 囉, wrote 你 for 妳 and · for 。.
    const line = { ...steps('麻你·', { 1: 5, 2: 4 }), runnerUps: ['', '妳', ''], runnerUpScores: [0, 0.28, 0] };
    expect(mergeReadings('麻你·', '麻煩妳囉。', both, lineEvidence(line))).toBe('麻煩妳囉。');
  });

  it('counts the blank steps of the trimmed text', () => {
    // A leading space PaddleOCR wrote is trimmed from the line's text: the evidence starts at 好.
    const evidence = lineEvidence({ text: ' 好嗎', positions: [0, 2, 14], steps: 17, stepsPerCell: 6 });
    expect(evidence.hidden).toEqual([0, 1, 0]);
  });
});

describe('a centred mark past the end of a line’s box', () => {
  // A light fill 40 × 20, a line box from x 2 to 20, rows 4 to 16.
  const image = (ink: Array<[number, number]>) => {
    const width = 40;
    const height = 20;
    const data = new Uint8Array(width * height * 4).fill(230);
    for (const [x, y] of ink) data.fill(40, (y * width + x) * 4, (y * width + x) * 4 + 3);
    return { width, height, data };
  };
  const box = { top: 4, bottom: 16, right: 20 };

  it('finds a small mark a few pixels after the box, in the middle rows', () => {
    expect(markPastEnd(image([[25, 10], [26, 10], [25, 11], [26, 11]]), box)).toBe(27);
  });

  it('finds none on a clean fill, at the box’s edge (the last glyph), or past where the bubble ends', () => {
    expect(markPastEnd(image([]), box)).toBeUndefined();
    expect(markPastEnd(image([[21, 10], [22, 10]]), box)).toBeUndefined();
    // The bubble's edge: the top and bottom rows change colour at x 24, before the ink.
    const edge: Array<[number, number]> = [];
    for (let x = 24; x < 40; x++) for (let y = 0; y < 20; y++) edge.push([x, y]);
    expect(markPastEnd(image(edge), box)).toBeUndefined();
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

describe('which lines of a Traditional screenshot are read a second time', () => {
  // Characters written one cell (6 steps) apart, as PaddleOCR writes a line it read whole.
  const evenly = (text: string, gaps: number[] = []) => {
    const positions = [2];
    for (let index = 1; index < [...text].length; index++) positions.push((positions.at(-1) as number) + (gaps[index - 1] ?? 6));
    return { text, positions, steps: (positions.at(-1) as number) + 3, stepsPerCell: 6 };
  };

  it('skips a line read whole: characters a cell apart, nothing Simplified, no misread mark', () => {
    expect(mayGainFromReread(evenly('我們明天見面吧'))).toBe(false);
    expect(mayGainFromReread(evenly('星期六下午'))).toBe(false);
  });

  it('reads again a line with a hole a character could have been dropped from, at either end too', () => {
    expect(mayGainFromReread(evenly('我們明天見面', [6, 6, 12, 6, 6]))).toBe(true);
    expect(mayGainFromReread({ ...evenly('我們明天'), positions: [9, 15, 21, 27], steps: 30 })).toBe(true);
    expect(mayGainFromReread({ ...evenly('我們明天'), steps: 30 })).toBe(true);
  });

  it('reads again a line with a Simplified-only look-alike or a misread centred mark, and never one without Chinese', () => {
    expect(mayGainFromReread(evenly('這個帐號'))).toBe(true);
    expect(mayGainFromReread(evenly('會的’我們'))).toBe(true);
    expect(mayGainFromReread(evenly('See you at 5:40', [20, 20]))).toBe(false);
  });
});

describe('greedy CTC decoding of the recognizer output', () => {
  it('drops blanks and repeats, and says where each character was written', () => {
    // 5 steps × 4 classes (0 blank, then a, b, c): best classes 1 1 0 2 2 → "ab" at steps 0 and 3.
    const best = [1, 1, 0, 2, 2];
    const data = new Float32Array(best.length * 4);
    best.forEach((k, step) => {
      for (let c = 0; c < 4; c++) data[step * 4 + c] = c === k ? 0.9 : 0.03;
    });
    const read = ctcDecode({ data, dims: [1, 5, 4] }, ['a', 'b', 'c'], 40);
    expect(read.text).toBe('ab');
    expect(read.positions).toEqual([0, 3]);
    expect(read.mean).toBeCloseTo(0.9);
    expect(read.stepsPerCell).toBeCloseTo((5 * LINE_HEIGHT) / 40);
    // The runner-up where each was written: every other class scored 0.03 (the first of them, c for a… b for 2).
    expect(read.runnerUps).toEqual(['b', 'a']);
    expect(read.runnerUpScores[0]).toBeCloseTo(0.03);
    expect(ctcDecode({ data: new Float32Array(8), dims: [1, 2, 4] }, ['a', 'b', 'c'], 16)).toMatchObject({ text: '', mean: 0 });
    // Probes: where a (class 1) was written, the best score of classes 2 and 3 is kept; b has none.
    const probed = [...data];
    probed[2] = 0.05;
    expect(ctcDecode({ data: new Float32Array(probed), dims: [1, 5, 4] }, ['a', 'b', 'c'], 40, new Map([[1, [2, 3]]])).probeScores).toEqual([Math.fround(0.05), 0]);
    expect(read.probeScores).toEqual([0, 0]);
  });
});
