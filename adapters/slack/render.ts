import { replySections, sectionOf, type Language, type ReplyDocument, type ReplyRenderer, type SectionFormat, type Translate } from '../../src/core/index.ts';
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

const HEADER_LIMIT = 150;

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clampMrkdwn(text), verbatim: true } };
}

const MRKDWN: SectionFormat = {
  action: (text, number) => `${number}. ${escapeMrkdwn(text)}`,
  why: (text) => `• ${escapeMrkdwn(text)}`,
  evidence: (item) => `• ${codeSpan(item.quote)} — _${escapeMrkdwn(item.category)}_`,
  step: (text) => `• ${escapeMrkdwn(text)}`,
};

/**
 * The Slack renderer: a reply as Block Kit, in its language: title, level and one line of why, what to do now,
 * then summary, further reasons, evidence, more steps, notes and footer. Every text is escaped for mrkdwn (the rules' texts too) and marked verbatim; quotes from
 * the user's message are inline code, so they can create neither mentions nor links nor formatting. A notice
 * (usage help, no text, check failed) is a single escaped section.
 */
export function createSlackRenderer(t: Translate): ReplyRenderer<SlackMessage> {
  return {
    render(reply: ReplyDocument): SlackMessage {
      const levelLine = escapeMrkdwn(t(reply.language, 'slack.level_line', { level: reply.levelLabel }));
      const title = reply.title.length > HEADER_LIMIT ? `${reply.title.slice(0, HEADER_LIMIT - 1)}…` : reply.title;
      const blocks: SlackBlock[] = [
        { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
        section([`*${levelLine}*`, ...(reply.reason ? [escapeMrkdwn(reply.reason)] : [])].join('\n')),
      ];
      const headed = (part: { heading: string; lines: string[] }) => section([`*${escapeMrkdwn(part.heading)}*`, ...part.lines].join('\n'));
      const sections = replySections(reply, t, MRKDWN);
      const actions = sectionOf(sections, 'actions');
      if (actions) blocks.push(headed(actions));
      blocks.push(section(escapeMrkdwn(reply.summary)));
      for (const part of sections) if (part !== actions) blocks.push(headed(part));
      if (reply.notes.length > 0) blocks.push(section(reply.notes.map(escapeMrkdwn).join('\n')));
      blocks.push({ type: 'context', elements: reply.footer.map((line) => ({ type: 'mrkdwn', text: clampMrkdwn(escapeMrkdwn(line)), verbatim: true })) });
      return { text: escapeMrkdwn(`${reply.title} — ${t(reply.language, 'slack.level_line', { level: reply.levelLabel })}`), blocks };
    },
    notice(language: Language, key: string, vars?: Record<string, string | number>): SlackMessage {
      const text = escapeMrkdwn(t(language, key, vars));
      return { text, blocks: [section(text)] };
    },
  };
}
