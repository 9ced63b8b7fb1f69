import { buildReply } from '../../src/core/reply.ts';
import { t } from '../../src/core/texts.ts';
import { toTraditional } from '../../src/core/traditional.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import type { RenderVerdictOptions } from './context.ts';
import { escapeHtml, packHtmlBlocks, TELEGRAM_MESSAGE_LIMIT } from './html.ts';

const COMPACT_EVIDENCE = 2;

/**
 * Renders a verdict as Telegram HTML messages (each at most `limit` characters): title and level, what to do
 * now and one line of why, then summary, further reasons, evidence, more steps, notes and footer. Every piece of text is escaped, including the rules' own texts,
 * so a quote or an LLM explanation can never inject markup.
 */
export function renderVerdictHtml(verdict: Verdict, options: RenderVerdictOptions, limit: number = TELEGRAM_MESSAGE_LIMIT): string[] {
  const reply = buildReply(verdict, {
    secondOpinion: options.secondOpinion,
    ...(options.forwardedFrom ? { forwardedFrom: options.forwardedFrom } : {}),
  });
  const language = reply.language;
  const heading = (key: string): string => `<b>${escapeHtml(t(language, key))}</b>`;
  const levelLine = escapeHtml(t(language, 'telegram.level_line', { level: reply.levelLabel }));
  const blocks: string[] = [`<b>${escapeHtml(reply.title)}</b>\n${levelLine}`];
  const evidenceLine = (item: { quote: string; category: string }): string =>
    `• “${escapeHtml(item.quote)}” — <i>${escapeHtml(item.category)}</i>`;
  // The adapter's own notes are in the user's language; a Chinese user's reply to a Traditional text is
  // Traditional, so Simplified notes follow it (never two scripts in one reply).
  const extraNotes = (options.notes ?? []).map((note) => (language === 'zh-Hant' ? toTraditional(note) : note));
  const notes = [...reply.notes, ...extraNotes];

  const actions = [heading('core.heading.steps'), ...reply.actions.map((step, index) => `${index + 1}. ${escapeHtml(step)}`)].join('\n');
  if (options.compact) {
    if (reply.evidence.length > 0) {
      blocks.push([heading('core.heading.evidence'), ...reply.evidence.slice(0, COMPACT_EVIDENCE).map(evidenceLine)].join('\n'));
    }
    if (notes.length > 0) blocks.push(notes.map(escapeHtml).join('\n'));
    return packHtmlBlocks(blocks, limit);
  }

  // Short first: what to do now and one line of why; then the details.
  if (reply.actions.length > 0) blocks.push(actions);
  if (reply.reason) blocks.push(escapeHtml(reply.reason));
  blocks.push(escapeHtml(reply.summary));
  if (reply.why.length > 0) blocks.push([heading('core.heading.why'), ...reply.why.map((item) => `• ${escapeHtml(item)}`)].join('\n'));
  if (reply.evidence.length > 0) blocks.push([heading('core.heading.evidence'), ...reply.evidence.map(evidenceLine)].join('\n'));
  if (reply.steps.length > 0) blocks.push([heading('core.heading.more_steps'), ...reply.steps.map((step) => `• ${escapeHtml(step)}`)].join('\n'));
  if (notes.length > 0) blocks.push(notes.map(escapeHtml).join('\n'));
  blocks.push(`<i>${reply.footer.map(escapeHtml).join('\n')}</i>`);
  return packHtmlBlocks(blocks, limit);
}
