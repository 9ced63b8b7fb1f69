/** Why a file's bytes could not be read as text. */
export type TextFileProblem = 'not_text';

/** The text of a file, or why it is not text. */
export type TextFileResult = { ok: true; text: string } | { ok: false; problem: TextFileProblem };

/** Share of control characters (other than tab, line breaks and form feed) above which a file is taken for binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Share of CJK characters among the non-ASCII ones above which a GB18030 reading is believed. */
const MIN_CJK_SHARE = 0.6;

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-16 without a byte order mark: most ASCII text has a zero in every other byte. */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < bytes.length; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  const pairs = bytes.length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

function mostlyChinese(text: string): boolean {
  const nonAscii = text.match(/[^\x00-\x7f]/g) ?? [];
  if (nonAscii.length === 0) return true;
  const chinese = text.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/g) ?? [];
  return chinese.length / nonAscii.length >= MIN_CJK_SHARE;
}

function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const controls = text.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return controls > text.length * MAX_CONTROL_SHARE;
}

/**
 * Reads a text file as people send them: UTF-8 (with or without BOM), UTF-16 (BOM or plain ASCII-range),
 * GB18030/GBK (Chinese Windows "ANSI" files), else Windows-1252. Anything that still looks binary (NUL
 * bytes, many control characters: a PDF, an image or a Word file renamed .txt) is refused as `not_text`.
 */
export function decodeTextFile(bytes: Uint8Array): TextFileResult {
  let text: string | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = decode('utf-8', bytes);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decode('utf-16le', bytes);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decode('utf-16be', bytes);
  else {
    const wide = utf16Without(bytes);
    text = wide ? decode(wide, bytes) : decode('utf-8', bytes);
    if (text === undefined) {
      const chinese = decode('gb18030', bytes);
      text = chinese !== undefined && mostlyChinese(chinese) ? chinese : new TextDecoder('windows-1252').decode(bytes);
    }
  }
  if (text === undefined || looksBinary(text)) return { ok: false, problem: 'not_text' };
  return { ok: true, text: text.replace(/^\uFEFF/, '') };
}
