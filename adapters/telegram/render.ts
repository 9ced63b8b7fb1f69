import { replySections, sectionOf, type Language, type ReplyDocument, type ReplyRenderer, type SectionFormat, type Translate } from '../../src/core/index.ts';
import { escapeHtml, packHtmlBlocks, TELEGRAM_MESSAGE_LIMIT } from './html.ts';

const COMPACT_EVIDENCE = 2;

/** Options for {@link createTelegramRenderer}. */
export interface TelegramRenderOptions {
  /** A short form (title, top evidence, notes) for group warnings; default false. */
  compact?: boolean;
  /**
   * The short form of a check reply (title and level, what to do now, one line of why, the footer): what a
   * frightened reader sees first; the rest is behind the Details button (reply-details.ts). Default false.
   */
  short?: boolean;
  /** Longest message, in characters (default Telegram's 4096). */
  limit?: number;
}

const HTML: SectionFormat = {
  action: (text, number) => `${number}. ${escapeHtml(text)}`,
  why: (text) => `• ${escapeHtml(text)}`,
  evidence: (item) => `• “${escapeHtml(item.quote)}” — <i>${escapeHtml(item.category)}</i>`,
  step: (text) => `• ${escapeHtml(text)}`,
};

/**
 * The Telegram renderer: a reply as Telegram HTML messages (each at most `limit` characters): title and level,
 * what to do now and one line of why, then summary, further reasons, evidence, more steps, notes and footer
 * (with `short`, only the first three and the footer).
 * Every piece of text is escaped, including the rules' own texts, so a quote or an LLM explanation can never
 * inject markup. A notice is one escaped message.
 */
export function createTelegramRenderer(t: Translate, options: TelegramRenderOptions = {}): ReplyRenderer<string[]> {
  const limit = options.limit ?? TELEGRAM_MESSAGE_LIMIT;
  return {
    render(reply: ReplyDocument): string[] {
      const levelLine = escapeHtml(t(reply.language, 'telegram.level_line', { level: reply.levelLabel }));
      const blocks: string[] = [`<b>${escapeHtml(reply.title)}</b>\n${levelLine}`];
      const sections = replySections(reply, t, HTML);
      const block = (heading: string, lines: string[]): string => [`<b>${escapeHtml(heading)}</b>`, ...lines].join('\n');
      const notes = reply.notes.length > 0 ? [reply.notes.map(escapeHtml).join('\n')] : [];
      if (options.compact) {
        const evidence = sectionOf(sections, 'evidence');
        if (evidence) blocks.push(block(evidence.heading, evidence.lines.slice(0, COMPACT_EVIDENCE)));
        return packHtmlBlocks([...blocks, ...notes], limit);
      }
      // Short first: what to do now and one line of why; then the details.
      const actions = sectionOf(sections, 'actions');
      if (actions) blocks.push(block(actions.heading, actions.lines));
      if (reply.reason) blocks.push(escapeHtml(reply.reason));
      const footer = `<i>${reply.footer.map(escapeHtml).join('\n')}</i>`;
      if (options.short) return packHtmlBlocks([...blocks, footer], limit);
      blocks.push(escapeHtml(reply.summary));
      for (const section of sections) if (section !== actions) blocks.push(block(section.heading, section.lines));
      blocks.push(...notes, footer);
      return packHtmlBlocks(blocks, limit);
    },
    notice(language: Language, key: string, vars?: Record<string, string | number>): string[] {
      return packHtmlBlocks([escapeHtml(t(language, key, vars))], limit);
    },
  };
}
