/**
 * What `npm run train` does, as functions the tests can run on a small fixture: collect the examples that may
 * be fitted on (../shared/eval, the `train + eval` files of ../shared/train, and the hand-written benign
 * fixtures in bench/benign-fixtures/), keep the `tune` half, fit the linear model (linear-trainer.ts), choose
 * the thresholds on out-of-fold probabilities from k-fold cross-validation inside `tune` (never on holdout),
 * and measure the held-out half for the manifest.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createFeatureBuffer, extractFeatures, featureLanguage } from '../src/core/model/features.ts';
import { textWindows } from './text-windows.ts';
import type { ModelLanguage, ModelThresholds } from '../src/core/model/local-model.ts';
import { sha256 } from '../src/core/model/model-file.ts';
import { analyze } from '../src/core/analyze.ts';
import type { LocalModel } from '../src/core/model/local-model.ts';
import { normalize } from '../src/core/normalize.ts';
import type { CheckRequest } from '../src/core/request.ts';
import { loadRuleset, type Ruleset } from '../src/core/ruleset.ts';
import { levelRank } from '../src/core/verdict.ts';
import { evalDataFiles, loadCorpora, type Truth } from './corpora.ts';
import { predict, trainLinear, type Example, type LinearWeights, type TrainerOptions } from './linear-trainer.ts';
import { splitOf, stableHash } from './split.ts';
import { listTrainFiles, loadTrainCorpora } from './train-corpora.ts';

/** One labeled text prepared for the model. */
export interface TrainingRow {
  corpus: string;
  split: 'tune' | 'holdout';
  /** Cross-validation fold inside tune. */
  fold: number;
  label: 0 | 1;
  /** Marketing spam fitted as "not a scam": it is not counted among the benign texts that set the thresholds. */
  spam: boolean;
  language: ModelLanguage;
  /** Length of the normalized text in code units (for experiments that calibrate short and long texts apart). */
  length: number;
  indices: Int32Array;
  /** Features of each window of a long text (text-windows.ts), when `windows` scoring is on (an experiment, off in the shipped options); scored as the maximum with the whole text. */
  windows?: Int32Array[];
  /** The rules-only verdict (tune rows only): its level rank and whether the model would be heard at all. */
  rules?: { rank: number; open: boolean };
}

/** A data file that went into training, with its hash. */
export interface DataFile {
  file: string;
  sha256: string;
  /** Rows read from a train file or fixture (eval files feed corpora that span several files: not counted per file). */
  rows?: number;
}

/** Where the data comes from. */
export interface DataSources {
  evalDir: string;
  trainDir: string;
  /** Hand-written benign examples (bench/benign-fixtures/). */
  benignDir: string;
  /** Hand-written scam openers from the public taxonomies (bench/scam-fixtures/); none when absent. */
  scamDir?: string;
  /** Hand-written lines fitted in the Chinese table only (bench/zh-table-fixtures/: `*-scam.txt` scams, the rest benign); read when given. */
  chineseDir?: string;
}

