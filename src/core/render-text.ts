import type { ReplyDocument } from './reply.ts';
import { replySections, sectionOf, type SectionFormat } from './reply-sections.ts';
import type { Translate } from './texts.ts';

/** Options for the plain-text reply. */
export interface TextRenderOptions {
  /** Also show the details: summary, further reasons, evidence, further steps and notes. */
  details?: boolean;
  /** Without details: one line saying how to see them (e.g. the CLI's `--details`). */
  detailsHint?: string;
}

const PLAIN: SectionFormat = {
  action: (text, number) => `${number}. ${text}`,
  why: (text) => `- ${text}`,
  evidence: (item) => `- "${item.quote}" (${item.category})`,
  step: (text) => `- ${text}`,
};

/**
 * Renders a reply as plain text (CLI, platforms without markup): the title, what to do now and one line of
 * why; with `details`, the rest; the footer always.
 */
export function renderText(reply: ReplyDocument, t: Translate, options: TextRenderOptions = {}): string {
  const sections = replySections(reply, t, PLAIN);
  const lines: string[] = [reply.title];
  const actions = sectionOf(sections, 'actions');
  // The colon after a heading follows the language's typography (core.heading.label).
  const label = (heading: string) => t(reply.language, 'core.heading.label', { heading });
  if (actions) lines.push('', label(actions.heading), ...actions.lines);
  if (reply.reason) lines.push('', reply.reason);
  if (options.details) {
    lines.push('', `— ${t(reply.language, 'core.heading.details')} —`, '', reply.summary);
    for (const section of sections) if (section !== actions) lines.push('', label(section.heading), ...section.lines);
    if (reply.notes.length > 0) lines.push('', ...reply.notes);
  } else if (options.detailsHint && reply.why.length + reply.evidence.length + reply.steps.length + reply.notes.length > 0) {
    lines.push('', options.detailsHint);
  }
  lines.push('', ...reply.footer);
  return lines.join('\n');
}
