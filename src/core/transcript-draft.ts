/**
 * Building blocks shared by the transcript parsers: turns under construction made of pieces of the original
 * text, line iteration that keeps offsets, and the "Speaker: text" label finder. Internal to transcript parsing.
 */

/** A piece of a turn's text: original range [start, end); `separator` goes before it when joined. */
export interface Piece {
  start: number;
  end: number;
  separator: '' | '\n';
  /** The text of the piece when it is not exactly original.slice(start, end) (decoded JSON strings). */
  text?: string;
}

/** A turn under construction. */
export interface DraftTurn {
  speaker: string;
  /** A role-like label that came with the turn (JSON `role`, TeleAntiFraud `left`/`right`). */
  roleLabel?: string;
  pieces: Piece[];
}

/** One line of the input: [start, end) without its line break (a trailing CR is dropped). */
export interface Line {
  start: number;
  end: number;
}

/** Splits text into lines on LF, CRLF or lone CR, from `from` on; linear. */
export function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) {
      lines.push({ start, end: index });
      if (code === 13 && text.charCodeAt(index + 1) === 10) index += 1;
      start = index + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

/** True for the whitespace a transcript line may be padded with (including the ideographic space). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0x3000 || code === 0xa0 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b) || code === 10 || code === 13 || code === 0x0b || code === 0x0c;
}

/** Moves `start` forward past whitespace, not beyond `end`. */
export function skipSpace(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  return start;
}

/** Moves `end` back past whitespace, not below `start`. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return end;
}

/** A speaker label found at a position: the speaker's name, and where the spoken text starts. */
export interface Label {
  speaker: string;
  /** Offset of the first character after the colon (and the spaces after it). */
  textStart: number;
}

/** Longest speaker label, in code units. */
const MAX_LABEL_LENGTH = 32;
/** Most words in a speaker label ("Detective Sergeant John Smith"). */
const MAX_LABEL_WORDS = 4;

/** Characters that never occur in a speaker label (they mark prose, URLs, markup or data). */
const NOT_IN_LABEL = new Set(Array.from('.,;!?"\'()[]{}<>=/\\|@#$%^&*~`+。，；！？、“”‘’（）【】《》「」…\t\n\r', (char) => char.charCodeAt(0)));

/** Characters of a "[00:01:02]" time stamp. */
function isTimestampChar(code: number): boolean {
  return (code >= 48 && code <= 58) || code === 46 || code === 44 || code === 45 || code === 32 || code === 62;
}

/** Words before a colon that head a field of a message, not a speaker. */
const NOT_SPEAKERS = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'date', 're', 'fw', 'fwd', 'note', 'notes', 'nb', 'ps', 'tel', 'phone', 'mobile',
  'email', 'e-mail', 'url', 'link', 'http', 'https', 'www', 'time', 'warning', 'notice', 'attention', 'reference', 'ref',
  'id', 'code', 'otp', 'pin', 'password', 'amount', 'address', 'account', 'sent', 'received', 'reply', 'step', 'tip',
  'reason', 'status', 'total', 'price', 'location', 'example', 'summary', 'update', 'notification', 'alert', 'important',
  '电话', '電話', '手机', '手機', '地址', '时间', '時間', '日期', '链接', '鏈接', '網址', '网址', '验证码', '驗證碼', '密码',
  '密碼', '金额', '金額', '账号', '帳號', '账户', '帳戶', '备注', '備註', '注意', '提示', '主题', '主題', '发件人', '收件人',
  '原因', '状态', '狀態', '例如', '比如', '总计', '总额', '通知', '公告', '温馨提示', '溫馨提示',
]);

/** True when a candidate label reads like a speaker name, not a message field, a time or prose. */
function plausibleSpeaker(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
  if (NOT_SPEAKERS.has(label.toLowerCase())) return false;
  let words = 1;
  let hasLetter = false;
  for (let index = 0; index < label.length; index += 1) {
    const code = label.charCodeAt(index);
    if (code === 32) words += 1;
    else if (!(code >= 48 && code <= 57) && code !== 45 && code !== 95) hasLetter = true;
  }
  return hasLetter && words <= MAX_LABEL_WORDS;
}

/**
 * Finds a "Speaker: text" label starting at `start` (ASCII or full-width colon), also "[Speaker]: text" and
 * a leading "[00:01:02]" time stamp; returns undefined when the line does not start with a plausible label.
 * Looks at no more than about 50 code units, so a whole scan stays linear.
 */
export function findLabel(text: string, start: number, end: number): Label | undefined {
  let position = skipSpace(text, start, end);
  // A leading time stamp such as "[00:01:02]" or "(10:31)".
  const open = text.charCodeAt(position);
  if (open === 91 || open === 40) {
    const close = open === 91 ? 93 : 41;
    let index = position + 1;
    while (index < end && index - position < 40 && isTimestampChar(text.charCodeAt(index))) index += 1;
    if (index > position + 1 && text.charCodeAt(index) === close) position = skipSpace(text, index + 1, end);
  }
  // "[Speaker]: text"
  let bracketed = false;
  let labelStart = position;
  if (text.charCodeAt(position) === 91) {
    bracketed = true;
    labelStart = position + 1;
  }
  const limit = Math.min(end, labelStart + MAX_LABEL_LENGTH + 2);
  let colon = -1;
  for (let index = labelStart; index < limit; index += 1) {
    const code = text.charCodeAt(index);
    if (bracketed && code === 93) {
      const after = skipSpace(text, index + 1, end);
      const next = text.charCodeAt(after);
      if (next !== 58 && next !== 0xff1a) return undefined;
      const label = text.slice(labelStart, index).trim();
      if (!plausibleSpeaker(label)) return undefined;
      return { speaker: label, textStart: skipSpace(text, after + 1, end) };
    }
    if (code === 58 || code === 0xff1a) {
      colon = index;
      break;
    }
    if (NOT_IN_LABEL.has(code)) return undefined;
  }
  if (colon < 0 || bracketed) return undefined;
  const label = text.slice(labelStart, colon).trim();
  if (!plausibleSpeaker(label)) return undefined;
  if (text.charCodeAt(colon) === 58) {
    // "10:30", "http://", "a:b" are not labels: an ASCII colon is followed by space, end of line or non-ASCII.
    const next = text.charCodeAt(colon + 1);
    if (colon + 1 < end && !isSpace(next) && next < 0x80) return undefined;
  }
  const first = label.charCodeAt(0);
  if (first >= 97 && first <= 122 && label.includes(' ')) return undefined; // "he said: …" is prose
  return { speaker: label, textStart: skipSpace(text, colon + 1, end) };
}

/** Adds the trimmed range [start, end) to a turn as a new line (or as the continuation of the current one). */
export function addPiece(turn: DraftTurn, text: string, start: number, end: number, separator: '' | '\n'): void {
  const from = separator === '' ? start : skipSpace(text, start, end);
  const to = separator === '' ? end : trimEnd(text, from, end);
  if (to <= from) return;
  turn.pieces.push({ start: from, end: to, separator: turn.pieces.length === 0 ? '' : separator });
}

/** The joined text and the original range of a draft turn (undefined when it holds no text). */
export function finishDraft(turn: DraftTurn, text: string): { text: string; start: number; end: number } | undefined {
  if (turn.pieces.length === 0) return undefined;
  let joined = '';
  for (const piece of turn.pieces) joined += piece.separator + (piece.text ?? text.slice(piece.start, piece.end));
  const first = turn.pieces[0] as Piece;
  const last = turn.pieces[turn.pieces.length - 1] as Piece;
  return { text: joined, start: first.start, end: last.end };
}
