import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SOURCES, MODEL_DIR, trainAndWrite } from '../../bench/train.ts';
import { sha256 } from '../../src/core/model/model-file.ts';

/**
 * The shipped model must be what `npm run train` writes now. The model reads normalized text and its own features,
 * so a change to the normalizer, the features, the framing rules or the fixtures changes what training gives, and
 * a model left as it was scores words it was never fitted on: the 妳 → 你 fold did exactly that, unnoticed, until
 * a retrain. Only the weights and thresholds are compared: the manifest's figures also count the rules, which
 * change more often than the model.
 */
const scratch = mkdtempSync(join(tmpdir(), 'safeword-shipped-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!existsSync(DEFAULT_SOURCES.evalDir))('the shipped model', () => {
  it('is what npm run train writes from ../shared and the current code (retrain after changing what it reads)', () => {
    const manifest = trainAndWrite(DEFAULT_SOURCES, scratch);
    const shipped = JSON.parse(readFileSync(join(MODEL_DIR, 'scam-model.json'), 'utf8')) as { weightsSha256: string; thresholds: unknown };
    expect(sha256(readFileSync(join(MODEL_DIR, 'scam-model.bin')))).toBe(shipped.weightsSha256);
    expect(manifest.weightsSha256, 'run npm run train and commit models/').toBe(shipped.weightsSha256);
    expect(manifest.thresholds).toEqual(shipped.thresholds);
  }, 600_000);
});
