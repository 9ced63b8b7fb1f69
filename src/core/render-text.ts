import type { ReplyDocument } from './reply.ts';
import { t } from './texts.ts';

/** Options for the plain-text reply. */
export interface TextRenderOptions {
  /** Also show the details: summary, further reasons, evidence, further steps and notes. */
  details?: boolean;
  /** Without details: one line saying how to see them (e.g. the CLI's `--details`). */
  detailsHint?: string;
}

/**
 * Renders a reply as plain text (CLI, platforms without markup): the title, what to do now and one line of
 * why; with `details`, the rest; the footer always.
 */
export function renderText(reply: ReplyDocument, options: TextRenderOptions = {}): string {
  const heading = (key: string): string => `${t(reply.language, key)}:`;
  const lines: string[] = [reply.title];
  if (reply.actions.length > 0) lines.push('', heading('core.heading.steps'), ...reply.actions.map((step, index) => `${index + 1}. ${step}`));
  if (reply.reason) lines.push('', reply.reason);
  if (options.details) {
    lines.push('', `— ${t(reply.language, 'core.heading.details')} —`, '', reply.summary);
    if (reply.why.length > 0) lines.push('', heading('core.heading.why'), ...reply.why.map((item) => `- ${item}`));
    if (reply.evidence.length > 0) {
      lines.push('', heading('core.heading.evidence'), ...reply.evidence.map((item) => `- "${item.quote}" (${item.category})`));
    }
    if (reply.steps.length > 0) lines.push('', heading('core.heading.more_steps'), ...reply.steps.map((step) => `- ${step}`));
    if (reply.notes.length > 0) lines.push('', ...reply.notes);
  } else if (options.detailsHint && reply.why.length + reply.evidence.length + reply.steps.length + reply.notes.length > 0) {
    lines.push('', options.detailsHint);
  }
  lines.push('', ...reply.footer);
  return lines.join('\n');
}
