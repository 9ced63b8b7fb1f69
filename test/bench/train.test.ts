import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { callerLines, chooseThresholds, DEFAULT_OPTIONS, thresholdFor, type TrainingRow } from '../../bench/model-training.ts';
import { trainAndWrite } from '../../bench/train.ts';
import { trainLinear, type Example } from '../../bench/linear-trainer.ts';
import { MAX_WINDOWED_CHARS, textWindows, WINDOW_CHARS } from '../../bench/text-windows.ts';
import { loadLocalModel, sha256 } from '../../src/core/model/model-file.ts';
import { scoreText, type LocalModel } from '../../src/core/model/local-model.ts';
import { normalize } from '../../src/core/normalize.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/train-model/', import.meta.url));
const OPTIONS = { ...DEFAULT_OPTIONS, bits: 12, epochs: 3, folds: 2 };
const scratch = mkdtempSync(join(tmpdir(), 'safeword-train-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function train(root: string, out: string): Record<string, unknown> {
  return trainAndWrite({ evalDir: join(root, 'eval'), trainDir: join(root, 'train'), benignDir: join(root, 'benign') }, join(scratch, out), OPTIONS);
}

describe('npm run train', () => {
  it('is reproducible: the same data gives the same weights and the same manifest, byte for byte', () => {
    const first = train(FIXTURE, 'a');
    const second = train(FIXTURE, 'b');
    expect(second.weightsSha256).toBe(first.weightsSha256);
    expect(sha256(readFileSync(join(scratch, 'b', 'scam-model.bin')))).toBe(first.weightsSha256);
    expect(readFileSync(join(scratch, 'b', 'scam-model.json'), 'utf8')).toBe(readFileSync(join(scratch, 'a', 'scam-model.json'), 'utf8'));
  });

  it('fits only train + eval files: changing an eval-only file changes nothing, changing a fitted one changes the model', () => {
    const base = train(FIXTURE, 'base');
    const copy = join(scratch, 'copy');
    cpSync(FIXTURE, copy, { recursive: true });
    writeFileSync(join(copy, 'train/measure-sms/measure-sms.csv'), 'id,text,orig_label,mapped,lang,in_shared_eval\nm:1,"完全不同的一句话，先充值才能提现",fraud,scam,zh-Hans,0\n');
    const sameModel = train(copy, 'eval-only-changed');
    expect(sameModel.weightsSha256).toBe(base.weightsSha256);
    const data = sameModel.data as { file: string }[];
    expect(data.some((entry) => entry.file.includes('measure-sms'))).toBe(false);
    expect(data.some((entry) => entry.file.includes('fit-sms'))).toBe(true);

    writeFileSync(join(copy, 'train/fit-sms/fit-sms.csv'), readFileSync(join(copy, 'train/fit-sms/fit-sms.csv'), 'utf8').replace('周末一起去爬山吗', '周末一起去看电影吗'));
    expect(train(copy, 'fit-changed').weightsSha256).not.toBe(base.weightsSha256);
  });

  it('fits the Chinese-table fixtures into the Chinese table only: the English table and thresholds stay byte for byte', () => {
    const zhDir = join(scratch, 'zh-table');
    mkdirSync(zhDir, { recursive: true });
    const withLines = (scam: string, out: string): { manifest: Record<string, unknown>; model: LocalModel } => {
      writeFileSync(join(zhDir, 'zh-scam.txt'), `# hand-written\n${scam}\n`);
      writeFileSync(join(zhDir, 'zh-benign.txt'), '# hand-written\n周末一起去公园散步吧\n');
      const manifest = trainAndWrite({ evalDir: join(FIXTURE, 'eval'), trainDir: join(FIXTURE, 'train'), benignDir: join(FIXTURE, 'benign'), chineseDir: zhDir }, join(scratch, out), OPTIONS);
      return { manifest, model: loadLocalModel(join(scratch, out, 'scam-model.json')) };
    };
    const first = withLines('加我微信做刷单任务，一单返佣金', 'zh-a');
    const second = withLines('老师带你投资，稳赚不赔，先充值', 'zh-b');
    const none = train(FIXTURE, 'zh-none');
    expect(Buffer.from(second.model.tables.en.weights.buffer, second.model.tables.en.weights.byteOffset, second.model.tables.en.weights.byteLength)).toEqual(Buffer.from(first.model.tables.en.weights.buffer, first.model.tables.en.weights.byteOffset, first.model.tables.en.weights.byteLength));
    expect(second.model.tables.en.bias).toBe(first.model.tables.en.bias);
    expect((second.manifest.thresholds as Record<string, unknown>).en).toEqual((first.manifest.thresholds as Record<string, unknown>).en);
    expect((none.thresholds as Record<string, unknown>).en).toEqual((first.manifest.thresholds as Record<string, unknown>).en);
    expect([...second.model.tables.zh.weights]).not.toEqual([...first.model.tables.zh.weights]);
    expect((first.manifest.data as { file: string }[]).some((entry) => entry.file.endsWith('zh-scam.txt'))).toBe(true);
  });

  it('writes a model the service loads, with thresholds in the manifest', () => {
    train(FIXTURE, 'load');
    const model = loadLocalModel(join(scratch, 'load', 'scam-model.json'));
    expect(model.bits).toBe(12);
    for (const language of ['en', 'zh'] as const) {
      expect(model.thresholds[language].medium).toBeGreaterThanOrEqual(0.5);
      expect(model.thresholds[language].high).toBeGreaterThanOrEqual(model.thresholds[language].medium);
    }
    const scam = scoreText(model, normalize('Your parcel is held at customs, pay the release fee at this link').text).probability;
    const ordinary = scoreText(model, normalize('Hi, dinner is at seven tonight, bring some bread').text).probability;
    expect(scam).toBeGreaterThan(ordinary);
  });
});

describe('threshold choice', () => {
  it('takes the strictest benign set, pools small sets and never goes below the floor', () => {
    const big = Array.from({ length: 1000 }, (_, index) => index / 1000);
    // 0.4% of 1000 → the 5th highest score (0.995) plus a hair.
    expect(thresholdFor(new Map([['a', big]]), 0.004, 0.5)).toBeCloseTo(0.995001, 6);
    // A set of 10 is too small alone (its maximum would decide); pooled with nothing it is left out.
    expect(thresholdFor(new Map([['a', big], ['tiny', Array(10).fill(0.9999)]]), 0.004, 0.5)).toBeCloseTo(0.995001, 6);
    expect(thresholdFor(new Map([['low', Array(1000).fill(0.1)]]), 0.004, 0.5)).toBe(0.5);
  });

  const row = (corpus: string, label: 0 | 1, rules: TrainingRow['rules'], language: 'en' | 'zh' = 'en'): TrainingRow => ({ corpus, split: 'tune', fold: 0, label, spam: false, language, length: 0, indices: new Int32Array(0), rules });
  /** 400 benign texts scored 0, 1/400, …; the top ones as given. */
  function benignSet(rules: (index: number) => TrainingRow['rules']): { rows: TrainingRow[]; probabilities: number[] } {
    const rows = Array.from({ length: 400 }, (_, index) => row('benign-a', 0, rules(index)));
    return { rows, probabilities: rows.map((_, index) => index / 400) };
  }

  it('bounds the model alone at medium (0.5% of every benign set), whatever the rules flag on tune', () => {
    const options = { ...DEFAULT_OPTIONS, mediumFalsePositiveTarget: 0.005, highFalsePositiveTarget: 0.0025 };
    const quiet = benignSet(() => ({ rank: 0, open: true }));
    const noisy = benignSet((index) => ({ rank: index % 3, open: true }));
    const first = chooseThresholds(quiet.rows, quiet.probabilities, options).en;
    // 0.5% of 400 = 2 texts may reach medium: just above the third highest score (397/400).
    expect(first.medium).toBeCloseTo(397 / 400 + 1e-6, 5);
    expect(first.mediumWithRules).toBe(first.medium);
    expect(first.high).toBeCloseTo(398 / 400 + 1e-6, 5);
    // Rules hits on the benign texts (weak or medium) neither give nor take room: the rules' tune figures are not trusted.
    expect(chooseThresholds(noisy.rows, noisy.probabilities, options).en).toEqual(first);
  });

  it('leaves out texts framed as warnings (the model is silent on them) and lets no hand-written benign text reach medium', () => {
    const options = { ...DEFAULT_OPTIONS, mediumFalsePositiveTarget: 0.005 };
    const framed = benignSet((index) => ({ rank: 0, open: index < 390 }));
    // The 390 open texts score 0 … 389/400; 0.5% of 390 is one text: just above the second highest (388/400).
    expect(chooseThresholds(framed.rows, framed.probabilities, options).en.medium).toBeCloseTo(388 / 400 + 1e-6, 5);
    const quiet = benignSet(() => ({ rank: 0, open: true }));
    const withFixture = { rows: [...quiet.rows, row('hand-written-benign:en', 0, { rank: 0, open: true })], probabilities: [...quiet.probabilities, 0.999 - 1e-3] };
    expect(chooseThresholds(withFixture.rows, withFixture.probabilities, options).en.medium).toBeGreaterThan(0.998);
    // Each language on its own rows; with no benign rows at all the floor holds.
    expect(chooseThresholds(quiet.rows, quiet.probabilities, options).zh.medium).toBe(DEFAULT_OPTIONS.minimumMedium);
  });
});

describe('linear trainer', () => {
  it('averages the weights of fits with consecutive seeds', () => {
    const examples: Example[] = Array.from({ length: 40 }, (_, index) => ({ indices: Int32Array.from([index % 7, 7 + (index % 3), 10 + (index % 5)]), label: (index % 7 < 3 ? 1 : 0) as 0 | 1, weight: 1 }));
    const options = { bits: 4, epochs: 3, learningRate: 0.2, l2: 1e-6, seed: 5 };
    const first = trainLinear(examples, options);
    const second = trainLinear(examples, { ...options, seed: 6 });
    const averaged = trainLinear(examples, { ...options, averageOf: 2 });
    expect(first.weights).not.toEqual(second.weights);
    averaged.weights.forEach((weight, index) => expect(weight).toBeCloseTo(((first.weights[index] as number) + (second.weights[index] as number)) / 2, 5));
    expect(averaged.bias).toBeCloseTo((first.bias + second.bias) / 2, 5);
    expect(trainLinear(examples, { ...options, averageOf: 2 }).weights).toEqual(averaged.weights);
  });
});

describe('caller lines', () => {
  it("joins the caller's turns of a transcript into one message and gives nothing for a text without them", () => {
    expect(callerLines('Caller: hello, this is the bank\nCallee: yes?\nCaller: read me the code')).toBe('hello, this is the bank read me the code');
    expect(callerLines('Callee: hi\nCallee: who is this')).toBe('');
    expect(callerLines('just a message')).toBe('');
  });
});

describe('text windows (the windows experiment)', () => {
  it('leaves a message whole and covers a long text with overlapping windows cut at line breaks or spaces', () => {
    expect(textWindows('short message, one window')).toEqual([]);
    const turns = Array.from({ length: 60 }, (_, index) => `Speaker ${index % 2 ? 'A' : 'B'}: turn number ${index} of the chat`).join('\n');
    const windows = textWindows(turns);
    expect(windows.length).toBeGreaterThan(2);
    expect(windows[0]![0]).toBe(0);
    expect(windows.at(-1)![1]).toBe(turns.length);
    for (let index = 0; index < windows.length; index += 1) {
      const [start, end] = windows[index]!;
      expect(end - start).toBeLessThanOrEqual(WINDOW_CHARS + 40);
      expect(start === 0 || turns[start - 1] === '\n').toBe(true);
      // Each window starts before the previous one ends: nothing between them goes unread.
      if (index > 0) expect(start).toBeLessThan(windows[index - 1]![1]);
    }
    expect(textWindows(turns)).toEqual(windows);
  });

  it('windows only the first MAX_WINDOWED_CHARS of a very long text, even without a space in it', () => {
    const windows = textWindows('x'.repeat(200_000));
    expect(windows.at(-1)![1]).toBe(MAX_WINDOWED_CHARS);
    expect(windows.length).toBeLessThanOrEqual(Math.ceil(MAX_WINDOWED_CHARS / 300));
  });
});
