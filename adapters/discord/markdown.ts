/** Characters that start or end Discord markdown (bold, italics, strike, spoilers, code, quotes, headings, lists, links, mentions). */
const MARKDOWN_CHARACTERS = /[\\*_~`|>#\-[\]()<@:]/g;

/**
 * Escapes text for Discord markdown: every character that could form formatting, a heading or list, a masked
 * link or a mention gets a backslash (Discord shows the character itself). Replies also send
 * `allowedMentions: { parse: [] }`, so even an unescaped @everyone could not ping anybody.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_CHARACTERS, (character) => `\\${character}`);
}

/**
 * Shows untrusted text (a quote from the checked message) as inline code: on one line, with backticks replaced
 * so it cannot leave the code span. Discord neither formats nor links text in code, so a quoted scam URL is
 * not clickable and `@everyone` stays plain text.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, 'ˋ').trim();
  return `\`${flat === '' ? ' ' : flat}\``;
}

/** Cuts markdown to `limit` characters (ending with "…"), never leaving a dangling escape backslash. */
export function clampMarkdown(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, Math.max(0, limit - 1));
  const trailing = /\\+$/.exec(cut);
  if (trailing && trailing[0].length % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Joins lines into one block of at most `limit` characters, dropping whole lines from the end (marked "…"). */
export function joinLines(lines: string[], limit: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    if (length + added > limit - 2) {
      if (kept.length === 0) return clampMarkdown(line, limit);
      kept.push('…');
      break;
    }
    kept.push(line);
    length += added;
  }
  return kept.join('\n');
}
