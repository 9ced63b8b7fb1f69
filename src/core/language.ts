import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CONFUSABLES } from './confusables.ts';
import { RULE_LANGUAGES as RULE_LANGUAGE_CODES } from './request.ts';

/** How much of the text is looked at: the language of a long transcript shows in its first few thousand characters. */
const SAMPLE_LENGTH = 4096;
/** How much of the sample the n-gram detector sees (a few sentences: its cost grows with the length). */
const DETECTOR_SAMPLE_LENGTH = 240;
/** Average letters per English word: one Han character weighs about as much as one word. */
const LETTERS_PER_WORD = 4.5;
/** At or above this share of Han characters (per word-equivalent) the text is Chinese, whatever else it holds. */
const CHINESE_SHARE = 0.4;
/** Below this share (and with only a few Han characters) the text is Latin-script with a stray Chinese name or word. */
const LATIN_SHARE = 0.1;
/** Kana among Han + kana at or above which a text is Japanese (Japanese prose is mostly kana; a lone の in Chinese is not). */
const KANA_SHARE = 0.2;
/** Fewer letters than this (links, numbers and handles removed) is too little to tell one language from another. */
const MIN_LETTERS = 10;

/**
 * Languages the rules may be written in (request.ts: the source languages, French and Italian): a text in any
 * other language is one the rules cannot read. A loaded ruleset reads only those of them its rule files name
 * (`Ruleset.readLanguages`), so a language listed here before its rules exist is still answered "cannot read".
 */
export const RULE_LANGUAGES: readonly string[] = RULE_LANGUAGE_CODES;
/** The language code for a text whose language cannot be told (too short, or only digits, links and symbols). */
export const UNDETERMINED = 'und';

type Eld = typeof import('eld/extrasmall').eld;
let eldDetector: Eld | undefined;

/**
 * The n-gram detector for texts the script alone does not decide, loaded on first use (most checks never
 * need it: Chinese, Japanese, Korean and plain English are decided by the fast paths below).
 *
 * Why eld (its smallest "extrasmall" database, 60 languages): on the project's own short samples
 * (test/fixtures/language-samples.ts, 79 texts in 15 languages) and on the 8,771 English texts of
 * ../shared/eval, on this 2-core machine under load:
 *   eld/extrasmall  75/79 samples (only id→ms), English texts read as English 97.3%, ~80–200 µs a message, 130 MB
 *   eld/large       75/79, 97.8%, same speed, 430 MB and 4× the load time
 *   tinyld/light    65/79 (Vietnamese → fr/it, Indonesian → tr), 87.6%, 200–530 µs
 *   tinyld/heavy    79/79, 90.1%, 790–1100 µs, 170 MB
 *   franc-min       67/79 (English → de/fr), 78.7%, 380–600 µs
 *   lande           72/79 (Thai → ja), 88.9%, 840–1970 µs
 *   cld3-asm        78/79, 85.2%, but Chinese read as Chinese only 1.6% (it answers zh-Latn/ja), and its
 *                   WebAssembly loads asynchronously.
 * English read as English matters most (a miss tells a user the rules could not read an English scam), and
 * eld leads there at the lowest cost. Its load (~0.5–2 s) is paid once, by the first text that needs it;
 * `warmLanguageDetector()` lets a server pay it at start-up instead.
 */
function detector(): Eld {
  // eld exports only an "import" entry: resolve it as an import, then load it synchronously (require of ESM).
  eldDetector ??= (createRequire(import.meta.url)(fileURLToPath(import.meta.resolve('eld/extrasmall'))) as typeof import('eld/extrasmall')).eld;
  return eldDetector;
}

/** Loads the n-gram detector now, so the first check does not wait for it (servers call this at start-up). */
export function warmLanguageDetector(): void {
  detector();
}

/**
 * Very common English function words that are not also common words of the other Latin-script languages
 * (no "a", "no", "me", "in", "on", "de"). Two of them making up a fifth of the words is English without
 * asking the n-gram detector: on ../shared/eval this fast path decides 70% of the English texts, and it
 * takes none of the Spanish, Portuguese, French, German, Italian, Indonesian or Vietnamese samples.
 */