/** Everything {@link trainFromRows} needs besides the rows. */
export interface TrainingOptions extends TrainerOptions {
  folds: number;
  /** Largest share of any benign corpus (out of fold, in tune) the model alone may reach at medium (its own false alarms; see chooseThresholds). */
  mediumFalsePositiveTarget: number;
  /** The same for the high threshold. */
  highFalsePositiveTarget: number;
  /**
   * Fit marketing spam as "not a scam". Measured both ways (models/README.md): leaving it out lifts English
   * recall (smishx holdout 0.70 → 0.81 combined) but doubles false alarms on smishx's legitimate texts (1.0% →
   * 2.1%) and flags most marketing; kept in, every benign set stays within 1%.
   */
  spamAsBenign: boolean;
  /** Weight of a marketing-spam row against a legitimate one when fitting (the class weights are balanced first); 0.25 chosen on tune out of fold (models/README.md). */
  spamWeight: number;
  /** Count marketing spam among the benign texts that set the thresholds (the goal is about legitimate texts only). */
  spamInThresholds: boolean;
  /** Also fit the caller's side of every call transcript as a message of its own (same label, split and fold). */
  callerLines: boolean;
  /** The medium threshold is never below this probability. */
  minimumMedium: number;
  /** Score a long text as the highest of its whole-text and window probabilities (text-windows.ts); measured on tune and not shipped (models/README.md). */
  windows?: boolean;
  /** With `windows`: also fit each window of a long text as a row of its own (same label, split and fold). */
  fitWindows?: boolean;
  /**
   * Fit each threshold language (features.ts featureLanguage) as a model of its own: its own 2^bits weights and
   * its own bias, fitted on its rows alone, so Chinese rows cannot move an English score (through a shared weight
   * a hash collision or a Latin word gives both, the shared bias, or the order of the shuffle). An experiment
   * (models/README.md, "One weight space per language"); off in the shipped options.
   */
  languageSpaces?: boolean;
  /** Han n-grams in a table of their own (2^bits more weights after the other scripts'), one fit and one bias for both languages; an experiment, off in the shipped options. */
  scriptHalves?: boolean;
}

/** The options `npm run train` uses; the figures in models/README.md were measured with them. */
export const DEFAULT_OPTIONS: TrainingOptions = {
  bits: 18,
  epochs: 10,
  learningRate: 0.2,
  l2: 1e-6,
  seed: 20251201,
  averageOf: 4,
  folds: 4,
  mediumFalsePositiveTarget: 0.005,
  highFalsePositiveTarget: 0.001,
  minimumMedium: 0.5,
  spamAsBenign: true,
  spamWeight: 0.25,
  spamInThresholds: false,
  callerLines: true,
};

/**
 * The cross-validation fold of a text. Taken from the high bits of its FNV-1a hash: the lowest bit of FNV-1a
 * is only the parity of the code units' low bits, which already decides the tune/holdout split (split.ts), so
 * `hash % folds` would leave half the folds empty inside tune.
 */
export function foldOf(text: string, folds: number): number {
  return Math.floor(stableHash(text) / 65536) % folds;
}

function labelOf(truth: Truth, spamAsBenign: boolean): 0 | 1 | undefined {
  if (truth === 'scam') return 1;
  if (truth === 'legitimate') return 0;
  if (truth === 'spam') return spamAsBenign ? 0 : undefined;
  return undefined; // spam of unknown kind: neither
}

/** Reads hand-written fixtures (benign or scam): one message per line, `#` lines are comments, `\n` inside a line is a line break. */
export function readBenignFixtures(dir: string): { file: string; texts: string[] }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({
      file: join(dir, file),
      texts: readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .map((line) => line.trim().replaceAll('\\n', '\n'))
        .filter((line) => line !== '' && !line.startsWith('#')),
    }));
}

/** What {@link rowMaker} needs from the options. */
type RowOptions = Pick<TrainingOptions, 'bits' | 'folds' | 'spamAsBenign'> & Partial<Pick<TrainingOptions, 'callerLines' | 'windows' | 'scriptHalves'>>;

/** A function that prepares one labeled text as a row (features, fold, and for tune rows the rules' view). */
export function rowMaker(options: RowOptions): (corpus: string, text: string, label: 0 | 1, split: 'tune' | 'holdout', spam?: boolean, kind?: CheckRequest['kind'], foldText?: string) => TrainingRow {
  const buffer = createFeatureBuffer();
  const ruleset = loadRuleset();
  const hanBase = options.scriptHalves ? 1 << options.bits : 0;
  return (corpus, text, label, split, spam = false, kind = 'message', foldText = text) => {
    const normalized = normalize(text).text;
    const windows = options.windows ? textWindows(normalized).map(([start, end]) => {
      extractFeatures(normalized.slice(start, end), options.bits, buffer, hanBase);
      return buffer.indices.slice(0, buffer.count);
    }) : [];
    extractFeatures(normalized, options.bits, buffer, hanBase);
    return {
      ...(windows.length > 0 ? { windows } : {}),
      ...(split === 'tune' ? { rules: rulesView(ruleset, { kind, text }) } : {}),
      corpus,
      split,
      fold: foldOf(foldText, options.folds),
      label,
      spam,
      language: featureLanguage(buffer),
      length: normalized.length,
      indices: buffer.indices.slice(0, buffer.count),
    };
  };
}

