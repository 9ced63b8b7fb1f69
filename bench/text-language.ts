/**
 * The language of one corpus text, for the eval's rows: decided by the script most of its letters are written
 * in, so a Chinese SMS inside an "English" corpus is counted as `zh`. Kana means Japanese and hangul Korean
 * even beside Han characters; Latin-script texts are `en` (every Latin-script corpus in ../shared is English,
 * the SpamHunter rows included: their text is an English translation, the `lang` column names the original).
 * This is a measuring aid for bench/, independent of the detector's own language identification.
 */

/** How much of a text is looked at. */
const SAMPLE_LENGTH = 4096;

/** ISO 639-1 code of a text's dominant script (`und` when it has no letters). */
export function textLanguage(text: string): string {
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let latin = 0;
  let cyrillic = 0;
  const end = Math.min(text.length, SAMPLE_LENGTH);
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)) latin += 1;
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) han += 1;
    else if (code >= 0x3040 && code <= 0x30ff) kana += 1;
    else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff)) hangul += 1;
    else if (code >= 0x400 && code <= 0x4ff) cyrillic += 1;
  }
  // One Han, kana or hangul character carries about as much as a Latin word of ~4.5 letters.
  const latinWords = latin / 4.5;
  const best = Math.max(han + kana, hangul, latinWords, cyrillic / 4.5);
  if (best === 0) return 'und';
  if (best === han + kana) return kana > 0 && kana * 10 >= han ? 'ja' : 'zh';
  if (best === hangul) return 'ko';
  if (best === latinWords) return 'en';
  return 'ru';
}
