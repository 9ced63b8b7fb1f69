import type { APIEmbed } from 'discord.js';
import { buildReply, type SecondOpinionState } from '../../src/core/reply.ts';
import type { Language } from '../../src/core/request.ts';
import { t } from '../../src/core/texts.ts';
import type { Level, Verdict } from '../../src/core/verdict.ts';
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

/** Options for {@link renderVerdictReply}. */
export interface RenderDiscordOptions {
  secondOpinion: SecondOpinionState;
}

/** Embed colour per level; "none" is grey, never green: no warning signs is not a sign of safety. */
const LEVEL_COLORS: Record<Level, number> = { high: 0xd93025, medium: 0xf29900, low: 0xfbbc04, none: 0x9aa0a6 };

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0);
}

/**
 * Renders a verdict as one Discord embed in the verdict's language: title, level, one line of why and the
 * summary (with notes), then fields for what to do now, further reasons, evidence and more steps, and the footer. Every text is escaped for markdown; quotes from the
 * checked message are inline code, so they can form neither links nor formatting. Limits are kept.
 */
export function renderVerdictReply(verdict: Verdict, options: RenderDiscordOptions): DiscordReply {
  const reply = buildReply(verdict, { secondOpinion: options.secondOpinion });
  const language = reply.language;
  const field = (headingKey: string, lines: string[]): { name: string; value: string } => ({
    name: clampMarkdown(escapeMarkdown(t(language, headingKey)), EMBED_LIMITS.fieldName),
    value: joinLines(lines, EMBED_LIMITS.fieldValue),
  });
  const fields: { name: string; value: string }[] = [];
  if (reply.actions.length > 0) fields.push(field('core.heading.steps', reply.actions.map((step, index) => `${index + 1}. ${escapeMarkdown(step)}`)));
  if (reply.why.length > 0) fields.push(field('core.heading.why', reply.why.map((item) => `• ${escapeMarkdown(item)}`)));
  if (reply.evidence.length > 0) {
    fields.push(field('core.heading.evidence', reply.evidence.map((item) => `• ${codeSpan(item.quote)} — *${escapeMarkdown(item.category)}*`)));
  }
  if (reply.steps.length > 0) fields.push(field('core.heading.more_steps', reply.steps.map((step) => `• ${escapeMarkdown(step)}`)));

  const levelLine = `**${escapeMarkdown(t(language, 'discord.level_line', { level: reply.levelLabel }))}**`;
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
}

/** A notice (usage help, no text, check failed) in one language, as one escaped embed. */
export function renderNotice(language: Language, key: string): DiscordReply {
  return { embeds: [{ description: clampMarkdown(escapeMarkdown(t(language, key)), EMBED_LIMITS.description) }], allowedMentions: NO_MENTIONS };
}
