/**
 * `npm run train`: fits the local model (bench/model-training.ts) and writes models/scam-model.bin and
 * models/scam-model.json (the manifest: data files and their sha256, options, seed, thresholds, figures).
 * Reproducible: one thread, a fixed seed, no clock in the output; the same data gives the same bytes.
 * `npm run train -- [--eval dir] [--train dir] [--benign dir] [--scam dir] [--zh dir] [--out dir]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FEATURE_VERSION, MAX_MODEL_CHARS } from '../src/core/model/features.ts';
import { encodeWeights, MODEL_FORMAT_VERSION, sha256 } from '../src/core/model/model-file.ts';
import type { ModelLanguage, ModelThresholds } from '../src/core/model/local-model.ts';
import type { LinearWeights } from './linear-trainer.ts';
import { collectRows, DEFAULT_OPTIONS, trainFromRows, type DataFile, type DataSources, type ModelFigures } from './model-training.ts';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** What `npm run train` reads when no directory is given: ../shared beside the project and the fixtures here. */
export const DEFAULT_SOURCES: Required<DataSources> = {
  evalDir: here('../../shared/eval/'),
  trainDir: here('../../shared/train/'),
  benignDir: here('./benign-fixtures/'),
  scamDir: here('./scam-fixtures/'),
  chineseDir: here('./zh-table-fixtures/'),
};
/** Where `npm run train` writes the model when no --out is given: the shipped model. */
export const MODEL_DIR = here('../models/');

/**
 * The two tables (models/README.md, "One weight space per language"): the English one fitted on the rows with the
 * given options, the Chinese one fitted on the same rows plus the Chinese-table fixtures (sources.chineseDir)
 * with Han n-grams in 2^bits weights of their own; each language's thresholds and figures come from its own fit.
 */
export function trainTables(sources: DataSources, options = DEFAULT_OPTIONS): { tables: Record<ModelLanguage, LinearWeights>; thresholds: Record<ModelLanguage, ModelThresholds>; crossValidation: ModelFigures[]; holdout: ModelFigures[]; tuneRows: Record<ModelLanguage, number>; files: DataFile[] } {
  if (options.languageSpaces || options.scriptHalves) throw new Error('languageSpaces and scriptHalves are experiments (bench/model-experiment.ts): the trainer fits its two tables itself');
  const { chineseDir, ...englishSources } = sources;
  const english = collectRows(englishSources, options);
  const chineseOptions = { ...options, scriptHalves: true };
  const chinese = collectRows(sources, chineseOptions);
  const en = trainFromRows(english.rows, options);
  const zh = trainFromRows(chinese.rows, chineseOptions);
  const own = (figures: ModelFigures[], language: ModelLanguage): ModelFigures[] => figures.filter((row) => row.language === language);
  return {
    tables: { en: en.model.tables.en, zh: zh.model.tables.zh },
    thresholds: { en: en.thresholds.en, zh: zh.thresholds.zh },
    crossValidation: [...own(en.crossValidation, 'en'), ...own(zh.crossValidation, 'zh')],
    holdout: [...own(en.holdout, 'en'), ...own(zh.holdout, 'zh')],
    tuneRows: { en: en.tuneRows, zh: zh.tuneRows },
    files: [...english.files, ...chinese.files.filter((file) => !english.files.some((other) => other.file === file.file))],
  };
}

