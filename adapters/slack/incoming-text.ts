/**
 * Turns Slack's wire format of a message or command text into the plain text the user saw: links
 * `<https://x|label>` become `label https://x` (the address matters for a scam check), mentions `<@U1|ann>`
 * `@ann`, channels `<#C1|general>` `#general`, special mentions `<!here>` `@here`, and the entities
 * `&lt;`, `&gt;`, `&amp;` are decoded (last, so decoded text is never read as markup).
 */
export function slackTextToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) {
      if (label) return label;
      const name = target.slice(1).split('^')[0] ?? '';
      return `@${name}`;
    }
    if (label && label !== target && label !== target.replace(/^(mailto|tel):/, '')) return `${label} ${target}`;
    return label ?? target;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
