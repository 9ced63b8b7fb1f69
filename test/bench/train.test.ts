import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, thresholdFor } from '../../bench/model-training.ts';
import { trainAndWrite } from '../../bench/train.ts';
import { loadLocalModel, sha256 } from '../../src/core/model/model-file.ts';
import { scoreText } from '../../src/core/model/local-model.ts';
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
});
