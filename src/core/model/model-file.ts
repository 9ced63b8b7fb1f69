/**
 * Reading and writing the local model. Two files in models/: `scam-model.json`, the manifest (thresholds,
 * training data and their sha256, options, seed, held-out figures), and the weights file it names:
 *
 *   bytes 0–3   "SWLM"
 *   4–7         format version (u32 LE, 2; 1 held one table for both languages)
 *   8–11        feature version (u32 LE, features.ts FEATURE_VERSION)
 *   12–15       bits (u32 LE): the English table has 2^bits weights, the Chinese one 2^(bits+1)
 *   16–19       English bias (f32 LE)
 *   20–23       Chinese bias (f32 LE)
 *   24–…        2^bits English weights, then 2^(bits+1) Chinese weights (the other scripts' 2^bits, then Han
 *               n-grams'), f32 LE
 *
 * Loading checks all of it (magic, versions, size, sha256 against the manifest, finite numbers, thresholds in
 * (0, 1) with mediumWithRules ≤ medium ≤ high) and throws a {@link ModelFileError} naming the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { FEATURE_VERSION } from './features.ts';
import type { LocalModel, ModelLanguage, ModelTable } from './local-model.ts';

/** The shipped manifest. */
export const DEFAULT_MODEL_MANIFEST = fileURLToPath(new URL('../../../models/scam-model.json', import.meta.url));

/** Version of the weights file layout. */
export const MODEL_FORMAT_VERSION = 2;

const MAGIC = 'SWLM';
const HEADER_BYTES = 24;
const MIN_BITS = 4;
const MAX_BITS = 22;

/** A missing, unreadable or malformed model file; the message starts with the file's path. */
export class ModelFileError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`${file}: ${message}`, options);
    this.name = 'ModelFileError';
    this.file = file;
  }
}

const Probability = z.number().gt(0).lt(1);
const ThresholdsSchema = z
  .object({ medium: Probability, mediumWithRules: Probability, high: Probability })
  .refine((value) => value.medium <= value.high, 'medium threshold must not be above the high threshold')
  .refine((value) => value.mediumWithRules <= value.medium, 'mediumWithRules threshold must not be above the medium threshold');

/** The manifest fields the loader needs; the rest (data, options, figures) is for people and is kept as is. */
export const ModelManifestSchema = z
  .object({
    format: z.literal(MODEL_FORMAT_VERSION),
    featureVersion: z.literal(FEATURE_VERSION),
    bits: z.number().int().min(MIN_BITS).max(MAX_BITS),
    weightsFile: z.string().regex(/^[\w.-]+$/, 'a file name beside the manifest'),
    weightsSha256: z.string().regex(/^[0-9a-f]{64}$/),
    thresholds: z.object({ en: ThresholdsSchema, zh: ThresholdsSchema }),
  })
  .passthrough();
/** A model manifest. */
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

function readOrThrow(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ModelFileError(file, code === 'ENOENT' ? 'model file not found (run `npm run train`, or set LOCAL_MODEL=off to run rules only)' : `cannot read the model file (${code ?? (error as Error).message})`, { cause: error });
  }
}

/** Encodes the two tables in the weights file layout (English 2^bits weights, Chinese 2^(bits+1)). */
export function encodeWeights(bits: number, tables: Record<ModelLanguage, ModelTable>): Buffer {
  if (tables.en.weights.length !== 1 << bits || tables.zh.weights.length !== 2 << bits) throw new Error(`tables of ${tables.en.weights.length} and ${tables.zh.weights.length} weights, expected 2^${bits} and 2^${bits + 1}`);
  const buffer = Buffer.alloc(HEADER_BYTES + (tables.en.weights.length + tables.zh.weights.length) * 4);
  buffer.write(MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(MODEL_FORMAT_VERSION, 4);
  buffer.writeUInt32LE(FEATURE_VERSION, 8);
  buffer.writeUInt32LE(bits, 12);
  buffer.writeFloatLE(tables.en.bias, 16);
  buffer.writeFloatLE(tables.zh.bias, 20);
  let at = HEADER_BYTES;
  for (const weights of [tables.en.weights, tables.zh.weights]) {
    for (let index = 0; index < weights.length; index += 1) buffer.writeFloatLE(weights[index] as number, at + index * 4);
    at += weights.length * 4;
  }
  return buffer;
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeWeights(file: string, bytes: Buffer, manifest: ModelManifest): Record<ModelLanguage, ModelTable> {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 4) !== MAGIC) throw new ModelFileError(file, 'not a Safeword model weights file (bad magic)');
  if (bytes.readUInt32LE(4) !== MODEL_FORMAT_VERSION) throw new ModelFileError(file, `format version ${bytes.readUInt32LE(4)}, expected ${MODEL_FORMAT_VERSION}: retrain with npm run train`);
  if (bytes.readUInt32LE(8) !== FEATURE_VERSION) throw new ModelFileError(file, `feature version ${bytes.readUInt32LE(8)}, this code computes ${FEATURE_VERSION}: retrain with npm run train`);
  if (bytes.readUInt32LE(12) !== manifest.bits) throw new ModelFileError(file, `has 2^${bytes.readUInt32LE(12)} weights, the manifest says 2^${manifest.bits}`);
  const size = 1 << manifest.bits;
  const expected = HEADER_BYTES + 3 * size * 4;
  if (bytes.length !== expected) throw new ModelFileError(file, `is ${bytes.length} bytes, expected ${expected} (truncated or corrupt)`);
  if (sha256(bytes) !== manifest.weightsSha256) throw new ModelFileError(file, 'sha256 does not match the manifest (corrupt, or the manifest belongs to another model)');
  const biases = { en: bytes.readFloatLE(16), zh: bytes.readFloatLE(20) };
  // One copy into an aligned buffer viewed as float32 (200 ms → ~2 ms against a readFloatLE loop); byte-swapped first on a big-endian host.
  const aligned = new Uint8Array(bytes.length - HEADER_BYTES);
  aligned.set(bytes.subarray(HEADER_BYTES));
  if (endianness() === 'BE') Buffer.from(aligned.buffer).swap32();
  const all = new Float32Array(aligned.buffer);
  let finite = Number.isFinite(biases.en) && Number.isFinite(biases.zh);
  for (let index = 0; finite && index < all.length; index += 1) finite = Number.isFinite(all[index] as number);
  if (!finite) throw new ModelFileError(file, 'holds a weight that is not a finite number');
  return { en: { bias: biases.en, weights: all.subarray(0, size) }, zh: { bias: biases.zh, weights: all.subarray(size) } };
}

/** Reads and checks a manifest file. */
export function readManifest(file: string): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(readOrThrow(file).toString('utf8'));
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    throw new ModelFileError(file, `is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = ModelManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFileError(file, `invalid manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'malformed'}`);
  }
  return parsed.data;
}

/** Loads the model a manifest names (default: the shipped one); throws {@link ModelFileError} naming the bad file. */
export function loadLocalModel(manifestFile: string = DEFAULT_MODEL_MANIFEST): LocalModel {
  const manifest = readManifest(manifestFile);
  const weightsFile = join(dirname(manifestFile), basename(manifest.weightsFile));
  const tables = decodeWeights(weightsFile, readOrThrow(weightsFile), manifest);
  return { file: weightsFile, bits: manifest.bits, tables, thresholds: manifest.thresholds };
}
