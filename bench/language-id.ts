/**
 * `node bench/language-id.ts`: how well `detectLanguage` names the language of short messages and what it
 * costs. Reads the project's own samples (test/fixtures/language-samples.ts) and, when present, the corpora of
 * ../shared/eval (English and Chinese) and the Traditional/Simplified sets of ../shared/train, and prints the
 * share read as each corpus's language, plus µs per message. Measured only; nothing is asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from '../src/core/language.ts';
import { isTraditionalText } from '../src/core/chinese-script.ts';
import { LANGUAGE_SAMPLES } from '../test/fixtures/language-samples.ts';
import { loadCorpora } from './corpora.ts';
import { parseCsvObjects } from './csv.ts';

const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
const percent = (part: number, whole: number): string => `${((part / Math.max(1, whole)) * 100).toFixed(1)}%`;

let right = 0;
let total = 0;
const wrong: string[] = [];
for (const [language, texts] of Object.entries(LANGUAGE_SAMPLES)) {
  const expected = language === 'zh-Hant' ? 'zh' : language;
  for (const text of texts) {
    total += 1;
    const got = detectLanguage(text);
    if (got === expected) right += 1;
    else wrong.push(`${language}→${got}`);
  }
}
console.log(`samples: ${right}/${total} right${wrong.length > 0 ? ` (${wrong.join(', ')})` : ''}`);

if (existsSync(`${shared}eval`)) {
  for (const corpus of loadCorpora(`${shared}eval`)) {
    const counts = new Map<string, number>();
    for (const sample of corpus.samples) {
      const got = detectLanguage(sample.text);
      counts.set(got, (counts.get(got) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([code, n]) => `${code} ${percent(n, corpus.samples.length)}`);
    console.log(`${corpus.name.padEnd(20)} (${corpus.language}, n=${corpus.samples.length}): ${top.join(', ')}`);
  }
}

const scriptSets: [string, string, boolean][] = [
  ['zh-tw-cofacts-replies/zh-tw-cofacts-replies.csv', 'Traditional', true],
  ['zh-tw-sms-nagato/zh-tw-sms-nagato.csv', 'Traditional', true],
  ['zh-sms-spam-80w/zh-sms-spam-80w-sample.csv', 'Simplified', false],
  ['zh-chat-fraud-ocr/zh-chat-fraud-ocr.csv', 'Simplified', false],
];
for (const [file, script, traditional] of scriptSets) {
  const path = `${shared}train/${file}`;
  if (!existsSync(path)) continue;
  const texts = parseCsvObjects(readFileSync(path, 'utf8')).map((row) => row.text ?? '').filter((text) => detectLanguage(text) === 'zh');
  const hits = texts.filter((text) => isTraditionalText(text) === traditional).length;
  console.log(`${file.split('/')[0]!.padEnd(22)} read as ${script}: ${percent(hits, texts.length)} of ${texts.length} Chinese texts`);
}

const all = Object.values(LANGUAGE_SAMPLES).flat();
for (let index = 0; index < 2_000; index += 1) detectLanguage(all[index % all.length]!);
const rounds = 20_000;
const start = process.cpuUsage();
for (let index = 0; index < rounds; index += 1) detectLanguage(all[index % all.length]!);
const used = process.cpuUsage(start);
console.log(`speed: ${(((used.user + used.system) / rounds)).toFixed(1)} µs CPU per sample message`);
