/** The longest text of one Block Kit section (Slack's limit). */
const SLACK_SECTION_LIMIT = 3000;

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so no text can form a mention
 * (`<@U…>`, `<!channel>`) or a link (`<https://…|label>`).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Shows untrusted text (a quote from the user's message) as inline code: escaped, on one line, with
 * backticks replaced so it cannot leave the code span. Slack neither formats nor links text inside code,
 * so a quoted scam URL is not clickable.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/`/g, 'ˋ').trim();
  return `\`${escapeMrkdwn(flat)}\``;
}

/** Cuts mrkdwn to `limit` characters (ending with "…"), never inside an entity such as `&amp;`. */
export function clampMrkdwn(text: string, limit: number = SLACK_SECTION_LIMIT): string {
  if (text.length <= limit) return text;
  let cut = text.slice(0, limit - 1);
  const entity = /&[a-z]{0,4}$/.exec(cut);
  if (entity) cut = cut.slice(0, entity.index);
  return `${cut}…`;
}
