import type { Truth } from './corpora.ts';

/** Confusion counts for "scam" against "not scam", with marketing spam counted apart. */
export interface Tally {
  n: number;
  truePositives: number;
  falseNegatives: number;
  /** Legitimate samples flagged as scam. */
  falsePositives: number;
  trueNegatives: number;
  spam: number;
  /** Marketing spam flagged as scam. */
  spamFlagged: number;
  /** Spam the source does not say is a scam or marketing. */
  unknown: number;
  /** Such spam flagged as scam. */
  unknownFlagged: number;
}

/** Figures derived from a tally; null where the denominator is zero. */
export interface Figures {
  n: number;
  scams: number;
  legitimate: number;
  spam: number;
  precision: number | null;
  recall: number | null;
  /** Share of legitimate samples flagged as scam. */
  falsePositiveRate: number | null;
  f1: number | null;
  /** Share of marketing spam flagged as scam. */
  spamFlaggedRate: number | null;
  unknown: number;
  /** Share of spam of unknown kind flagged as scam (neither a hit nor a false alarm). */
  unknownFlaggedRate: number | null;
}

/** An empty tally. */
export function emptyTally(): Tally {
  return { n: 0, truePositives: 0, falseNegatives: 0, falsePositives: 0, trueNegatives: 0, spam: 0, spamFlagged: 0, unknown: 0, unknownFlagged: 0 };
}

/** Counts one prediction into a tally. */
export function countPrediction(tally: Tally, truth: Truth, predictedScam: boolean): void {
  tally.n += 1;
  if (truth === 'scam') {
    if (predictedScam) tally.truePositives += 1;
    else tally.falseNegatives += 1;
  } else if (truth === 'legitimate') {
    if (predictedScam) tally.falsePositives += 1;
    else tally.trueNegatives += 1;
  } else if (truth === 'spam') {
    tally.spam += 1;
    if (predictedScam) tally.spamFlagged += 1;
  } else {
    tally.unknown += 1;
    if (predictedScam) tally.unknownFlagged += 1;
  }
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Precision counts flagged marketing spam as a false alarm (spam is not a scam) and leaves spam of unknown
 * kind out; the false-positive rate is over legitimate samples only, and both spam flag rates are reported on
 * their own.
 */
export function figures(tally: Tally): Figures {
  const precision = ratio(tally.truePositives, tally.truePositives + tally.falsePositives + tally.spamFlagged);
  const recall = ratio(tally.truePositives, tally.truePositives + tally.falseNegatives);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return {
    n: tally.n,
    scams: tally.truePositives + tally.falseNegatives,
    legitimate: tally.falsePositives + tally.trueNegatives,
    spam: tally.spam,
    precision,
    recall,
    falsePositiveRate: ratio(tally.falsePositives, tally.falsePositives + tally.trueNegatives),
    f1,
    spamFlaggedRate: ratio(tally.spamFlagged, tally.spam),
    unknown: tally.unknown,
    unknownFlaggedRate: ratio(tally.unknownFlagged, tally.unknown),
  };
}
