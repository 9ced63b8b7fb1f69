import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckRequest } from '../src/core/request.ts';
import { parseCsvObjects } from './csv.ts';
import { textLanguage } from './text-language.ts';
import type { TrainUse } from './train-corpora.ts';

/**
 * What a labeled sample is: a scam, a legitimate message, marketing spam (not a scam, reported apart), or
 * `unknown` spam (the source does not say whether it is a scam or marketing; reported apart too).
 */
export type Truth = 'scam' | 'legitimate' | 'spam' | 'unknown';

/** One labeled sample of an evaluation corpus, held in memory only. */
export interface Sample {
  corpus: string;
  /** ISO 639-1 code of this text's own language (bench/text-language.ts), not the corpus's. */
  language: string;
  kind: CheckRequest['kind'];
  text: string;
  truth: Truth;
  /** The corpus's own finer label (e.g. smishing, ssn, 绑架诈骗), for error listings. */
  subtype: string;
}

/** A corpus read from ../shared/eval or ../shared/train. */
export interface Corpus {
  name: string;
  /** The language most of its texts are in. */
  language: string;
  /** Which shared folder it came from. */
  origin: 'eval' | 'train';
  /** Whether its rows may be fitted on (`train+eval`) or only measured (`eval-only`), from the folder's README. */
  use: TrainUse;
  samples: Sample[];
}

/** The language most samples are in (`und` for none). */
export function mainLanguage(samples: readonly Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) counts.set(sample.language, (counts.get(sample.language) ?? 0) + 1);
  let best = 'und';
  let most = 0;
  for (const [language, count] of counts) if (count > most) [best, most] = [language, count];
  return best;
}

/** Wraps an eval-folder corpus: its README says all four licenses allow training. */
function evalCorpus(name: string, samples: Sample[]): Corpus {
  return { name, language: mainLanguage(samples), origin: 'eval', use: 'train+eval', samples };
}

function smsTruth(label: string): Truth | undefined {
  const normalized = label.trim().toLowerCase();
  if (normalized === 'smishing') return 'scam';
  if (normalized === 'spam') return 'spam';
  if (normalized === 'legitimate' || normalized === 'ham') return 'legitimate';
  return undefined;
}

function loadSms(path: string, name: string, textColumn: string, labelColumn: string): Corpus {
  const samples: Sample[] = [];
  for (const row of parseCsvObjects(readFileSync(path, 'utf8'))) {
    const label = row[labelColumn] ?? '';
    const truth = smsTruth(label);
    const text = (row[textColumn] ?? '').trim();
    if (!truth || !text) continue;
    samples.push({ corpus: name, language: textLanguage(text), kind: 'message', text, truth, subtype: label.trim().toLowerCase() });
  }
  return evalCorpus(name, samples);
}

/** Turns a one-line "Suspect: … Innocent: …" dialogue into "Caller: …" / "Callee: …" lines. */
export function dialogueToTranscript(dialogue: string): string {
  const lines: string[] = [];
  const marker = /(?:^|\s)(Suspect|Innocent)\s*:\s*/g;
  let speaker = '';
  let from = 0;
  let found: RegExpExecArray | null;
  while ((found = marker.exec(dialogue)) !== null) {
    const said = dialogue.slice(from, found.index).trim();
    if (said) lines.push(speaker ? `${speaker}: ${said}` : said);
    speaker = found[1] === 'Suspect' ? 'Caller' : 'Callee';
    from = found.index + found[0].length;
  }
  const rest = dialogue.slice(from).trim();
  if (rest) lines.push(speaker ? `${speaker}: ${rest}` : rest);
  return lines.join('\n');
}

function loadBothbosu(path: string, name: string): Corpus {
  const samples: Sample[] = [];
  for (const row of parseCsvObjects(readFileSync(path, 'utf8'))) {
    const text = dialogueToTranscript(row['dialogue'] ?? '');
    if (!text) continue;
    const truth: Truth = (row['label'] ?? '').trim() === '1' ? 'scam' : 'legitimate';
    samples.push({ corpus: name, language: textLanguage(text), kind: 'transcript', text, truth, subtype: (row['type'] ?? '').trim() });
  }
  return evalCorpus(name, samples);
}

/** Interleaves caller (`left`) and callee (`right`) turns into "Caller: …" / "Callee: …" lines. */
export function turnsToTranscript(left: readonly string[], right: readonly string[]): string {
  const lines: string[] = [];
  for (let turn = 0; turn < Math.max(left.length, right.length); turn += 1) {
    const caller = left[turn]?.trim();
    const callee = right[turn]?.trim();
    if (caller) lines.push(`Caller: ${caller}`);
    if (callee) lines.push(`Callee: ${callee}`);
  }
  return lines.join('\n');
}

function loadTeleAntiFraud(folder: string, name: string): Corpus {
  const samples: Sample[] = [];
  for (const file of readdirSync(folder).filter((entry) => entry.endsWith('.jsonl')).sort()) {
    const truth: Truth | undefined = file.startsWith('fraud_') ? 'scam' : file.startsWith('normal_') ? 'legitimate' : undefined;
    if (!truth) continue;
    for (const line of readFileSync(join(folder, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { left?: unknown; right?: unknown; fraud_type?: unknown };
      const left = Array.isArray(record.left) ? record.left.map(String) : [];
      const right = Array.isArray(record.right) ? record.right.map(String) : [];
      const text = turnsToTranscript(left, right);
      if (!text) continue;
      samples.push({ corpus: name, language: textLanguage(text), kind: 'transcript', text, truth, subtype: String(record.fraud_type ?? file) });
    }
  }
  return evalCorpus(name, samples);
}

/** Reads every known corpus present in `dir` (formats in its README); missing ones are skipped. */
export function loadCorpora(dir: string): Corpus[] {
  const corpora: Corpus[] = [];
  const at = (name: string): string => join(dir, name);
  if (existsSync(at('smishx.csv'))) corpora.push(loadSms(at('smishx.csv'), 'smishx', 'SMS', 'label'));
  if (existsSync(at('mishra-smishing-5971.csv'))) {
    corpora.push(loadSms(at('mishra-smishing-5971.csv'), 'mishra-smishing', 'TEXT', 'LABEL'));
  }
  if (existsSync(at('bothbosu-scam-dialogue.csv'))) corpora.push(loadBothbosu(at('bothbosu-scam-dialogue.csv'), 'bothbosu-dialogue'));
  if (existsSync(at('teleantifraud-zh'))) corpora.push(loadTeleAntiFraud(at('teleantifraud-zh'), 'teleantifraud-zh'));
  return corpora;
}
