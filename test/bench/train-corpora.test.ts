import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitOf } from '../../bench/split.ts';
import { textLanguage } from '../../bench/text-language.ts';
import { loadTrainCorpora, mappedTruth, readTrainUses, useOf } from '../../bench/train-corpora.ts';
import { runNode } from '../fakes/run-node.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/eval-train/', import.meta.url));
const EVAL_FIXTURE = fileURLToPath(new URL('../fixtures/eval-llm/', import.meta.url));
const EVAL = fileURLToPath(new URL('../../bench/eval.ts', import.meta.url));

describe('train corpora reader', () => {
  it('reads the use column of the README table, eval only unless it says exactly "train + eval"', () => {
    const uses = readTrainUses(
      ['| folder/file | source | license | use | rows |', '|---|---|---|---|---|', '| `a/` | x | CC0 | train + eval | 1 |', '| `b/c.csv` | x | none | eval only | 2 |', '| `d/` | x | ? | train | 3 |'].join('\n'),
    );
    expect(uses.get('a/')).toBe('train+eval');
    expect(uses.get('b/c.csv')).toBe('eval-only');
    expect(uses.get('d/')).toBe('eval-only');
    expect(useOf(uses, 'a', 'anything.csv')).toBe('train+eval');
    expect(useOf(uses, 'b', 'c.csv')).toBe('eval-only');
    expect(useOf(uses, 'unlisted', 'x.csv')).toBe('eval-only');
  });

  it('maps the four labels and rejects others', () => {
    expect(['scam', 'not-scam', 'marketing-spam', 'spam-unknown', 'other'].map(mappedTruth)).toEqual(['scam', 'legitimate', 'spam', 'unknown', undefined]);
  });

  it('loads every file, names it, drops rows already in ../shared/eval and gives each row its own language', () => {
    const corpora = loadTrainCorpora(FIXTURE);
    expect(corpora.map((corpus) => [corpus.name, corpus.use])).toEqual([
      ['chat-measure', 'eval-only'],
      ['sms-fit', 'train+eval'],
      ['one', 'train+eval'],
      ['two', 'eval-only'],
    ]);
    const fit = corpora.find((corpus) => corpus.name === 'sms-fit');
    expect(fit?.samples.map((sample) => [sample.truth, sample.language])).toEqual([
      ['scam', 'en'],
      ['legitimate', 'zh'],
      ['spam', 'en'],
      ['unknown', 'en'],
    ]);
    expect(fit?.language).toBe('en');
    expect(corpora.find((corpus) => corpus.name === 'two')?.samples[0]?.language).toBe('ja');
    expect(loadTrainCorpora(FIXTURE, { keepSharedEval: true }).find((corpus) => corpus.name === 'sms-fit')?.samples).toHaveLength(5);
  });

  it('returns nothing for a missing folder', () => {
    expect(loadTrainCorpora(`${FIXTURE}/nope`)).toEqual([]);
  });
});

describe('text language of an eval row', () => {
  it('follows the dominant script', () => {
    expect(textLanguage('Your parcel is waiting')).toBe('en');
    expect(textLanguage('您的包裹已到 http://x.cn')).toBe('zh');
    expect(textLanguage('您的包裹 is waiting at the depot for you today please')).toBe('en');
    expect(textLanguage('お荷物のお届けにあがりました')).toBe('ja');
    expect(textLanguage('택배가 도착했습니다')).toBe('ko');
    expect(textLanguage('Ваша посылка ждёт')).toBe('ru');
    expect(textLanguage('12345 !!!')).toBe('und');
  });
});

describe('npm run eval with a train folder', () => {
  it('reports train corpora per language of their texts, keeps each row in its split, and drops shared rows', async () => {
    const run = await runNode(EVAL, [EVAL_FIXTURE, '--train', FIXTURE, '--json'], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { samples: number; rows: { name: string; language: string; use: string; figures: { n: number; unknown: number } }[] };
    expect(report.samples).toBe(4 + 2 + 4 + 1 + 1);
    const fitRows = report.rows.filter((row) => row.name === 'sms-fit').map((row) => [row.language, row.use, row.figures.n]);
    expect(fitRows).toEqual([
      ['en', 'fit', 3],
      ['zh', 'fit', 1],
    ]);
    expect(report.rows.find((row) => row.name === 'chat-measure')?.use).toBe('measure');
    expect(report.rows.find((row) => row.name === 'smishx')?.use).toBe('eval');
    // The second table: how the detector read each corpus; a Japanese text is counted as unread, by language.
    const readings = (report as unknown as { readings: { name: string; language: string; figures: { n: number }; languages?: Record<string, number> }[] }).readings;
    expect(readings.find((row) => row.name === 'two' && row.language === 'unread')).toMatchObject({ figures: { n: 1 }, languages: { ja: 1 } });
    expect(readings.filter((row) => row.name === 'sms-fit' && row.language === 'unread')).toEqual([]);

    // Train rows take the same text-hash split as the eval corpora.
    const tune = JSON.parse((await runNode(EVAL, [FIXTURE, '--train', FIXTURE, '--json', '--split', 'tune'], {})).stdout) as { samples: number };
    const trainSamples = loadTrainCorpora(FIXTURE).flatMap((corpus) => corpus.samples);
    expect(tune.samples).toBe(trainSamples.filter((sample) => splitOf(sample.text) === 'tune').length);
  }, 60_000);
});
