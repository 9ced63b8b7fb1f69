import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { trainAndWrite } from '../../bench/train.ts';
import { sha256 } from '../../src/core/model/model-file.ts';

/**
 * The shipped model must be what `npm run train` writes now. The model reads normalized text and its own features,
 * so a change to the normalizer, the features, the framing rules or the fixtures changes what training gives, and
 * a model left as it was scores words it was never fitted on: the 妳 → 你 fold did exactly that, unnoticed, until
 * a retrain. Only the weights and thresholds are compared: the manifest's figures also count the rules, which
 * change more often than the model.
 */
const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const bench = (path: string): string => fileURLToPath(new URL(`../../bench/${path}`, import.meta.url));
const models = (path: string): string => fileURLToPath(new URL(`../../models/${path}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'safeword-shipped-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!existsSync(join(shared, 'eval')))('the shipped model', () => {
  it('is what npm run train writes from ../shared and the current code (retrain after changing what it reads)', () => {
    const manifest = trainAndWrite(
      {
        evalDir: join(shared, 'eval'),
        trainDir: join(shared, 'train'),
        benignDir: bench('benign-fixtures/'),
        scamDir: bench('scam-fixtures/'),
        chineseDir: bench('zh-table-fixtures/'),
      },
      scratch,
    );
    const shipped = JSON.parse(readFileSync(models('scam-model.json'), 'utf8')) as { weightsSha256: string; thresholds: unknown };
    expect(sha256(readFileSync(models('scam-model.bin')))).toBe(shipped.weightsSha256);
    expect(manifest.weightsSha256, 'run npm run train and commit models/').toBe(shipped.weightsSha256);
    expect(manifest.thresholds).toEqual(shipped.thresholds);
  }, 600_000);
});