/**
 * The tune rows of the eval-only files of ../shared/train (zh-sms-spam-80w, zh-chat-fraud-ocr, spamhunter): for
 * experiments to measure on with a model fitted on all of tune. They are never fitted on, so any model fitted
 * on the training rows scores them as unseen text.
 */
export function evalOnlyTuneRows(trainDir: string, options: RowOptions): TrainingRow[] {
  const make = rowMaker(options);
  const rows: TrainingRow[] = [];
  for (const corpus of loadTrainCorpora(trainDir, { only: 'eval-only' })) {
    for (const sample of corpus.samples) {
      const label = labelOf(sample.truth, options.spamAsBenign);
      if (label === undefined || splitOf(sample.text) !== 'tune') continue;
      rows.push(make(corpus.name, sample.text, label, 'tune', sample.truth === 'spam', sample.kind));
    }
  }
  return rows;
}

/** Loads every row that may be fitted on, with its split, fold and features, and the hashes of the files read. */
export function collectRows(sources: DataSources, options: RowOptions): { rows: TrainingRow[]; files: DataFile[] } {
  const rows: TrainingRow[] = [];
  const perFile = new Map<string, number>();
  const make = rowMaker(options);
  const add = (...args: Parameters<typeof make>): void => {
    rows.push(make(...args));
  };
  const corpora = [...loadCorpora(sources.evalDir), ...loadTrainCorpora(sources.trainDir, { only: 'train+eval' })];
  for (const corpus of corpora) {
    for (const sample of corpus.samples) {
      const label = labelOf(sample.truth, options.spamAsBenign);
      if (label === undefined) continue;
      add(corpus.name, sample.text, label, splitOf(sample.text), sample.truth === 'spam', sample.kind);
      const lines = options.callerLines && sample.kind === 'transcript' ? callerLines(sample.text) : '';
      // The caller's side of a call, as one message: in the same split and fold as its call.
      if (lines) add(`${corpus.name} (caller lines)`, lines, label, splitOf(sample.text), false, 'message', sample.text);
    }
    perFile.set(corpus.name, corpus.samples.length);
  }
  const fixtures = [
    ...readBenignFixtures(sources.benignDir).map((fixture) => ({ ...fixture, label: 0 as const, kind: 'benign' })),
    ...(sources.scamDir ? readBenignFixtures(sources.scamDir) : []).map((fixture) => ({ ...fixture, label: 1 as const, kind: 'scam' })),
    ...(sources.chineseDir ? readBenignFixtures(sources.chineseDir) : []).map((fixture) => (basename(fixture.file).endsWith('-scam.txt') ? { ...fixture, label: 1 as const, kind: 'scam' } : { ...fixture, label: 0 as const, kind: 'benign' })),
  ];
  // Hand-written texts are not a corpus: all of them are fitted on (nothing is measured on them).
  for (const fixture of fixtures) for (const text of fixture.texts) add(`hand-written-${fixture.kind}:${basename(fixture.file, '.txt')}`, text, fixture.label, 'tune');

  const root = join(sources.evalDir, '..');
  const files: DataFile[] = [];
  const record = (path: string, rowCount?: number): void => {
    files.push({ file: relative(root, path) || basename(path), sha256: sha256(readFileSync(path)), ...(rowCount === undefined ? {} : { rows: rowCount }) });
  };
  for (const path of evalDataFiles(sources.evalDir)) record(path);
  for (const file of listTrainFiles(sources.trainDir).filter((candidate) => candidate.use === 'train+eval')) record(file.path, perFile.get(file.name) ?? 0);
  for (const fixture of fixtures) files.push({ file: relative(join(sources.benignDir, '..', '..'), fixture.file), sha256: sha256(readFileSync(fixture.file)), rows: fixture.texts.length });
  return { rows, files };
}

