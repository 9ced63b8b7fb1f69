import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import { replySections, sectionOf, type Language, type Level, type ReplyDocument, type ReplyRenderer, type SectionFormat, type Translate } from '../../src/core/index.ts';
import { clampMarkdown, codeSpan, escapeMarkdown, joinLines } from './markdown.ts';

/** Discord's embed limits. */
export const EMBED_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

/** Mentions in Safeword's replies never ping anybody: no user, role, @everyone or @here. */
export const NO_MENTIONS = { parse: [] as never[] };

/** One reply Safeword sends (or edits) for an interaction. */
export interface DiscordReply {
  embeds: APIEmbed[];
  allowedMentions: typeof NO_MENTIONS;
  /** Buttons under the reply; an empty list removes them when the reply is edited. */
  components?: APIActionRowComponent<APIButtonComponent>[];
}

/** Prefix of the Details button's custom id; the rest is the key of the full reply in the details cache. */
export const DETAILS_BUTTON_PREFIX = 'sw:details:';

/** The Discord renderer: the full reply, notices, and the short reply that leads with the actions. */
export interface DiscordRenderer extends ReplyRenderer<DiscordReply> {
  /**
   * The short reply: title and level, what to do now, the one line of why, the first `leadNotes` notes (what
   * was read from a screenshot) and the footer, with a Details button whose custom id carries `detailsKey`.
   */
  renderShort(reply: ReplyDocument, detailsKey: string, leadNotes?: number): DiscordReply;
  /** A notice whose text is already written (e.g. why a screenshot could not be read): one escaped embed. */
  plain(text: string): DiscordReply;
}

/** Embed colour per level; "none" is grey, never green: no warning signs is not a sign of safety. */
const LEVEL_COLORS: Record<Level, number> = { high: 0xd93025, medium: 0xf29900, low: 0xfbbc04, none: 0x9aa0a6 };

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

const MARKDOWN: SectionFormat = {
  action: (text, number) => `${number}. ${escapeMarkdown(text)}`,
  why: (text) => `• ${escapeMarkdown(text)}`,
  evidence: (item) => `• ${codeSpan(item.quote)} — *${escapeMarkdown(item.category)}*`,
  step: (text) => `• ${escapeMarkdown(text)}`,
};

/**
 * The Discord renderer: a reply as one embed in its language: title, level, one line of why and the summary
 * (with notes), then fields for what to do now, further reasons, evidence and more steps, and the footer. Every text is escaped for markdown; quotes from the
 * checked message are inline code, so they can form neither links nor formatting. Limits are kept. A notice
 * (usage help, no text, check failed) is one escaped embed.
 */
export function createDiscordRenderer(t: Translate): DiscordRenderer {
  const levelLineOf = (reply: ReplyDocument): string => `**${escapeMarkdown(t(reply.language, 'discord.level_line', { level: reply.levelLabel }))}**`;
  const footerOf = (reply: ReplyDocument) => ({ text: clampMarkdown(reply.footer.join('\n'), EMBED_LIMITS.footer) });
  return {
    renderShort(reply: ReplyDocument, detailsKey: string, leadNotes = 0): DiscordReply {
      const actions = sectionOf(replySections(reply, t, MARKDOWN), 'actions');
      const embed: APIEmbed = {
        title: clampMarkdown(escapeMarkdown(reply.title), EMBED_LIMITS.title),
        color: LEVEL_COLORS[reply.level],
        description: '',
        fields: actions ? [{ name: clampMarkdown(escapeMarkdown(actions.heading), EMBED_LIMITS.fieldName), value: joinLines(actions.lines, EMBED_LIMITS.fieldValue) }] : [],
        footer: footerOf(reply),
      };
      const descriptionLimit = Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - embedLength(embed));
      const lines = [levelLineOf(reply), ...(reply.reason ? [escapeMarkdown(reply.reason)] : []), ...reply.notes.slice(0, leadNotes).map(escapeMarkdown)];
      embed.description = joinLines(lines, descriptionLimit);
      const button: APIButtonComponent = {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: t(reply.language, 'discord.details_button'),
        custom_id: `${DETAILS_BUTTON_PREFIX}${detailsKey}`,
      };
      return { embeds: [embed], allowedMentions: NO_MENTIONS, components: [{ type: ComponentType.ActionRow, components: [button] }] };
    },
    render(reply: ReplyDocument): DiscordReply {
      const fields = replySections(reply, t, MARKDOWN).map((section) => ({
        name: clampMarkdown(escapeMarkdown(section.heading), EMBED_LIMITS.fieldName),
        value: joinLines(section.lines, EMBED_LIMITS.fieldValue),
      }));
      const levelLine = levelLineOf(reply);
      const embed: APIEmbed = {
        title: clampMarkdown(escapeMarkdown(reply.title), EMBED_LIMITS.title),
        color: LEVEL_COLORS[reply.level],
        description: '',
        fields,
        // Footers show no markdown, so they are sent as they are.
        footer: footerOf(reply),
      };
      const descriptionLimit = Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - embedLength(embed));
      const reason = reply.reason ? [escapeMarkdown(reply.reason)] : [];
      embed.description = joinLines([levelLine, ...reason, escapeMarkdown(reply.summary), ...reply.notes.map(escapeMarkdown)], descriptionLimit);
      return { embeds: [embed], allowedMentions: NO_MENTIONS, components: [] };
    },
    plain(text: string): DiscordReply {
      return { embeds: [{ description: clampMarkdown(escapeMarkdown(text), EMBED_LIMITS.description) }], allowedMentions: NO_MENTIONS, components: [] };
    },
    notice(language: Language, key: string, vars?: Record<string, string | number>): DiscordReply {
      return { embeds: [{ description: clampMarkdown(escapeMarkdown(t(language, key, vars)), EMBED_LIMITS.description) }], allowedMentions: NO_MENTIONS };
    },
  };
}
