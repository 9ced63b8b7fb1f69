import type { ReplyDocument } from './reply.ts';
import { t } from './texts.ts';

/** Renders a reply as plain text (CLI, logs-free previews, platforms without markup). */
export function renderText(reply: ReplyDocument): string {
  const lines: string[] = [reply.title, '', reply.summary];
  if (reply.why.length > 0) {
    lines.push('', `${t(reply.language, 'core.heading.why')}:`, ...reply.why.map((item) => `- ${item}`));
  }
  if (reply.evidence.length > 0) {
    lines.push('', `${t(reply.language, 'core.heading.evidence')}:`, ...reply.evidence.map((item) => `- "${item.quote}" (${item.category})`));
  }
  if (reply.steps.length > 0) {
    lines.push('', `${t(reply.language, 'core.heading.steps')}:`, ...reply.steps.map((step, index) => `${index + 1}. ${step}`));
  }
  if (reply.notes.length > 0) lines.push('', ...reply.notes);
  lines.push('', ...reply.footer);
  return lines.join('\n');
}
