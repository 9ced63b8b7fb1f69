/**
 * Reading and writing the local model. Two files in models/: `scam-model.json`, the manifest (thresholds,
 * training data and their sha256, options, seed, held-out figures), and the weights file it names:
 *
 *   bytes 0–3   "SWLM"
 *   4–7         format version (u32 LE, 1)
 *   8–11        feature version (u32 LE, features.ts FEATURE_VERSION)
 *   12–15       bits (u32 LE): the table has 2^bits weights
 *   16–19       bias (f32 LE)
 *   20–…        2^bits weights (f32 LE)
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
import type { LocalModel } from './local-model.ts';

/** The shipped manifest. */
export const DEFAULT_MODEL_MANIFEST = fileURLToPath(new URL('../../../models/scam-model.json', import.meta.url));

/** Version of the weights file layout. */
export const MODEL_FORMAT_VERSION = 1;

const MAGIC = 'SWLM';
const HEADER_BYTES = 20;
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

/** Encodes bias and weights in the weights file layout. */
export function encodeWeights(bits: number, bias: number, weights: Float32Array): Buffer {
  const buffer = Buffer.alloc(HEADER_BYTES + weights.length * 4);
  buffer.write(MAGIC, 0, 'latin1');
  buffer.writeUInt32LE(MODEL_FORMAT_VERSION, 4);
  buffer.writeUInt32LE(FEATURE_VERSION, 8);
  buffer.writeUInt32LE(bits, 12);
  buffer.writeFloatLE(bias, 16);
  for (let index = 0; index < weights.length; index += 1) buffer.writeFloatLE(weights[index] as number, HEADER_BYTES + index * 4);
  return buffer;
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeWeights(file: string, bytes: Buffer, manifest: ModelManifest): { bias: number; weights: Float32Array } {
  if (bytes.length < HEADER_BYTES || bytes.toString('latin1', 0, 4) !== MAGIC) throw new ModelFileError(file, 'not a Safeword model weights file (bad magic)');
  if (bytes.readUInt32LE(4) !== MODEL_FORMAT_VERSION) throw new ModelFileError(file, `format version ${bytes.readUInt32LE(4)}, expected ${MODEL_FORMAT_VERSION}`);
  if (bytes.readUInt32LE(8) !== FEATURE_VERSION) throw new ModelFileError(file, `feature version ${bytes.readUInt32LE(8)}, this code computes ${FEATURE_VERSION}: retrain with npm run train`);
  if (bytes.readUInt32LE(12) !== manifest.bits) throw new ModelFileError(file, `has 2^${bytes.readUInt32LE(12)} weights, the manifest says 2^${manifest.bits}`);
  const expected = HEADER_BYTES + (1 << manifest.bits) * 4;
  if (bytes.length !== expected) throw new ModelFileError(file, `is ${bytes.length} bytes, expected ${expected} (truncated or corrupt)`);
  if (sha256(bytes) !== manifest.weightsSha256) throw new ModelFileError(file, 'sha256 does not match the manifest (corrupt, or the manifest belongs to another model)');
  const bias = bytes.readFloatLE(16);
  // One copy into an aligned buffer viewed as float32 (200 ms → ~2 ms against a readFloatLE loop); byte-swapped first on a big-endian host.
  const aligned = new Uint8Array(bytes.length - HEADER_BYTES);
  aligned.set(bytes.subarray(HEADER_BYTES));
  if (endianness() === 'BE') Buffer.from(aligned.buffer).swap32();
  const weights = new Float32Array(aligned.buffer);
  let finite = Number.isFinite(bias);
  for (let index = 0; finite && index < weights.length; index += 1) finite = Number.isFinite(weights[index] as number);
  if (!finite) throw new ModelFileError(file, 'holds a weight that is not a finite number');
  return { bias, weights };
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
  const { bias, weights } = decodeWeights(weightsFile, readOrThrow(weightsFile), manifest);
  return { file: weightsFile, bits: manifest.bits, bias, weights, thresholds: manifest.thresholds };
}