const ENGLISH_WORDS = new Set(
  'the you your is are to and of for this that it we with have has will be at from our please can not was been if or by an they their there what who when would could should do does did am been here just'.split(
    ' ',
  ),
);
const ENGLISH_WORD_SHARE = 0.2;

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) || // CJK Unified Ideographs
    (code >= 0x3400 && code <= 0x4dbf) || // Extension A
    (code >= 0xf900 && code <= 0xfaff) // Compatibility Ideographs
  );
}

function isLatinLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) || (code >= 0x1e00 && code <= 0x1eff);
}

/** Counts of the scripts that decide a text's language. */
export interface ScriptCounts {
  /** Han (Chinese) characters, simplified or traditional. */
  han: number;
  /** Latin letters, ASCII or accented (Vietnamese included). */
  latin: number;
  /** Hiragana and katakana: Japanese. */
  kana: number;
  /** Hangul syllables and jamo: Korean. */
  hangul: number;
  /** Letters of any other script (Cyrillic, Greek, Arabic, Thai, …). */
  other: number;
}

const LETTER = /\p{L}/u;
const LETTERS = /\p{L}/gu;

/** Script classes of code units for countScripts(); NO_SCRIPT for non-letters and surrogate halves. */
const NO_SCRIPT = 0;
const HAN_SCRIPT = 1;
const LATIN_SCRIPT = 2;
const KANA_SCRIPT = 3;
const HANGUL_SCRIPT = 4;
const OTHER_SCRIPT = 5;
const UNCLASSIFIED = 0xff;

function scriptClass(code: number): number {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? LATIN_SCRIPT : NO_SCRIPT;
  if (isHan(code)) return HAN_SCRIPT;
  if (isLatinLetter(code)) return LATIN_SCRIPT;
  if ((code >= 0x3041 && code <= 0x309f) || (code >= 0x30a0 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff) || (code >= 0xff66 && code <= 0xff9d)) return KANA_SCRIPT;
  if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3131 && code <= 0x318e)) return HANGUL_SCRIPT;
  if (code >= 0xd800 && code <= 0xdfff) return NO_SCRIPT;
  return LETTER.test(String.fromCharCode(code)) ? OTHER_SCRIPT : NO_SCRIPT;
}

/**
 * Each code unit's script class, filled on first sight (UNCLASSIFIED until then): one typed-array read per unit,
 * where a \p{L} test per non-ASCII punctuation mark (，。？ in every Chinese text) and counters kept on an object
 * made countScripts() 1.3 µs of a 500-byte English message.
 */
const SCRIPT_OF_UNIT = new Uint8Array(65_536).fill(UNCLASSIFIED);
/** 1 for the ASCII letters. */
const ASCII_LETTER = Uint8Array.from({ length: 128 }, (_, code) => ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? 1 : 0));

/** Counts the scripts in the first `limit` code units of a text (surrogate halves are skipped). */
export function countScripts(text: string, limit: number = SAMPLE_LENGTH): ScriptCounts {
  const end = Math.min(text.length, limit);
  let han = 0;
  let latin = 0;
  let kana = 0;
  let hangul = 0;
  let other = 0;
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      // Branch-free: a letter or not is unpredictable from one unit to the next.
      latin += ASCII_LETTER[code] as number;
      continue;
    }
    let script = SCRIPT_OF_UNIT[code] as number;
    if (script === UNCLASSIFIED) {
      script = scriptClass(code);
      SCRIPT_OF_UNIT[code] = script;
    }
    if (script === NO_SCRIPT) continue;
    if (script === LATIN_SCRIPT) latin += 1;
    else if (script === HAN_SCRIPT) han += 1;
    else if (script === KANA_SCRIPT) kana += 1;
    else if (script === HANGUL_SCRIPT) hangul += 1;
    else other += 1;
  }
  return { han, latin, kana, hangul, other };
}

/**
 * Links, e-mail addresses and @handles: the same in every language, so they only blur the detector. Applied
 * only to the words that hold ":", "@" or "." (one regular expression over the whole text cost 17 µs per
 * 500-byte message, more than the rest of the detection together).
 */
