import { buildReply, type SecondOpinionState } from '../../src/core/reply.ts';
import type { Language } from '../../src/core/request.ts';
import { t } from '../../src/core/texts.ts';
import type { Verdict } from '../../src/core/verdict.ts';
import { clampMrkdwn, codeSpan, escapeMrkdwn } from './mrkdwn.ts';

/** A Block Kit mrkdwn text object. */
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** Always true here: Slack then turns no URL, channel name or @name into a link or mention. */
  verbatim: true;
}

/** The Block Kit blocks Safeword sends. */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' };

/** One Slack message: Block Kit blocks plus the escaped fallback text shown in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Options for {@link renderVerdictBlocks}. */
export interface RenderSlackOptions {
  secondOpinion: SecondOpinionState;
}

const HEADER_LIMIT = 150;

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clampMrkdwn(text), verbatim: true } };
}

function headed(language: Language, headingKey: string, lines: string[]): SlackBlock {
  return section([`*${escapeMrkdwn(t(language, headingKey))}*`, ...lines].join('\n'));
}

/**
 * Renders a verdict as Block Kit, in the verdict's language: title, level and one line of why, what to do now,
 * then summary, further reasons, evidence, more steps, notes and footer. Every text is escaped for mrkdwn (the rules' texts too) and marked verbatim; quotes from
 * the user's message are inline code, so they can create neither mentions nor links nor formatting.
 */
export function renderVerdictBlocks(verdict: Verdict, options: RenderSlackOptions): SlackMessage {
  const reply = buildReply(verdict, { secondOpinion: options.secondOpinion });
  const language = reply.language;
  const levelLine = escapeMrkdwn(t(language, 'slack.level_line', { level: reply.levelLabel }));
  const title = reply.title.length > HEADER_LIMIT ? `${reply.title.slice(0, HEADER_LIMIT - 1)}…` : reply.title;
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    section([`*${levelLine}*`, ...(reply.reason ? [escapeMrkdwn(reply.reason)] : [])].join('\n')),
  ];
  if (reply.actions.length > 0) {
    blocks.push(headed(language, 'core.heading.steps', reply.actions.map((step, index) => `${index + 1}. ${escapeMrkdwn(step)}`)));
  }
  blocks.push(section(escapeMrkdwn(reply.summary)));
  if (reply.why.length > 0) blocks.push(headed(language, 'core.heading.why', reply.why.map((item) => `• ${escapeMrkdwn(item)}`)));
  if (reply.evidence.length > 0) {
    blocks.push(headed(language, 'core.heading.evidence', reply.evidence.map((item) => `• ${codeSpan(item.quote)} — _${escapeMrkdwn(item.category)}_`)));
  }
  if (reply.steps.length > 0) blocks.push(headed(language, 'core.heading.more_steps', reply.steps.map((step) => `• ${escapeMrkdwn(step)}`)));
  if (reply.notes.length > 0) blocks.push(section(reply.notes.map(escapeMrkdwn).join('\n')));
  blocks.push({ type: 'context', elements: reply.footer.map((line) => ({ type: 'mrkdwn', text: clampMrkdwn(escapeMrkdwn(line)), verbatim: true })) });
  return { text: escapeMrkdwn(`${reply.title} — ${t(language, 'slack.level_line', { level: reply.levelLabel })}`), blocks };
}

/** A plain notice (usage help, no text, check failed) in one language, as a single escaped section. */
export function renderNotice(language: Language, key: string): SlackMessage {
  const text = escapeMrkdwn(t(language, key));
  return { text, blocks: [section(text)] };
}
