import type { Category } from './categories.ts';
import type { Signal } from './verdict.ts';

/** Marks a quote cut short. */
const ELLIPSIS = '…';
/** How far back from the cut a word or clause boundary is looked for, in characters. */
const BOUNDARY_REACH = 40;
// Combining marks belong to the letter before them: a decomposed "canción" (o + U+0301) is one word.
const LATIN_WORD = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\d]/u;
const CLAUSE_MARK = /[\s,.;:!?，。；：！？、)）\]」』"”']/u;

/** Whether the code unit at `index` is the second half of a surrogate pair. */
function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * A quote fit for a reply: whitespace runs flattened, and when longer than `maxLength`, cut at the last space or
 * clause mark before the limit (so a Latin word is never split and a Chinese quote ends on a clause), never
 * inside a surrogate pair, with an ellipsis. A quote with no boundary near the limit (one long Chinese clause, a
 * URL) is cut at a character boundary.
 */
export function cutQuote(quote: string, maxLength: number): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  let cut = maxLength - ELLIPSIS.length;
  if (isLowSurrogate(flat, cut)) cut -= 1;
  let boundary = -1;
  for (let index = cut; index > Math.max(0, cut - BOUNDARY_REACH); index -= 1) {
    if (CLAUSE_MARK.test(flat[index - 1] as string)) {
      boundary = index;
      break;
    }
  }
  if (boundary > 0) {
    cut = boundary;
  } else if (LATIN_WORD.test(flat[cut - 1] ?? '') && LATIN_WORD.test(flat[cut] ?? '')) {
    // One long token (a URL, a run of digits): walk back to its start if that leaves something to show.
    let start = cut;
    while (start > 0 && LATIN_WORD.test(flat[start - 1] as string)) start -= 1;
    if (start > 0) cut = start;
  }
  return `${flat.slice(0, cut).replace(/[\s,，、;；:：]+$/u, '')}${ELLIPSIS}`;
}

/**
 * The signals a reply quotes, at most `max`: one per rule span (a quote inside a stronger quote adds nothing,
 * and the stronger rule names the tactic), then the strongest signal of every category — the money demand
 * first, so it is never the one dropped — then the strongest of the rest; returned strongest first.
 */
export function pickEvidence(signals: readonly Signal[], max: number): Signal[] {
  const strongestFirst = [...signals].sort((a, b) => b.weight - a.weight || a.start - b.start);
  const distinct: Signal[] = [];
  for (const signal of strongestFirst) {
    if (signal.quote.trim() === '') continue;
    const covered = distinct.some((kept) => kept.start <= signal.start && kept.end >= signal.end);
    if (!covered) distinct.push(signal);
  }
  const chosen = new Set<Signal>();
  const byCategory = new Map<Category, Signal>();
  for (const signal of distinct) if (!byCategory.has(signal.category)) byCategory.set(signal.category, signal);
  const payment = byCategory.get('payment');
  if (payment) chosen.add(payment);
  for (const signal of byCategory.values()) if (chosen.size < max) chosen.add(signal);
  for (const signal of distinct) if (chosen.size < max) chosen.add(signal);
  return [...chosen].sort((a, b) => b.weight - a.weight || a.start - b.start);
}
