/**
 * Logistic regression over hashed features (src/core/model/features.ts), trained with AdaGrad on one thread in
 * a seeded order, so the same examples and options always give bit-identical weights. Kept in bench/: only
 * `npm run train` and its tests use it, the service only loads the result.
 */
import { logit, sigmoid } from '../src/core/model/local-model.ts';
import type { FeatureBuffer } from '../src/core/model/features.ts';

/** One training example: its hashed feature indices, label (1 = scam) and weight. */
export interface Example {
  indices: Int32Array;
  label: 0 | 1;
  weight: number;
}

/** Training options (all recorded in the manifest). */
export interface TrainerOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights an example touches. */
  l2: number;
  seed: number;
  /** Fits this many times with consecutive seeds and averages the weights (a linear model's average is one linear model); 1 when absent. */
  averageOf?: number;
}

/** Trained parameters. */
export interface LinearWeights {
  bias: number;
  weights: Float32Array;
}

/** mulberry32: a small seeded PRNG, enough to shuffle reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of 0…n-1 with the given PRNG. */
function order(length: number, random: () => number): Uint32Array {
  const result = new Uint32Array(length);
  for (let index = 0; index < length; index += 1) result[index] = index;
  for (let index = length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const swap = result[index] as number;
    result[index] = result[other] as number;
    result[other] = swap;
  }
  return result;
}

/** Fits the weights (the average of `averageOf` fits); deterministic. */
export function trainLinear(examples: readonly Example[], options: TrainerOptions): LinearWeights {
  const count = options.averageOf ?? 1;
  if (count <= 1) return fitOnce(examples, options);
  const size = 1 << options.bits;
  const sum = new Float64Array(size);
  let bias = 0;
  for (let run = 0; run < count; run += 1) {
    const fitted = fitOnce(examples, { ...options, seed: options.seed + run });
    for (let index = 0; index < size; index += 1) sum[index] = (sum[index] as number) + (fitted.weights[index] as number);
    bias += fitted.bias;
  }
  for (let index = 0; index < size; index += 1) sum[index] = (sum[index] as number) / count;
  return { bias: Math.fround(bias / count), weights: Float32Array.from(sum) };
}

/** One fit. Deterministic: no threads, no time, no unseeded randomness; Float64 accumulators. */
function fitOnce(examples: readonly Example[], options: TrainerOptions): LinearWeights {
  const size = 1 << options.bits;
  const weights = new Float64Array(size);
  const squares = new Float64Array(size);
  let bias = 0;
  let biasSquares = 0;
  const random = seededRandom(options.seed);
  const epsilon = 1e-8;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const position of order(examples.length, random)) {
      const example = examples[position] as Example;
      const { indices } = example;
      const count = indices.length;
      const scale = count > 0 ? 1 / Math.sqrt(count) : 0;
      let sum = 0;
      for (let index = 0; index < count; index += 1) sum += weights[indices[index] as number] as number;
      const probability = 1 / (1 + Math.exp(-(bias + sum * scale)));
      const gradient = (probability - example.label) * example.weight;
      for (let index = 0; index < count; index += 1) {
        const feature = indices[index] as number;
        const step = gradient * scale + options.l2 * (weights[feature] as number);
        squares[feature] = (squares[feature] as number) + step * step;
        weights[feature] = (weights[feature] as number) - (options.learningRate * step) / (Math.sqrt(squares[feature] as number) + epsilon);
      }
      biasSquares += gradient * gradient;
      bias -= (options.learningRate * gradient) / (Math.sqrt(biasSquares) + epsilon);
    }
  }
  return { bias: Math.fround(bias), weights: Float32Array.from(weights) };
}

/** The probability the trained (Float32) parameters give an example, exactly as the service computes it. */
export function predict(model: LinearWeights, indices: Int32Array): number {
  const buffer: FeatureBuffer = { indices, count: indices.length, han: 0, words: 0 };
  return sigmoid(logit(model, buffer));
}
