import type { APIEmbed } from 'discord.js';
import { replySections, type Language, type Level, type ReplyDocument, type ReplyRenderer, type SectionFormat, type Translate } from '../../src/core/index.ts';
import { clampMarkdown, codeSpan, escapeMarkdown, joinLines } from './markdown.ts';

/** Discord's embed limits. */
export const EMBED_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

/** Mentions in Safeword's replies never ping anybody: no user, role, @everyone or @here. */
export const NO_MENTIONS = { parse: [] as never[] };

/** One reply Safeword sends (or edits) for an interaction. */
export interface DiscordReply {
  embeds: APIEmbed[];
  allowedMentions: typeof NO_MENTIONS;
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
export function createDiscordRenderer(t: Translate): ReplyRenderer<DiscordReply> {
  return {
    render(reply: ReplyDocument): DiscordReply {
      const fields = replySections(reply, t, MARKDOWN).map((section) => ({
        name: clampMarkdown(escapeMarkdown(section.heading), EMBED_LIMITS.fieldName),
        value: joinLines(section.lines, EMBED_LIMITS.fieldValue),
      }));
      const levelLine = `**${escapeMarkdown(t(reply.language, 'discord.level_line', { level: reply.levelLabel }))}**`;
      const embed: APIEmbed = {
        title: clampMarkdown(escapeMarkdown(reply.title), EMBED_LIMITS.title),
        color: LEVEL_COLORS[reply.level],
        description: '',
        fields,
        // Footers show no markdown, so they are sent as they are.
        footer: { text: clampMarkdown(reply.footer.join('\n'), EMBED_LIMITS.footer) },
      };
      const descriptionLimit = Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - embedLength(embed));
      const reason = reply.reason ? [escapeMarkdown(reply.reason)] : [];
      embed.description = joinLines([levelLine, ...reason, escapeMarkdown(reply.summary), ...reply.notes.map(escapeMarkdown)], descriptionLimit);
      return { embeds: [embed], allowedMentions: NO_MENTIONS };
    },
    notice(language: Language, key: string, vars?: Record<string, string | number>): DiscordReply {
      return { embeds: [{ description: clampMarkdown(escapeMarkdown(t(language, key, vars)), EMBED_LIMITS.description) }], allowedMentions: NO_MENTIONS };
    },
  };
}
