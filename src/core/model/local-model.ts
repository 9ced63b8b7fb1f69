/**
 * The local model: a logistic regression over hashed n-grams of the normalized text (features.ts), trained by
 * `npm run train` (bench/train.ts) and shipped in models/. Chosen over fastText by the numbers in
 * models/README.md: on the same tune/holdout split it was as accurate, 1 MB instead of tens of MB, and it
 * runs in a few microseconds per message in plain TypeScript, where fastText needs a WASM runtime and copies
 * every text across the boundary.
 */
import { createFeatureBuffer, extractFeatures, featureLanguage, type FeatureBuffer } from './features.ts';

/** Probabilities at or above which the model's opinion counts, per level. */
export interface ModelThresholds {
  /** Alone (no rule matched), the model lifts none to medium from here. */
  medium: number;
  /** Beside a weak rules verdict (low), the model lifts it to medium from here; never above `medium`. */
  mediumWithRules: number;
  /** Together with a rule combination, the model lifts to high from here. */
  high: number;
}

/** Which threshold set a text uses: by its script (features.ts). */
export type ModelLanguage = 'zh' | 'en';

/**
 * Text languages (detected, src/core/language.ts) the model learned: its training rows are English and
 * Chinese. `und` (a short or link-only text in Latin or Han script) is read as before.
 */
export const MODEL_TEXT_LANGUAGES: readonly string[] = ['en', 'zh', 'und'];

/**
 * Whether the model may score a text in `language`: a Spanish text would be read with English n-gram weights
 * it was never fitted on (its calibrated false-positive rate says nothing there), so the model stays silent.
 */
export function modelReadsLanguage(language: string): boolean {
  return MODEL_TEXT_LANGUAGES.includes(language);
}

/** One language's weights: a logistic regression's bias and hashed weight table. */
export interface ModelTable {
  bias: number;
  weights: Float32Array;
}

/**
 * A loaded model (see model-file.ts for the file format): one table per threshold language, so fitting one
 * language cannot move the other's scores (models/README.md, "One weight space per language"). The English table
 * has 2^bits weights; the Chinese one 2^(bits+1): the other scripts' features in the first 2^bits, Han n-grams
 * in the second.
 */
export interface LocalModel {
  /** The model file it came from, for messages. */
  file: string;
  /** log2 of the English table's size (the Chinese table is twice as large). */
  bits: number;
  tables: Record<ModelLanguage, ModelTable>;
  /** Calibrated thresholds per threshold language, from the manifest. */
  thresholds: Record<ModelLanguage, ModelThresholds>;
}

/** The model's reading of one text. */
export interface ModelScore {
  /** Probability that the wording is a scam's, 0–1; 0 when the text has nothing to read. */
  probability: number;
  /** The threshold set that applies. */
  language: ModelLanguage;
}

const shared: FeatureBuffer = createFeatureBuffer();

/** Raw score (log-odds) of a feature buffer: bias plus the weights (each index ANDed with `mask`), scaled by 1/√count. */
export function logit(table: ModelTable, buffer: FeatureBuffer, mask = -1): number {
  let sum = 0;
  const { indices, count } = buffer;
  const weights = table.weights;
  for (let index = 0; index < count; index += 1) sum += weights[(indices[index] as number) & mask] as number;
  return table.bias + (count > 0 ? sum / Math.sqrt(count) : 0);
}

/** The logistic function. */
export function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}

/** Scores normalized text (src/core/normalize.ts output). Synchronous, deterministic, no allocation. */
export function scoreText(model: LocalModel, normalizedText: string): ModelScore {
  // Han n-grams are hashed after the first 2^bits (the Chinese table's layout); the English table reads them in
  // its own 2^bits by the mask, where the English table was fitted with them.
  const size = 1 << model.bits;
  extractFeatures(normalizedText, model.bits, shared, size);
  const language = featureLanguage(shared);
  if (shared.count === 0) return { probability: 0, language };
  return { probability: sigmoid(language === 'zh' ? logit(model.tables.zh, shared) : logit(model.tables.en, shared, size - 1)), language };
}
