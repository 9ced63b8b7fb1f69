/** Telegram's limit on the length of one message text. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** Escapes the three characters Telegram HTML requires escaped (&, <, >) in user-derived text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface OpenTag {
  name: string;
  /** The opening tag as written, e.g. `<a href="…">`, to reopen it in the next part. */
  source: string;
}

/** Walks `html` and returns, for each cut position, the tags open there (a cut is allowed only between characters that are not inside a tag or an entity). */
function safeCuts(html: string): { cuts: Map<number, OpenTag[]> } {
  const cuts = new Map<number, OpenTag[]>();
  const stack: OpenTag[] = [];
  let index = 0;
  cuts.set(0, []);
  while (index < html.length) {
    const char = html[index];
    if (char === '<') {
      const end = html.indexOf('>', index);
      if (end === -1) break;
      const tag = html.slice(index, end + 1);
      const closing = /^<\/\s*([a-z-]+)/i.exec(tag);
      if (closing) {
        const name = closing[1]?.toLowerCase();
        const at = stack.map((open) => open.name).lastIndexOf(name ?? '');
        if (at !== -1) stack.splice(at, 1);
      } else {
        const opening = /^<\s*([a-z-]+)/i.exec(tag);
        if (opening?.[1] && !tag.endsWith('/>')) stack.push({ name: opening[1].toLowerCase(), source: tag });
      }
      index = end + 1;
    } else if (char === '&') {
      const end = html.indexOf(';', index);
      index = end === -1 || end - index > 10 ? index + 1 : end + 1;
    } else {
      const code = html.charCodeAt(index);
      // Never cut a surrogate pair.
      index += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    cuts.set(index, [...stack]);
  }
  return { cuts };
}

function closingTags(open: OpenTag[]): string {
  return open
    .slice()
    .reverse()
    .map((tag) => `</${tag.name}>`)
    .join('');
}

/**
 * Splits one HTML fragment into parts of at most `limit` characters, never inside a tag or an entity:
 * tags open at a cut are closed at the end of the part and reopened at the start of the next. Prefers
 * cutting after a newline, then after a space.
 */
export function splitHtmlFragment(html: string, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return [html];
  const { cuts } = safeCuts(html);
  const positions = [...cuts.keys()].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = 0;
  let prefix = '';
  while (start < html.length) {
    let best = -1;
    let bestKind = 0; // 3 newline, 2 space, 1 any
    for (const position of positions) {
      if (position <= start) continue;
      const open = cuts.get(position) ?? [];
      const length = prefix.length + (position - start) + closingTags(open).length;
      if (length > limit) break;
      const before = html[position - 1];
      const kind = position === html.length ? 4 : before === '\n' ? 3 : before === ' ' ? 2 : 1;
      if (kind >= bestKind) {
        best = position;
        bestKind = kind;
      }
    }
    if (best === -1) throw new Error(`cannot split HTML into parts of ${limit} characters`);
    const open = cuts.get(best) ?? [];
    parts.push(`${prefix}${html.slice(start, best)}${closingTags(open)}`.replace(/\n+$/, ''));
    prefix = open.map((tag) => tag.source).join('');
    start = best;
    while (html[start] === '\n') start += 1;
  }
  return parts.filter((part) => part.trim() !== '');
}

/**
 * Packs balanced HTML blocks (paragraphs) into messages of at most `limit` characters, joining blocks
 * with a blank line and splitting a block that is longer than the limit with {@link splitHtmlFragment}.
 */
export function packHtmlBlocks(blocks: string[], limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const block of blocks) {
    if (block === '') continue;
    for (const piece of splitHtmlFragment(block, limit)) {
      const joined = current === '' ? piece : `${current}\n\n${piece}`;
      if (joined.length <= limit) {
        current = joined;
      } else {
        messages.push(current);
        current = piece;
      }
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}