const NOT_LANGUAGE = /(?:https?:\/\/|www\.)[\x21-\x7e]*|[\w.+-]*@[\w.-]*|[\w-]+\.(?:com|net|org|io|ly|cn|me|co|info|xyz|top)\b[\x21-\x7e]*/giu;
const DIGITS = /\d+/g;

/** Whether a word holds an ASCII digit (what DIGITS removes): most words have none, and a replace with no match still cost. */
function hasAsciiDigit(word: string): boolean {
  for (let index = 0; index < word.length; index += 1) {
    const code = word.charCodeAt(index);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** Whether a code unit is what `\s` matches (WhiteSpace and LineTerminator: tab to CR, the Zs spaces, U+2028/2029, U+FEFF). */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 32 || (code >= 9 && code <= 13);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Whether text[start, end) ends with "www" in any case (what NOT_LANGUAGE would take with the dot after it). */
function endsWithWww(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  for (let at = end - 3; at < end; at += 1) if ((text.charCodeAt(at) | 0x20) !== 0x77) return false;
  return true;
}

/**
 * The words a detector sample is built from, in order: whitespace-separated words of the first four sample
 * lengths (plenty to fill the sample once links and numbers are gone, and keeps this step flat), each cleaned
 * as the sample holds it, empty ones skipped. A word holding ":", "@" or "." loses its links, addresses and
 * handles, one holding a digit its digits; any other word is not copied: `source` is the text itself and the
 * word is `source[from, to)`. Shared by {@link detectorSample}, which joins the words, and {@link
 * looksEnglishText}, which reads them in place.
 */
class SampleWords {
  /** The current word is `source[from, to)`: the text itself, or the cleaned copy of the word. */
  source = '';
  from = 0;
  to = 0;
  private index = 0;
  private readonly text: string;
  private readonly end: number;

  constructor(text: string) {
    this.text = text;
    this.end = Math.min(text.length, DETECTOR_SAMPLE_LENGTH * 4);
  }

  /** Moves to the next non-empty word; false when the words of the sample's reach are used up. */
  next(): boolean {
    const { text, end } = this;
    let index = this.index;
    while (index < end) {
      while (index < end && isSpace(text.charCodeAt(index))) index += 1;
      if (index >= end) break;
      const start = index;
      let marked = false;
      let digit = false;
      // Only dots at the end ("below.", "wait..."): NOT_LANGUAGE cannot match unless "www." ends the word.
      let dots = 0;
      let trailingDots = true;
      for (; index < end; index += 1) {
        const code = text.charCodeAt(index);
        if (isSpace(code)) break;
        if (code === 46) {
          marked = true;
          dots += 1;
          continue;
        }
        if (dots > 0) trailingDots = false;
        if (code === 58 || code === 64) {
          marked = true;
          trailingDots = false;
        } else if (code >= 48 && code <= 57) digit = true;
      }
      // A word that only ends a sentence is kept as it is without a copy and a replace (a regular expression
      // over every sentence's last word was most of looksEnglishText()'s time on English messages).
      if (marked && trailingDots && !digit && !endsWithWww(text, start, index - dots)) marked = false;
      if (!marked && !digit) {
        this.source = text;
        this.from = start;
        this.to = index;
        this.index = index;
        return true;
      }
      let word = text.slice(start, index);
      if (marked) word = word.replace(NOT_LANGUAGE, ' ');
      if (marked ? hasAsciiDigit(word) : digit) word = word.replace(DIGITS, '');
      if (marked) word = word.trim();
      if (word === '') continue;
      this.source = word;
      this.from = 0;
      this.to = word.length;
      this.index = index;
      return true;
    }
    this.index = index;
    return false;
  }
}

/**
 * The text the n-gram detector sees: bounded, without links and numbers, look-alike letters folded in Latin text.
 * Words are read in one pass over the first four sample lengths (what splitting at /\s+/ and joining gave,
 * at a third of the cost: it was ~5% of a 500-byte check), each word cleaned only when it holds ":", "@",
 * "." or a digit.
 */
export function detectorSample(text: string, counts: ScriptCounts): string {
  let sample = '';
  let length = 0;
  const words = new SampleWords(text);
  while (length < DETECTOR_SAMPLE_LENGTH && words.next()) {
    const word = words.source.slice(words.from, words.to);
    sample = length === 0 ? word : `${sample} ${word}`;
    length += word.length + 1;
  }
  sample = sample.slice(0, DETECTOR_SAMPLE_LENGTH);
  // "pоlice" with a Cyrillic о is English in disguise: fold look-alikes when Latin letters dominate.
  if (counts.other > 0 && counts.latin > counts.other) sample = [...sample].map((char) => CONFUSABLES.get(char.toLowerCase()) ?? char).join('');
  return sample;
}

/** Whether a detector sample ({@link detectorSample}) reads as plain English: its commonest words make up a fifth of its words. */
export function looksEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/[a-z']+/g) ?? [];
  if (words.length < 3 || /[^\x00-\x7f\u2018-\u201d]/.test(sample)) return false;
  const { hits, distinct } = wordsFrom(words, ENGLISH_WORDS);
  return distinct >= 2 && hits >= words.length * ENGLISH_WORD_SHARE;
}

/** How many of `words` are in `list` (hits), and how many different ones (distinct). */
function wordsFrom(words: readonly string[], list: ReadonlySet<string>): { hits: number; distinct: number } {
  let hits = 0;
  const distinct = new Set<string>();
  for (const word of words) {
    if (list.has(word)) {
      hits += 1;
      distinct.add(word);
    }
  }
  return { hits, distinct: distinct.size };
}

/** Longest word of ENGLISH_WORDS: a longer word is never one of them. */
const LONGEST_ENGLISH_WORD = Math.max(...[...ENGLISH_WORDS].map((word) => word.length));
/** A word of at most LONGEST_ENGLISH_WORD units of [a-z'] as a number, base 28 (a = 1 … z = 26, ' = 27). */
function wordCode(code: number, unit: number): number {
  return code * 28 + (unit === 39 ? 27 : unit - 96);
}
/** ENGLISH_WORDS by word code, each with its own index (for counting distinct ones). */
const ENGLISH_CODES = new Map([...ENGLISH_WORDS].map((word, index) => [[...word].reduce((code, char) => wordCode(code, char.charCodeAt(0)), 0), index]));
/** Per check: the stamp of each English word seen (distinct count without a Set). */
const englishSeen = new Int32Array(ENGLISH_WORDS.size);
let englishStamp = 0;

/**
 * `looksEnglish(detectorSample(text, counts))` for a text with no letters of other scripts (counts.other 0:
 * no look-alikes to fold), without building the sample or its words: the sample's words are read where they
 * are in the text (only a word holding ":", "@", "." or a digit is cleaned into a string first), lower-cased
 * and looked up as numbers. Building the sample and matching its words was ~9% of a 500-byte English check.
 */
export function looksEnglishText(text: string): boolean {
  englishStamp += 1;
  let fed = 0;
  let words = 0;
  let hits = 0;
  let distinct = 0;
  let tokenLength = 0;
  let tokenCode = 0;
  const sampleWords = new SampleWords(text);
  while (fed < DETECTOR_SAMPLE_LENGTH && sampleWords.next()) {
    const { source, from, to } = sampleWords;
    // A space joins it to the previous word; it ends a token like any unit outside [a-z'].
    let at = fed === 0 ? from : from - 1;
    for (; at < to && fed < DETECTOR_SAMPLE_LENGTH; at += 1) {
      let unit = at < from ? 32 : source.charCodeAt(at);
      fed += 1;
      if (unit >= 0x80) {
        if (unit < 0x2018 || unit > 0x201d) return false;
      } else if (unit >= 65 && unit <= 90) {
        unit += 32;
      }
      if ((unit >= 97 && unit <= 122) || unit === 39) {
        tokenLength += 1;
        if (tokenLength <= LONGEST_ENGLISH_WORD) tokenCode = wordCode(tokenCode, unit);
        continue;
      }
      if (tokenLength > 0) {
        words += 1;
        const known = tokenLength <= LONGEST_ENGLISH_WORD ? ENGLISH_CODES.get(tokenCode) : undefined;
        if (known !== undefined) {
          hits += 1;
          if (englishSeen[known] !== englishStamp) {
            englishSeen[known] = englishStamp;
            distinct += 1;
          }
        }
        tokenLength = 0;
        tokenCode = 0;
      }
    }
  }
  if (tokenLength > 0) {
    words += 1;
    const known = tokenLength <= LONGEST_ENGLISH_WORD ? ENGLISH_CODES.get(tokenCode) : undefined;
    if (known !== undefined) {
      hits += 1;
      if (englishSeen[known] !== englishStamp) distinct += 1;
    }
  }
  return words >= 3 && distinct >= 2 && hits >= words * ENGLISH_WORD_SHARE;
}

/**
 * Words of short English messages, for texts too short for the n-gram detector (fewer than twenty letters once
 * links and numbers are gone, or a guess eld calls unreliable): ENGLISH_WORDS plus everyday words, the words
 * of SMS offers and notices, and text-speak ("u", "ur", "pls", "txt", "acct"). None is a common word of the
 * other Latin-script languages the eld database knows ("no", "me", "a", "de", "la", "die", "man", "hat", Dutch
 * "wat" and "over", German "also", Danish "her", Italian "come" are left out). Why a list of our own: eld calls most one-line English texts unreliable, and of the Latin texts of
 * the tune split of SmishX and Mishra it read as `und` (319 texts), this list reads 143 as English (a sample of 40
 * of them: all English or Indian/Singapore English) and none of the short Spanish, French, German, Portuguese,
 * Italian, Dutch, Danish or Indonesian lines of test/core/language.test.ts.
 */
const SHORT_ENGLISH_WORDS = new Set([
  ...ENGLISH_WORDS,
  ...(
    'i i\'m i\'ll i\'ve i\'d it\'s that\'s don\'t can\'t won\'t didn\'t isn\'t im ill dont cant wont my mine he she his him them us its our ours yours ' +
    'yes yeah yep yup ok okay okie sorry thanks thank thanx thx pls plz hi hello hey bye good great nice happy love miss ' +
    'how why where which whom whose then than too only very much many more some any all now today tonight tomorrow tmr later soon already again still yet ' +
    'go going gone get got give take make know think tell say said see look want need like call text send sent reply stop help try keep let ' +
    'free win won prize claim offer account acct bank card payment pay paid package parcel delivery verify update click link order refund tax cash money code urgent ' +
    'new old big small little long right first last next best own other same sure well really always never ever maybe every something anything nothing someone anyone whenever ' +
    'u ur r txt msg gonna wanna lol asap about after before out up off into through just back home work time day night week'
  ).split(' '),
]);

/** A letter outside ASCII (symbols such as £ or ’ are not letters). */
const NON_ASCII_LETTER = /[^\P{L}a-zA-Z]/u;

/**
 * Whether a short detector sample ({@link detectorSample}) is English by its words: at least two words of
 * SHORT_ENGLISH_WORDS, two different ones making up at least half of its words or three making up a third, and no
 * letter outside ASCII ("Ok, call me later" is English; "Hola, llámame luego" and "Ok lor" are not told).
 */
export function looksShortEnglish(sample: string): boolean {
  if (NON_ASCII_LETTER.test(sample)) return false;
  const words = sample.toLowerCase().replace(/[\u2018\u2019]/g, "'").match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  const { hits, distinct } = wordsFrom(words, SHORT_ENGLISH_WORDS);
  return (distinct >= 2 && hits * 2 >= words.length) || (distinct >= 3 && hits * 3 >= words.length);
}

/**
 * How far below eld's best score English may be and still win, for a text whose words are English
 * ({@link looksShortEnglish}). On the tune split of SmishX and Mishra, the English text-speak lines eld read
 * reliably as Tagalog, Dutch or Danish had English 0.005–0.03 below the winner; a short Dutch line ("Wat is
 * dit?", whose words look English too) has it 0.18 below.
 */
const ENGLISH_SCORE_GAP = 0.05;

/** eld's answer for a sample; a Latin text whose words are English is English when eld nearly thinks so too. */
function ngramLanguage(sample: string, latinText = false): string {
  try {
    const result = detector().detect(sample);
    // A guess eld itself calls unreliable (few n-grams, or a near tie) is no answer: on ../shared/eval this
    // turns most one-line slang texts ("Ok lor...", "Congratulations!!! <link>") from a wrong language into
    // `und`, and costs none of the project's own samples. Its English words may still tell it.
    if (result.language === '' || !result.isReliable()) return latinText && looksShortEnglish(sample) ? 'en' : UNDETERMINED;
    if (latinText && result.language !== 'en' && looksShortEnglish(sample)) {
      const scores = result.getScores();
      const english = scores.en;
      if (english !== undefined && (scores[result.language] ?? 0) - english <= ENGLISH_SCORE_GAP) return 'en';
    }
    return result.language;
  } catch {
    return UNDETERMINED;
  }
}

/**
 * The language a text is written in, as an ISO 639-1 code (`en`, `zh`, `ja`, `ko`, `es`, `vi`, `ru`, …) or
 * `und` when there is too little to tell. The script decides the clear cases at once, in one pass over a
 * bounded sample: kana is Japanese, hangul is Korean, mostly Han is Chinese (a Chinese message with an English
 * link or brand name stays Chinese), plain English with its commonest words is English. Everything else goes
 * to the eld n-gram detector on a bounded sample, so the cost stays small and flat even for a 60 KB transcript.
 * Measured with `node bench/language-id.ts`: 75/79 own samples (the misses are Indonesian read as Malay or
 * undetermined); of the English corpora of ../shared/eval, SmishX 89.2% en + 6.0% und, Mishra 95.0% + 4.6%
 * (87.2% + 7.8% and 91.0% + 8.5% before short English texts were read by their words, {@link looksShortEnglish}),
 * BothBosu 100% en (the rules read `und` Latin texts, so 95–99.5% are read; the rest are mostly texts really
 * in Danish, Spanish, French or Finnish, and one-line slang); all 6,211 TeleAntiFraud dialogues zh.
 */
export function detectLanguage(text: string): string {
  const counts = countScripts(text);
  const { han, latin, kana, hangul, other } = counts;
  if (kana >= 2 && kana >= (han + kana) * KANA_SHARE) return 'ja';
  if (hangul >= 2 && hangul >= (han + kana + latin / LETTERS_PER_WORD + other / LETTERS_PER_WORD) * 0.5) return 'ko';
  if (han > 0) {
    const share = han / (han + (latin + other) / LETTERS_PER_WORD);
    if (share >= CHINESE_SHARE || (latin === 0 && other === 0)) return 'zh';
    if (!(share < LATIN_SHARE && han < 8)) {
      const sample = detectorSample(text, counts);
      const guess = ngramLanguage(sample);
      if (guess === 'zh' || guess === 'ja') return guess;
      if (share >= 0.25) return 'zh';
      return guess;
    }
  }
  if (latin + other < MIN_LETTERS) return latin > other && looksShortEnglish(detectorSample(text, counts)) ? 'en' : UNDETERMINED;
  // With no letters of other scripts the sample needs no look-alike folding: English is told from the text.
  if (other === 0 && latin > 0 && looksEnglishText(text)) return 'en';
  const sample = detectorSample(text, counts);
  if (other > 0 && latin > other && looksEnglish(sample)) return 'en';
  // Letters left once links and numbers are gone ("Congratulations!!! <link>" is one word): too few for the
  // n-gram detector, but a few English words are still English ("Reply STOP to stop", "Call me now").
  if ((sample.match(LETTERS) ?? []).length < MIN_LETTERS * 2) return latin > other && looksShortEnglish(sample) ? 'en' : UNDETERMINED;
  return ngramLanguage(sample, latin > other);
}

/**
 * Whether Safeword's rules can read a text in `language`: one of `readLanguages` (by default English, Chinese,
 * Spanish, French and Italian; a ruleset passes the languages its rule files are written in), and an undetermined text (too
 * short to tell, or only digits and links) written in Latin or Han script or in none at all.
 */
export function rulesCoverLanguage(language: string, text: string, readLanguages: readonly string[] = RULE_LANGUAGES): boolean {
  if (readLanguages.includes(language)) return true;
  if (language !== UNDETERMINED) return false;
  const { kana, hangul, other, latin } = countScripts(text);
  return kana + hangul === 0 && other <= latin;
}
