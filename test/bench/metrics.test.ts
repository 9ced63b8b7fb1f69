import { describe, expect, it } from 'vitest';
import { countPrediction, emptyTally, figures } from '../../bench/metrics.ts';
import { dialogueToTranscript, turnsToTranscript } from '../../bench/corpora.ts';

describe('eval figures', () => {
  it('computes precision, recall, false-positive rate, F1 and the spam flag rate', () => {
    const tally = emptyTally();
    for (let i = 0; i < 8; i += 1) countPrediction(tally, 'scam', true);
    for (let i = 0; i < 2; i += 1) countPrediction(tally, 'scam', false);
    countPrediction(tally, 'legitimate', true);
    for (let i = 0; i < 9; i += 1) countPrediction(tally, 'legitimate', false);
    countPrediction(tally, 'spam', true);
    countPrediction(tally, 'spam', false);
    const result = figures(tally);
    expect(result.n).toBe(22);
    expect(result.scams).toBe(10);
    expect(result.legitimate).toBe(10);
    expect(result.spam).toBe(2);
    expect(result.recall).toBeCloseTo(0.8);
    expect(result.precision).toBeCloseTo(0.8);
    expect(result.falsePositiveRate).toBeCloseTo(0.1);
    expect(result.f1).toBeCloseTo(0.8);
    expect(result.spamFlaggedRate).toBeCloseTo(0.5);
  });

  it('reports null where nothing was counted', () => {
    const result = figures(emptyTally());
    expect(result.precision).toBeNull();
    expect(result.recall).toBeNull();
    expect(result.f1).toBeNull();
  });
});

describe('transcript builders', () => {
  it('interleaves caller and callee turns', () => {
    expect(turnsToTranscript(['a1', 'a2'], ['b1'])).toBe('Caller: a1\nCallee: b1\nCaller: a2');
  });

  it('splits a one-line dialogue on speaker markers', () => {
    expect(dialogueToTranscript('Suspect: Hello there. Innocent: Who is this? Suspect: Your bank.')).toBe(
      'Caller: Hello there.\nCallee: Who is this?\nCaller: Your bank.',
    );
  });
});
