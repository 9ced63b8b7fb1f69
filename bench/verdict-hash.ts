/**
 * `node bench/verdict-hash.ts`: one sha256 over every verdict `analyze()` gives (the service's options: the local
 * model unless LOCAL_MODEL=off) for the eval and train corpora in ../shared, the bench's synthetic messages and
 * transcript and the adversarial inputs. A speed change must leave it unchanged: run it before and after.
 * Prints the hash per group and overall; `--list FILE` also writes one line per text (group, index, digest) so
 * two runs can be diffed to find the first verdict that moved.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze, type AnalyzeOptions } from '../src/core/analyze.ts';
import type { CheckRequest } from '../src/core/request.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { localModelFromEnv } from '../src/service/checker-factory.ts';
import { adversarialInputs } from './adversarial.ts';
import { loadCorpora } from './corpora.ts';
import { makeMessages, makeTranscript } from './samples.ts';
import { loadTrainCorpora } from './train-corpora.ts';

const localModel = localModelFromEnv({ LOCAL_MODEL: process.env.LOCAL_MODEL, LOCAL_MODEL_PATH: process.env.LOCAL_MODEL_PATH });
const options: AnalyzeOptions = localModel ? { model: localModel } : {};
const ruleset = loadRuleset();
const listAt = process.argv.indexOf('--list');
const listFile = listAt >= 0 ? process.argv[listAt + 1] : undefined;

const groups: { name: string; requests: CheckRequest[] }[] = [];
const shared = fileURLToPath(new URL('../../shared/', import.meta.url));
if (existsSync(`${shared}eval`)) {
  for (const corpus of loadCorpora(`${shared}eval`)) {
    groups.push({ name: `eval ${corpus.name}`, requests: corpus.samples.map((sample) => ({ kind: sample.kind, text: sample.text })) });
  }
}
if (existsSync(`${shared}train`)) {
  for (const corpus of loadTrainCorpora(`${shared}train`)) {
    groups.push({ name: `train ${corpus.name}`, requests: corpus.samples.map((sample) => ({ kind: sample.kind, text: sample.text })) });
  }
}
groups.push({ name: 'bench messages', requests: makeMessages(2_000).map((text) => ({ kind: 'message', text })) });
groups.push({ name: 'bench transcript', requests: [{ kind: 'transcript', text: makeTranscript(60_000) }] });
groups.push({ name: 'adversarial', requests: adversarialInputs().map((input) => ({ kind: 'message', text: input.text })) });

const total = createHash('sha256');
const lines: string[] = [];
for (const group of groups) {
  const hash = createHash('sha256');
  group.requests.forEach((request, index) => {
    // No time budget: a slow run must not change a verdict here.
    const verdict = analyze(request, ruleset, { ...options, matchBudgetMs: Number.POSITIVE_INFINITY });
    const digest = createHash('sha256').update(JSON.stringify(verdict)).digest('hex');
    hash.update(digest);
    if (listFile) lines.push(`${group.name}\t${index}\t${digest}`);
  });
  const hex = hash.digest('hex');
  total.update(hex);
  console.log(`${group.name.padEnd(40)}${String(group.requests.length).padStart(7)}  ${hex.slice(0, 16)}`);
}
console.log(`${'all'.padEnd(47)}  ${total.digest('hex').slice(0, 16)}`);
if (listFile) writeFileSync(listFile, `${lines.join('\n')}\n`);
