/**
 * Reads ../shared/train (formats in its README): UTF-8 CSV files with the columns
 * `id, text, orig_label, mapped, lang, …, in_shared_eval`, one folder per source. What each file may be used
 * for comes from the README's table (`use` column): `train + eval` rows may be fitted on, every other file is
 * measured only. A file the table does not name is measured only, so a new source is never trained on by
 * accident.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mainLanguage, type Corpus, type Sample, type Truth } from './corpora.ts';
import { parseCsvObjects } from './csv.ts';
import { textLanguage } from './text-language.ts';

/** What a train file may be used for: fitted on and measured, or measured only. */
export type TrainUse = 'train+eval' | 'eval-only';

/** `mapped` column value → the eval's truth (`spam-unknown` is spam that may or may not be a scam). */
export function mappedTruth(mapped: string): Truth | undefined {
  switch (mapped.trim()) {
    case 'scam':
      return 'scam';
    case 'not-scam':
      return 'legitimate';
    case 'marketing-spam':
      return 'spam';
    case 'spam-unknown':
      return 'unknown';
    default:
      return undefined;
  }
}

/**
 * The `use` column of the README's table, keyed by the folder (`name/`) or file (`name/file.csv`) it names in
 * back quotes in the first column. Rows whose use is not exactly "train + eval" are eval only.
 */
export function readTrainUses(readme: string): Map<string, TrainUse> {
  const uses = new Map<string, TrainUse>();
  let useColumn = -1;
  for (const line of readme.split('\n')) {
    if (!line.trim().startsWith('|')) {
      useColumn = -1;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((cell) => cell.trim());
    if (useColumn < 0) {
      useColumn = cells.findIndex((cell) => cell.toLowerCase() === 'use');
      continue;
    }
    const named = /^`([^`]+)`$/.exec(cells[0] ?? '');
    if (!named) continue;
    const use = (cells[useColumn] ?? '').replace(/\s+/g, ' ').toLowerCase();
    uses.set(named[1] as string, use === 'train + eval' ? 'train+eval' : 'eval-only');
  }
  return uses;
}

/** The use the README gives a file: its own row, else its folder's row, else eval only. */
export function useOf(uses: ReadonlyMap<string, TrainUse>, folder: string, file: string): TrainUse {
  return uses.get(`${folder}/${file}`) ?? uses.get(`${folder}/`) ?? uses.get(folder) ?? 'eval-only';
}

/** Options for {@link loadTrainCorpora}. */
export interface TrainLoadOptions {
  /** Keep rows whose text is also in ../shared/eval (`in_shared_eval=1`); dropped by default so nothing counts twice. */
  keepSharedEval?: boolean;
}

function loadTrainFile(path: string, name: string, use: TrainUse, options: TrainLoadOptions): Corpus {
  const samples: Sample[] = [];
  for (const row of parseCsvObjects(readFileSync(path, 'utf8'))) {
    if (!options.keepSharedEval && (row['in_shared_eval'] ?? '').trim() === '1') continue;
    const truth = mappedTruth(row['mapped'] ?? '');
    const text = (row['text'] ?? '').trim();
    if (!truth || !text) continue;
    samples.push({ corpus: name, language: textLanguage(text), kind: 'message', text, truth, subtype: (row['orig_label'] ?? '').trim() });
  }
  return { name, language: mainLanguage(samples), origin: 'train', use, samples };
}

/**
 * Every CSV file under the train folder, in a stable order. A folder holding one file is named after the
 * folder (`zh-tw-cofacts-replies`), a file in a folder of several after the file (`spamhunter-labelled`).
 */
export function loadTrainCorpora(dir: string, options: TrainLoadOptions = {}): Corpus[] {
  if (!existsSync(dir)) return [];
  const readme = join(dir, 'README.md');
  const uses = existsSync(readme) ? readTrainUses(readFileSync(readme, 'utf8')) : new Map<string, TrainUse>();
  const corpora: Corpus[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()) {
    const files = readdirSync(join(dir, folder)).filter((file) => file.endsWith('.csv')).sort();
    for (const file of files) {
      const name = files.length === 1 ? folder : basename(file, '.csv');
      corpora.push(loadTrainFile(join(dir, folder, file), name, useOf(uses, folder, file), options));
    }
  }
  return corpora;
}
