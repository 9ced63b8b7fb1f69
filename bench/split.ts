/**
 * A deterministic tune / held-out split of the evaluation corpora, so rules are written against one half and
 * measured on the other. A sample's half depends only on its text (FNV-1a hash of the UTF-16 code units),
 * so it never changes between runs, machines or corpus orderings.
 */

/** Which half of a corpus to evaluate: `tune` (look at its misses), `holdout` (report only) or `all`. */
export type Split = 'tune' | 'holdout' | 'all';

/** The split names the eval command accepts. */
export const SPLITS: readonly Split[] = ['tune', 'holdout', 'all'];

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The half a text belongs to: even hashes tune, odd hashes are held out. */
export function splitOf(text: string): Exclude<Split, 'all'> {
  return stableHash(text) % 2 === 0 ? 'tune' : 'holdout';
}

/** Whether a text belongs to the requested split (`all` takes everything). */
export function inSplit(text: string, split: Split): boolean {
  return split === 'all' || splitOf(text) === split;
}
