import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { FEATURE_VERSION } from '../../src/core/model/features.ts';
import { modelReadsLanguage, scoreText, type LocalModel } from '../../src/core/model/local-model.ts';
import { DEFAULT_MODEL_MANIFEST, encodeWeights, loadLocalModel, ModelFileError, sha256 } from '../../src/core/model/model-file.ts';
import { buildReply } from '../../src/core/reply.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { localModelFromEnv } from '../../src/service/checker-factory.ts';

const scratch = mkdtempSync(join(tmpdir(), 'safeword-model-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const BITS = 6;
const thresholds = { en: { medium: 0.8, mediumWithRules: 0.6, high: 0.95 }, zh: { medium: 0.8, mediumWithRules: 0.6, high: 0.95 } };

/** Writes a small valid model (every weight `weight`) into a new folder; returns the manifest path. */
function writeModel(name: string, weight: number, change: (manifest: Record<string, unknown>, bytes: Buffer) => Buffer | void = () => {}): string {
  const dir = join(scratch, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = encodeWeights(BITS, { en: { bias: 0, weights: new Float32Array(1 << BITS).fill(weight) }, zh: { bias: 0, weights: new Float32Array(2 << BITS).fill(weight) } });
  const manifest: Record<string, unknown> = { format: 2, featureVersion: FEATURE_VERSION, bits: BITS, weightsFile: 'w.bin', weightsSha256: sha256(bytes), thresholds };
  bytes = change(manifest, bytes) ?? bytes;
  writeFileSync(join(dir, 'w.bin'), bytes);
  writeFileSync(join(dir, 'm.json'), JSON.stringify(manifest));
  return join(dir, 'm.json');
}

function loadError(manifest: string): ModelFileError {
  try {
    loadLocalModel(manifest);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelFileError);
    return error as ModelFileError;
  }
  throw new Error('loaded a broken model');
}

describe('local model file', () => {
  it('loads the shipped model', () => {
    const model = loadLocalModel();
    expect(model.tables.en.weights.length).toBe(1 << model.bits);
    expect(model.tables.zh.weights.length).toBe(2 << model.bits);
    expect(model.thresholds.zh.medium).toBeGreaterThanOrEqual(0.5);
  });

  it('loads a valid model and reads its weights exactly', () => {
    const model = loadLocalModel(writeModel('valid', 0.25));
    expect(model.bits).toBe(BITS);
    expect([...model.tables.en.weights.slice(0, 3)]).toEqual([0.25, 0.25, 0.25]);
    expect(model.tables.zh.weights.length).toBe(2 << BITS);
  });

  it('scores English texts with the English table and Chinese texts with the Chinese one, Han n-grams in its second half', () => {
    const manifest = writeModel('two-tables', 0, (m) => {
      const en = new Float32Array(1 << BITS).fill(-2);
      const zh = new Float32Array(2 << BITS).fill(0);
      zh.fill(3, 1 << BITS); // Han n-grams only
      const bytes = encodeWeights(BITS, { en: { bias: 0, weights: en }, zh: { bias: -1, weights: zh } });
      m.weightsSha256 = sha256(bytes);
      return bytes;
    });
    const model = loadLocalModel(manifest);
    const english = scoreText(model, 'lunch at noon tomorrow');
    expect(english.language).toBe('en');
    expect(english.probability).toBeLessThan(0.2);
    // A Han-only text reads only the Chinese table's Han half (weights 3, bias -1): well above one half.
    const chinese = scoreText(model, '明天中午一起吃饭');
    expect(chinese.language).toBe('zh');
    expect(chinese.probability).toBeGreaterThan(0.9);
    // Its Latin word reads the Chinese table's first half (weight 0), so it scores less than the Han-only text.
    expect(scoreText(model, '明天中午一起吃饭 ok').probability).toBeLessThan(chinese.probability);
    // An English text with a Han character reads that n-gram in the English table (weights -2 everywhere).
    expect(scoreText(model, 'lunch at noon 好').probability).toBeLessThan(0.2);
  });

  it('names the file in every load error', () => {
    const missing = join(scratch, 'nowhere', 'm.json');
    expect(loadError(missing).message).toMatch(new RegExp(`^${missing}: model file not found .*LOCAL_MODEL=off`));

    const badJson = join(scratch, 'bad.json');
    writeFileSync(badJson, '{ not json');
    expect(loadError(badJson).message).toMatch(/bad\.json: is not valid JSON/);

    expect(loadError(writeModel('no-thresholds', 1, (manifest) => void delete manifest.thresholds)).message).toMatch(/m\.json: invalid manifest: thresholds/);
    expect(loadError(writeModel('inverted', 1, (manifest) => void (manifest.thresholds = { en: { medium: 0.9, mediumWithRules: 0.6, high: 0.8 }, zh: thresholds.zh }))).message).toMatch(/m\.json: invalid manifest: thresholds\.en/);
    expect(loadError(writeModel('with-rules-above', 1, (manifest) => void (manifest.thresholds = { en: thresholds.en, zh: { medium: 0.7, mediumWithRules: 0.75, high: 0.9 } }))).message).toMatch(/m\.json: invalid manifest: thresholds\.zh: mediumWithRules/);
    expect(loadError(writeModel('future', 1, (manifest) => void (manifest.featureVersion = 99))).message).toMatch(/m\.json: invalid manifest: featureVersion/);

    const noWeights = writeModel('no-weights', 1);
    rmSync(join(scratch, 'no-weights', 'w.bin'));
    expect(loadError(noWeights).message).toMatch(/no-weights\/w\.bin: model file not found/);

    expect(loadError(writeModel('format-1', 1, (_m, bytes) => {
      const copy = Buffer.from(bytes);
      copy.writeUInt32LE(1, 4);
      return copy;
    })).message).toMatch(/w\.bin: format version 1, expected 2: retrain/);
    expect(loadError(writeModel('one-table', 1, (manifest, bytes) => {
      const short = bytes.subarray(0, 24 + (1 << BITS) * 4);
      manifest.weightsSha256 = sha256(short);
      return short;
    })).message).toMatch(/w\.bin: is \d+ bytes, expected \d+/);
    expect(loadError(writeModel('magic', 1, (_m, bytes) => Buffer.concat([Buffer.from('XXXX'), bytes.subarray(4)]))).message).toMatch(/w\.bin: not a Safeword model weights file/);
    expect(loadError(writeModel('truncated', 1, (_m, bytes) => bytes.subarray(0, bytes.length - 4))).message).toMatch(/w\.bin: is \d+ bytes, expected \d+/);
    expect(loadError(writeModel('flipped', 1, (_m, bytes) => {
      const copy = Buffer.from(bytes);
      copy[40] = (copy[40] as number) ^ 0xff;
      return copy;
    })).message).toMatch(/w\.bin: sha256 does not match/);
    expect(loadError(writeModel('nan', Number.NaN, (manifest, bytes) => void (manifest.weightsSha256 = sha256(bytes)))).message).toMatch(/w\.bin: holds a weight that is not a finite number/);
  });
});

describe('LOCAL_MODEL setting', () => {
  it('loads by default, turns off with off, refuses other values, and follows LOCAL_MODEL_PATH', () => {
    expect(localModelFromEnv({})?.file).toMatch(/models\/scam-model\.bin$/);
    expect(localModelFromEnv({ LOCAL_MODEL: 'off' })).toBeUndefined();
    expect(localModelFromEnv({ LOCAL_MODEL: 'OFF' })).toBeUndefined();
    expect(() => localModelFromEnv({ LOCAL_MODEL: 'maybe' })).toThrow(/^LOCAL_MODEL: must be "on" or "off"/);
    const path = writeModel('by-path', 0);
    expect(localModelFromEnv({ LOCAL_MODEL_PATH: path })?.file).toBe(join(scratch, 'by-path', 'w.bin'));
    expect(() => localModelFromEnv({ LOCAL_MODEL_PATH: join(scratch, 'none.json') })).toThrow(ModelFileError);
    // The shipped manifest is where the default path points.
    copyFileSync(DEFAULT_MODEL_MANIFEST, join(scratch, 'copy.json'));
    expect(JSON.parse(readFileSync(join(scratch, 'copy.json'), 'utf8')).weightsFile).toBe('scam-model.bin');
  });
});

describe('the local model in the detector', () => {
  const ruleset = loadRuleset();
  const everythingScam = (): LocalModel => loadLocalModel(writeModel('all-scam', 5));
  const nothingScam = (): LocalModel => loadLocalModel(writeModel('no-scam', -5));

  it('the shipped model keeps generic Chinese shop and course ads below medium (issue 7: marketing alone)', () => {
    // Hand-written, no corpus text; none of them is in bench/zh-table-fixtures/.
    const shipped = loadLocalModel();
    for (const text of ['名额有限', '限时优惠，名额有限，点击链接立即报名', '名額有限，報名從速，點擊連結立即搶購', '瑜伽馆周年庆，名额有限，点击链接预约体验课']) {
      const verdict = analyze({ kind: 'message', text }, ruleset, { model: shipped });
      expect(verdict.level, text).not.toBe('medium');
      expect(verdict.level, text).not.toBe('high');
    }
  });

  it('lifts an ordinary text to medium with its own explanation and no evidence span', () => {
    const text = 'Hi, are we still meeting for lunch tomorrow at noon?';
    const plain = analyze({ kind: 'message', text }, ruleset);
    const lifted = analyze({ kind: 'message', text }, ruleset, { model: everythingScam() });
    expect(plain.level).toBe('none');
    expect(lifted.level).toBe('medium');
    expect(lifted.localModel).toMatchObject({ fired: true, reaches: 'high' });
    expect(lifted.signals).toEqual(plain.signals);
    const reply = buildReply(lifted, { secondOpinion: 'off', ruleset });
    expect([reply.reason, ...reply.why]).toContain(ruleset.advice.en.explanations['model_wording']);
    const zh = buildReply(analyze({ kind: 'message', text: '明天中午一起吃饭吗？' }, ruleset, { model: everythingScam() }), { secondOpinion: 'off', ruleset });
    expect([zh.reason, ...zh.why]).toContain(ruleset.advice.zh.explanations['model_wording']);
  });

  it('never lowers a rules verdict and stays silent on advisories', () => {
    const scam = 'This is Officer Wang from the city police, your identity was used in a money laundering case. Transfer your savings to the safe account we give you and do not tell anyone.';
    const rules = analyze({ kind: 'message', text: scam }, ruleset);
    const withModel = analyze({ kind: 'message', text: scam }, ruleset, { model: nothingScam() });
    expect(withModel.level).toBe(rules.level);
    expect(withModel.localModel?.fired).toBe(false);
    const advisory = analyze({ kind: 'message', text: 'Reminder: the bank will never ask you for your PIN by text.' }, ruleset, { model: everythingScam() });
    expect(advisory.localModel?.fired).toBe(false);
    expect(advisory.level).toBe(analyze({ kind: 'message', text: 'Reminder: the bank will never ask you for your PIN by text.' }, ruleset).level);
  });

  it('keeps quiet on the rules framing cues even where no rule matched, but not on the callee calling it a scam', () => {
    const model = everythingScam();
    for (const text of ['Beware of messages about lunch tomorrow.', '今天有人打电话给我说明天中午一起吃饭。']) {
      const verdict = analyze({ kind: 'message', text }, ruleset, { model });
      expect(verdict.signals).toEqual([]);
      expect(verdict.localModel?.fired).toBe(false);
      expect(verdict.level).toBe('none');
    }
    const call = 'Caller: Hello, this is about your lunch booking tomorrow.\nMe: this is a scam, I think.\nCaller: No, it is about lunch.';
    expect(analyze({ kind: 'transcript', text: call }, ruleset, { model }).localModel?.fired).toBe(true);
    expect(analyze({ kind: 'transcript', text: call.replace('Me: this is a scam, I think.', 'Caller: this is a scam warning.') }, ruleset, { model }).localModel?.fired).toBe(false);
  });

  it('stays silent on Spanish, which it was never trained on, even where the rules read Spanish', () => {
    const model = everythingScam();
    // The same model lifts an English lunch invitation (above); a Spanish one is not scored at all.
    const text = 'Hola, ¿seguimos quedando mañana para comer al mediodía? Te espero en el restaurante de siempre.';
    const readsSpanish = { ...ruleset, readLanguages: [...new Set([...ruleset.readLanguages, 'es'])] };
    for (const rules of [ruleset, readsSpanish]) {
      const plain = analyze({ kind: 'message', text }, rules);
      const withModel = analyze({ kind: 'message', text }, rules, { model });
      expect(withModel.language).toBe('es');
      expect(withModel.localModel).toBeUndefined();
      expect(withModel.level).toBe(plain.level);
    }
    expect(analyze({ kind: 'transcript', text: `Llamante: ${text}\nYo: Claro.\nLlamante: Perfecto.` }, readsSpanish, { model }).localModel).toBeUndefined();
    expect(modelReadsLanguage('en') && modelReadsLanguage('zh') && modelReadsLanguage('und')).toBe(true);
    expect(modelReadsLanguage('es')).toBe(false);
  });

  it('stays silent on a Spanish text, which the rules read without it (the model learned English and Chinese)', () => {
    const model = everythingScam();
    // Hand-written: a family chat message and a text with one weak rule hit.
    for (const text of ['Hola, ¿a qué hora llegas a la cena del domingo? Yo llevo el postre.', 'La policía quiere hablar con usted mañana por la tarde.']) {
      const withModel = analyze({ kind: 'message', text }, ruleset, { model });
      expect(withModel.language).toBe('es');
      expect(withModel.localModel).toBeUndefined();
      expect(withModel.level).toBe(analyze({ kind: 'message', text }, ruleset).level);
    }
    expect(analyze({ kind: 'message', text: 'What time do you arrive for the Sunday dinner? I will bring dessert.' }, ruleset, { model }).localModel?.fired).toBe(true);
  });
});
