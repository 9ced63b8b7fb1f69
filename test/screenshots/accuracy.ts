/**
 * Character accuracy of what was read against what the bubbles said: 1 − (Levenshtein distance / characters of
 * the truth), over the bubbles' text joined in order, NFKC-folded (full-width "？" equals "?") and without
 * whitespace (Chinese has none; a lost space between English words is not a misread letter).
 */
function fold(text: string): string[] {
  return [...text.normalize('NFKC').replace(/\s+/g, '')];
}

function levenshtein(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Accuracy of `read` against `truth` (each a list of bubble texts), 0–1. */
export function characterAccuracy(truth: readonly string[], read: readonly string[]): number {
  const expected = fold(truth.join(''));
  return expected.length === 0 ? 1 : Math.max(0, 1 - levenshtein(expected, fold(read.join(''))) / expected.length);
}