/** The caller's turns of a "Caller: …" / "Callee: …" transcript, joined as one message; '' when there are none. */
export function callerLines(transcript: string): string {
  return transcript
    .split('\n')
    .filter((line) => line.startsWith('Caller: '))
    .map((line) => line.slice('Caller: '.length).trim())
    .join(' ');
}

/** A model that fires on everything: analyze() then says whether the model would be heard (not framed, a language the rules read). */
const PROBE: LocalModel = {
  file: 'probe',
  bits: 4,
  tables: { en: { bias: 30, weights: new Float32Array(16) }, zh: { bias: 30, weights: new Float32Array(32) } },
  thresholds: { en: { medium: 0.5, mediumWithRules: 0.5, high: 0.5 }, zh: { medium: 0.5, mediumWithRules: 0.5, high: 0.5 } },
};

/** What the policy needs from the rules for one text: the rules-only level, and whether framing or language keeps the model silent. */
function rulesView(ruleset: Ruleset, request: { kind: CheckRequest['kind']; text: string }): { rank: number; open: boolean } {
  const rank = levelRank(analyze(request, ruleset).level);
  return { rank, open: analyze(request, ruleset, { model: PROBE }).localModel?.fired === true };
}

/** Weights that give scams and non-scams of each threshold language the same total weight. */
function balancedExamples(rows: readonly TrainingRow[], spamWeight: number): Example[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(`${row.language}:${row.label}`, (totals.get(`${row.language}:${row.label}`) ?? 0) + 1);
  return rows.map((row) => {
    const same = totals.get(`${row.language}:${row.label}`) ?? 1;
    const other = totals.get(`${row.language}:${1 - row.label}`) ?? 0;
    const weight = (other === 0 ? 1 : (same + other) / (2 * same)) * (row.spam ? spamWeight : 1);
    return { indices: row.indices, label: row.label, weight };
  });
}

/**
 * The lowest probability at which at most `target` of each benign corpus of the language scores at or above
 * it (the strictest corpus decides), never below `floor`. A quantile of a set smaller than 1/target is only
 * its maximum, so small sets are pooled, and a pool still that small is left out; the hand-written benign
 * sets are the exception (they are hard on purpose, and none of them may reach the threshold).
 */
export function thresholdFor(scores: ReadonlyMap<string, number[]>, target: number, floor: number): number {
  const enough = Math.ceil(1 / target);
  const sets: number[][] = [];
  const pooled: number[] = [];
  for (const [name, values] of scores) {
    // Hand-written benign examples are chosen to be hard (notices, advisories): none may reach the threshold.
    if (values.length >= enough || name.startsWith('hand-written')) sets.push(values);
    else pooled.push(...values);
  }
  if (pooled.length >= enough) sets.push(pooled);
  let threshold = floor;
  for (const values of sets) {
    const sorted = [...values].sort((a, b) => b - a);
    const boundary = sorted[Math.floor(target * sorted.length)];
    if (boundary !== undefined) threshold = Math.max(threshold, boundary + 1e-6);
  }
  return Math.min(threshold, 0.999);
}

/** Model-only figures of one corpus and language. */
export interface ModelFigures {
  corpus: string;
  language: ModelLanguage;
  scams: number;
  benign: number;
  recall: number | null;
  falsePositiveRateMedium: number | null;
  falsePositiveRateHigh: number | null;
  /** Marketing spam rows and the share of them at or above the medium threshold (not false alarms, not scams). */
  spam: number;
  spamFlaggedMedium: number | null;
  /** Rules and model together at medium (rows with a rules verdict: tune only): recall and false alarms on legitimate texts. */
  combinedRecall?: number | null;
  combinedFalsePositiveRateMedium?: number | null;
}

