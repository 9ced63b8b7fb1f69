import { randomBytes } from 'node:crypto';

/** Makes a fresh random delimiter (the sender of a message cannot guess it). */
export type DelimiterSource = () => string;

/** Default delimiter: a marker with 96 random bits, e.g. `<<DATA-3f9a…>>`. */
export const randomDelimiter: DelimiterSource = () => `<<DATA-${randomBytes(12).toString('hex')}>>`;

/**
 * Chooses a delimiter for `text` that does not occur in it, so the data cannot close its own wrapper.
 * Throws if the source keeps producing delimiters found in the text (a broken source, never chance).
 */
export function chooseDelimiter(text: string, source: DelimiterSource = randomDelimiter): string {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const delimiter = source();
    if (delimiter.length >= 8 && !text.includes(delimiter)) return delimiter;
  }
  throw new Error('could not choose a delimiter absent from the text');
}
