import type { ReplyDocument } from './reply.ts';
import type { Translate } from './texts.ts';

/** How one renderer writes the items of each section (already escaped for its markup). */
export interface SectionFormat {
  action(text: string, number: number): string;
  why(text: string): string;
  evidence(item: ReplyDocument['evidence'][number]): string;
  step(text: string): string;
}

/** One section of a reply with its localized heading (not escaped) and its formatted lines. */
export interface ReplySection {
  kind: 'actions' | 'why' | 'evidence' | 'steps';
  heading: string;
  lines: string[];
}

const HEADINGS: Record<ReplySection['kind'], string> = {
  actions: 'core.heading.steps',
  why: 'core.heading.why',
  evidence: 'core.heading.evidence',
  steps: 'core.heading.more_steps',
};

/**
 * The one walk over a reply's sections every renderer shares: what to do now, further reasons, evidence,
 * then more steps, each only when it has items, with its heading in the reply language and its lines
 * formatted by `format`. Renderers place the title, the reason, the summary, notes and footer around them.
 */
export function replySections(reply: ReplyDocument, t: Translate, format: SectionFormat): ReplySection[] {
  const sections: ReplySection[] = [];
  const add = (kind: ReplySection['kind'], lines: string[]): void => {
    if (lines.length > 0) sections.push({ kind, heading: t(reply.language, HEADINGS[kind]), lines });
  };
  add('actions', reply.actions.map((text, index) => format.action(text, index + 1)));
  add('why', reply.why.map((text) => format.why(text)));
  add('evidence', reply.evidence.map((item) => format.evidence(item)));
  add('steps', reply.steps.map((text) => format.step(text)));
  return sections;
}

/** The section of `kind`, if the reply has one. */
export function sectionOf(sections: readonly ReplySection[], kind: ReplySection['kind']): ReplySection | undefined {
  return sections.find((section) => section.kind === kind);
}