/** Trains and writes the model files; returns the manifest written. */
export function trainAndWrite(sources: DataSources, outDir: string, options = DEFAULT_OPTIONS): Record<string, unknown> {
  const result = trainTables(sources, options);
  const weights = encodeWeights(options.bits, result.tables);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'scam-model.bin'), weights);
  const manifest = {
    format: MODEL_FORMAT_VERSION,
    featureVersion: FEATURE_VERSION,
    bits: options.bits,
    weightsFile: 'scam-model.bin',
    weightsSha256: sha256(weights),
    thresholds: result.thresholds,
    model: 'logistic regression over hashed n-grams (Han 1–4-grams; words, adjacent word pairs and 3–5-grams of words in other scripts; money and address symbols as words), AdaGrad, the average of `averageOf` fits with consecutive seeds; two tables: English texts are scored by one fitted on all rows (2^bits weights), Chinese texts by one fitted on all rows plus bench/zh-table-fixtures/ with Han n-grams in 2^bits weights of their own after the other scripts\' 2^bits, so fitting Chinese cannot move an English score',
    features: { version: FEATURE_VERSION, maxChars: MAX_MODEL_CHARS },
    options,
    thresholdChoice: `training side only: ${options.folds}-fold cross-validation inside the tune split (holdout never read), every tune row scored by a model fitted on the other folds. Per language, medium is the lowest probability at which the model alone reaches at most ${options.mediumFalsePositiveTarget * 100}% of every benign set (legitimate texts it may speak on, i.e. not framed as a warning or report; sets under ${Math.ceil(1 / options.mediumFalsePositiveTarget)} texts pooled; no hand-written benign text), never below ${options.minimumMedium}; the rules' tune figures are not used (the rules were written against tune, so they flag fewer benign texts there than on new text); mediumWithRules = medium for the same reason; high (only ever with a rule combination): the model alone on at most ${options.highFalsePositiveTarget * 100}% of every benign set`,
    trainedOn: 'both tables: the tune split of ../shared/eval and of the `train + eval` files of ../shared/train (in_shared_eval rows dropped), each call transcript also as the caller lines alone (callerLines: same label, split and fold as the call), plus the hand-written fixtures (bench/benign-fixtures/, bench/scam-fixtures/; the Chinese table also bench/zh-table-fixtures/); labels: scam = 1, legitimate = 0, marketing spam = 0 at spamWeight, spam of unknown kind left out',
    handWritten: 'bench/benign-fixtures/, bench/scam-fixtures/ and (Chinese table only) bench/zh-table-fixtures/ (rows per file under data): written by the developers, no corpus text; fitted on in full, in the cross-validation folds like tune rows; no benign fixture may reach the medium threshold out of fold; never reported as measured data',
    tuneRows: result.tuneRows,
    data: result.files,
    crossValidation: result.crossValidation,
    holdout: result.holdout,
  };
  writeFileSync(join(outDir, 'scam-model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function printFigures(title: string, figures: readonly ModelFigures[]): void {
  const cell = (value: number | null): string => (value === null ? '    -' : value.toFixed(3)).padStart(7);
  console.log(`${title}\n${'corpus'.padEnd(28)}lang  scams benign  recall FPR@med FPR@hi  spam spam@med  +rules: recall FPR@med`);
  for (const row of figures) {
    console.log(`${row.corpus.padEnd(28)}${row.language.padEnd(5)}${String(row.scams).padStart(6)}${String(row.benign).padStart(7)} ${cell(row.recall)} ${cell(row.falsePositiveRateMedium)} ${cell(row.falsePositiveRateHigh)}${String(row.spam).padStart(6)} ${cell(row.spamFlaggedMedium)}${row.combinedRecall === undefined ? '' : `         ${cell(row.combinedRecall)} ${cell(row.combinedFalsePositiveRateMedium ?? null)}`}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === here('./train.ts')) {
  const { values } = parseArgs({ options: { eval: { type: 'string' }, train: { type: 'string' }, benign: { type: 'string' }, scam: { type: 'string' }, zh: { type: 'string' }, out: { type: 'string' } } });
  const started = performance.now();
  const manifest = trainAndWrite(
    {
      evalDir: resolve(values.eval ?? DEFAULT_SOURCES.evalDir),
      trainDir: resolve(values.train ?? DEFAULT_SOURCES.trainDir),
      benignDir: resolve(values.benign ?? DEFAULT_SOURCES.benignDir),
      scamDir: resolve(values.scam ?? DEFAULT_SOURCES.scamDir),
      chineseDir: resolve(values.zh ?? DEFAULT_SOURCES.chineseDir),
    },
    resolve(values.out ?? MODEL_DIR),
  );
  console.log(`thresholds ${JSON.stringify(manifest.thresholds)}`);
  printFigures('cross-validation inside tune (chose the thresholds):', manifest.crossValidation as ModelFigures[]);
  printFigures('holdout (report only):', manifest.holdout as ModelFigures[]);
  console.log(`weights sha256 ${String(manifest.weightsSha256)}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
