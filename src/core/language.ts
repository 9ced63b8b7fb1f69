import { createRequire } from 'node:module';
import type { Language } from './request.ts';

/** How much of the text is looked at: the language of a long transcript shows in its first few thousand characters. */
const SAMPLE_LENGTH = 4096;
/** How much of the sample the n-gram detector sees in the mixed case (it costs about 0.5 µs per character; 240 is a few sentences). */
const DETECTOR_SAMPLE_LENGTH = 240;
/** Average letters per English word: one Han character weighs about as much as one word. */
const LETTERS_PER_WORD = 4.5;
/** At or above this share of Han characters (per word-equivalent) the text is Chinese, whatever else it holds. */
const CHINESE_SHARE = 0.4;
/** Below this share (and with only a few Han characters) the text is English with a stray Chinese name or word. */
const ENGLISH_SHARE = 0.1;

type Detect = typeof import('tinyld/light').detect;
let detectWithNgrams: Detect | undefined;

/** The tinyld n-gram detector, loaded on first use: only mixed-script texts need it (it takes ~40 ms to load). */
function detector(): Detect {
  detectWithNgrams ??= (createRequire(import.meta.url)('tinyld/light') as typeof import('tinyld/light')).detect;
  return detectWithNgrams;
}

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // Extension A
    (code >= 0xf900 && code <= 0xfaff) // Compatibility Ideographs
  );
}

function isLatinLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);
}

/** Counts of the scripts that decide between English and Chinese. */
export interface ScriptCounts {
  /** Han (Chinese) characters, simplified or traditional. */
  han: number;
  /** Latin letters, ASCII or accented. */
  latin: number;
}

/** Counts Han characters and Latin letters in the first `limit` code units of a text (surrogate halves are skipped). */
export function countScripts(text: string, limit: number = SAMPLE_LENGTH): ScriptCounts {
  const end = Math.min(text.length, limit);
  let han = 0;
  let latin = 0;
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) latin += 1;
    } else if (isHan(code)) {
      han += 1;
    } else if (isLatinLetter(code)) {
      latin += 1;
    }
  }
  return { han, latin };
}

/**
 * The language to answer in, English or Chinese. Script counts decide the clear cases at once: no Han
 * characters is English, Han without Latin letters (or a meaningful share of Han, e.g. a Chinese message with
 * an English link or brand name) is Chinese. Only mixed texts in between go to the tinyld n-gram detector,
 * on a bounded sample, so the cost stays small and flat even for a 60 KB transcript.
 */
export function detectLanguage(text: string): Language {
  const { han, latin } = countScripts(text);
  if (han === 0) return 'en';
  if (latin === 0) return 'zh';
  const share = han / (han + latin / LETTERS_PER_WORD);
  if (share >= CHINESE_SHARE) return 'zh';
  if (share < ENGLISH_SHARE && han < 8) return 'en';
  const detect = detector();
  let guess = '';
  try {
    guess = detect(text.slice(0, DETECTOR_SAMPLE_LENGTH), { only: ['en', 'zh'] });
  } catch {
    guess = '';
  }
  if (guess === 'zh') return 'zh';
  if (guess === 'en') return 'en';
  return share >= 0.25 ? 'zh' : 'en';
}