function measure(rows: readonly TrainingRow[], probabilities: readonly number[], thresholds: Record<ModelLanguage, ModelThresholds>): ModelFigures[] {
  const groups = new Map<string, { corpus: string; language: ModelLanguage; scams: number; caught: number; benign: number; medium: number; high: number; spam: number; spamMedium: number; combined: number; combinedFalse: number; withRules: boolean }>();
  rows.forEach((row, index) => {
    const key = `${row.corpus}\t${row.language}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { corpus: row.corpus, language: row.language, scams: 0, caught: 0, benign: 0, medium: 0, high: 0, spam: 0, spamMedium: 0, combined: 0, combinedFalse: 0, withRules: false }));
    const probability = probabilities[index] as number;
    const { medium, high } = thresholds[row.language];
    if (row.rules) {
      group.withRules = true;
      const heard = row.rules.open && probability >= (row.rules.rank === 0 ? medium : thresholds[row.language].mediumWithRules);
      if (row.rules.rank >= 2 || heard) {
        if (row.label === 1) group.combined += 1;
        else if (!row.spam) group.combinedFalse += 1;
      }
    }
    if (row.label === 1) {
      group.scams += 1;
      if (probability >= medium) group.caught += 1;
    } else if (row.spam) {
      group.spam += 1;
      if (probability >= medium) group.spamMedium += 1;
    } else {
      group.benign += 1;
      if (probability >= medium) group.medium += 1;
      if (probability >= high) group.high += 1;
    }
  });
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
  return [...groups.values()].map((group) => ({
    corpus: group.corpus,
    language: group.language,
    scams: group.scams,
    benign: group.benign,
    recall: ratio(group.caught, group.scams),
    falsePositiveRateMedium: ratio(group.medium, group.benign),
    falsePositiveRateHigh: ratio(group.high, group.benign),
    spam: group.spam,
    spamFlaggedMedium: ratio(group.spamMedium, group.spam),
    ...(group.withRules ? { combinedRecall: ratio(group.combined, group.scams), combinedFalsePositiveRateMedium: ratio(group.combinedFalse, group.benign) } : {}),
  }));
}

/** The outcome of a training run. */
export interface TrainingResult {
  model: FittedModel;
  thresholds: Record<ModelLanguage, ModelThresholds>;
  /** Out-of-fold figures inside tune (what chose the thresholds). */
  crossValidation: ModelFigures[];
  /** Figures on the held-out half, for the report only. */
  holdout: ModelFigures[];
  tuneRows: number;
}

/** A fitted model: the weights each threshold language is scored with (one object for both unless `languageSpaces`). */
export interface FittedModel {
  tables: Record<ModelLanguage, LinearWeights>;
}

/** Fits the rows: one model, or with `languageSpaces` one model per threshold language on its own rows. */
export function fitModel(rows: readonly TrainingRow[], options: TrainingOptions): FittedModel {
  const fitted = fittedRows(rows, options);
  if (!options.languageSpaces) {
    const shared = trainLinear(balancedExamples(fitted, options.spamWeight), options.scriptHalves ? { ...options, bits: options.bits + 1 } : options);
    return { tables: { en: shared, zh: shared } };
  }
  const fit = (language: ModelLanguage): LinearWeights => trainLinear(balancedExamples(fitted.filter((row) => row.language === language), options.spamWeight), options);
  return { tables: { en: fit('en'), zh: fit('zh') } };
}

/** A row's probability: the whole text's, or the highest of it and its windows' when the row has windows. */
export function rowProbability(model: FittedModel, row: TrainingRow): number {
  const table = model.tables[row.language];
  let probability = predict(table, row.indices);
  for (const window of row.windows ?? []) probability = Math.max(probability, predict(table, window));
  return probability;
}

/** The rows fitted on: each row, and with `fitWindows` each window of a long text as a row of its own. */
function fittedRows(rows: readonly TrainingRow[], options: TrainingOptions): TrainingRow[] {
  if (!options.fitWindows) return [...rows];
  return rows.flatMap((row) => [row, ...(row.windows ?? []).map((indices) => ({ ...row, indices, windows: undefined }))]);
}

/** Out-of-fold probabilities of the tune rows: each fold scored by a model fitted on the other folds. */
export function outOfFold(tune: readonly TrainingRow[], options: TrainingOptions): number[] {
  const probabilities = new Array<number>(tune.length).fill(0);
  for (let fold = 0; fold < options.folds; fold += 1) {
    const fitted = fitModel(tune.filter((row) => row.fold !== fold), options);
    tune.forEach((row, index) => {
      if (row.fold === fold) probabilities[index] = rowProbability(fitted, row);
    });
  }
  return probabilities;
}

/**
 * The thresholds of each language, from out-of-fold probabilities of the tune rows, without trusting the rules'
 * tune figures: the rules were written against tune, so on tune they flag fewer benign texts, weakly or at
 * medium, than on new text (SmishX legitimate texts with a rule hit: 10% of tune; flagged at medium: 0% of tune,
 * 1.0% of holdout). A budget shared with the rules, or one counting only the texts the rules left weak, would
 * hand the model room it does not have on new text. So the model's own share is bounded whatever the rules do:
 * `medium` is the lowest probability at which the model alone reaches at most `mediumFalsePositiveTarget` of
 * every benign set ({@link thresholdFor}: small sets pooled, no hand-written benign text), over the texts it may
 * speak on (not framed as a warning or report). `mediumWithRules` is the same probability: a lower one beside a
 * weak rule hit would again rest on how rarely the rules hit benign tune texts. `high` (only ever together with
 * a rule combination): the model alone on at most `highFalsePositiveTarget` of every benign set.
 */
export function chooseThresholds(tune: readonly TrainingRow[], outOfFoldProbabilities: readonly number[], options: TrainingOptions): Record<ModelLanguage, ModelThresholds> {
  const thresholds = {} as Record<ModelLanguage, ModelThresholds>;
  for (const language of ['en', 'zh'] as const) {
    const benign = new Map<string, number[]>();
    const heard = new Map<string, number[]>();
    tune.forEach((row, index) => {
      if (row.label !== 0 || row.language !== language || (row.spam && !options.spamInThresholds)) return;
      const probability = outOfFoldProbabilities[index] as number;
      const add = (map: Map<string, number[]>): void => {
        const list = map.get(row.corpus);
        if (list) list.push(probability);
        else map.set(row.corpus, [probability]);
      };
      add(benign);
      if (row.rules?.open !== false) add(heard);
    });
    const medium = thresholdFor(heard, options.mediumFalsePositiveTarget, options.minimumMedium);
    const high = Math.max(medium, thresholdFor(benign, options.highFalsePositiveTarget, medium));
    thresholds[language] = { medium: round(medium), mediumWithRules: round(medium), high: round(high) };
  }
  return thresholds;
}

/** Cross-validates inside tune for the thresholds, fits the final model on all of tune, measures holdout. */
export function trainFromRows(rows: readonly TrainingRow[], options: TrainingOptions): TrainingResult {
  const tune = rows.filter((row) => row.split === 'tune');
  const probabilities = outOfFold(tune, options);
  const thresholds = chooseThresholds(tune, probabilities, options);
  const model = fitModel(tune, options);
  const holdout = rows.filter((row) => row.split === 'holdout');
  return {
    model,
    thresholds,
    crossValidation: measure(tune, probabilities, thresholds),
    holdout: measure(holdout, holdout.map((row) => rowProbability(model, row)), thresholds),
    tuneRows: tune.length,
  };
}

/** Rounds a threshold up to 6 decimals, so the manifest reads well and the rounding never lowers it. */
function round(value: number): number {
  return Math.ceil(value * 1e6) / 1e6;
}
