/**
 * `npm run bench` (second part): the local model's cost. Loading the shipped model (read, sha256, decode; CPU time),
 * and scoring 500-byte normalized messages on one core: median microseconds per message over rounds,
 * per CPU second. Goals (issue 8): <= 20 µs per message, loading <= 50 ms. `--json` prints one JSON object.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreText, type LocalModel } from '../src/core/model/local-model.ts';
import { DEFAULT_MODEL_MANIFEST, loadLocalModel } from '../src/core/model/model-file.ts';
import { normalize } from '../src/core/normalize.ts';
import { makeMessages } from './samples.ts';

/** What the model bench measures. */
export interface ModelBenchResult {
  loadMs: number;
  microsPerMessage: number;
  messages: number;
  weightsMb: number;
}

/** Measures loading `manifest` and scoring `count` synthetic 500-byte messages `rounds` times (median per CPU time). */
export function runModelBench(manifest: string = DEFAULT_MODEL_MANIFEST, count = 2_000, rounds = 5): ModelBenchResult {
  // Loading is timed in CPU time (what it costs the process, not the other work on a shared machine), best of three.
  let model: LocalModel = loadLocalModel(manifest);
  let loadMs = Infinity;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const before = process.cpuUsage();
    model = loadLocalModel(manifest);
    const used = process.cpuUsage(before);
    loadMs = Math.min(loadMs, (used.user + used.system) / 1000);
  }
  const texts = makeMessages(count).map((text) => normalize(text).text);
  let sink = 0;
  for (const text of texts) sink += scoreText(model, text).probability;
  const perMessage: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const before = process.cpuUsage();
    for (const text of texts) sink += scoreText(model, text).probability;
    const used = process.cpuUsage(before);
    perMessage.push((used.user + used.system) / texts.length);
  }
  if (!Number.isFinite(sink)) throw new Error('model produced a non-finite probability');
  perMessage.sort((a, b) => a - b);
  return {
    loadMs: Number(loadMs.toFixed(2)),
    microsPerMessage: Number((perMessage[Math.floor(perMessage.length / 2)] ?? 0).toFixed(2)),
    messages: texts.length,
    weightsMb: Number((((model.tables.en.weights.length + model.tables.zh.weights.length) * 4) / 1e6).toFixed(2)),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runModelBench();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`local model load             ${result.loadMs} ms (goal <= 50), ${result.weightsMb} MB of weights`);
    console.log(`local model (500 B message)  ${result.microsPerMessage} µs per message per CPU second (goal <= 20)`);
  }
}
