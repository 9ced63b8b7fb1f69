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
  | { type: 'divider' }
  | { type: 'actions'; elements: { type: 'button'; text: { type: 'plain_text'; text: string; emoji: boolean }; action_id: string; value: string }[] };

/** One Slack message: Block Kit blocks plus the escaped fallback text shown in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const HEADER_LIMIT = 150;

/**
 * action_id of the Details button; its value is `<key>:<language>` (the cache key and the reply language),
 * then, for a shortcut's reply, where the checked message is (answered-message.ts; ids only).
 */
export const DETAILS_ACTION_ID = 'safeword_details';

/** The Slack renderer: the full reply, notices, and the short reply that leads with the actions. */
export interface SlackRenderer extends ReplyRenderer<SlackMessage> {
  /**
   * The short reply: title, level and the one line of why, what to do now, the first `leadNotes` notes (what
   * was read from a screenshot), the footer and a Details button carrying `detailsKey` (and `answered`, where
   * the checked message is, encoded).
   */
  renderShort(reply: ReplyDocument, detailsKey: string, leadNotes?: number, answered?: string): SlackMessage;
  /** A notice whose text is already written (e.g. why a screenshot could not be read). */
  plain(text: string): SlackMessage;
}

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
 * The Slack renderer (full form): a reply as Block Kit, in its language: title, level and one line of why, what to do now,
 * then summary, further reasons, evidence, more steps, notes and footer. Every text is escaped for mrkdwn (the rules' texts too) and marked verbatim; quotes from
 * the user's message are inline code, so they can create neither mentions nor links nor formatting. A notice
 * (usage help, no text, check failed) is a single escaped section.
 */
export function createSlackRenderer(t: Translate): SlackRenderer {
  const headed = (part: { heading: string; lines: string[] }) => section([`*${escapeMrkdwn(part.heading)}*`, ...part.lines].join('\n'));
  const lead = (reply: ReplyDocument): SlackBlock[] => {
    const levelLine = escapeMrkdwn(t(reply.language, 'slack.level_line', { level: reply.levelLabel }));
    const title = reply.title.length > HEADER_LIMIT ? `${reply.title.slice(0, HEADER_LIMIT - 1)}…` : reply.title;
    return [
      { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
      section([`*${levelLine}*`, ...(reply.reason ? [escapeMrkdwn(reply.reason)] : [])].join('\n')),
    ];
  };
  const footer = (reply: ReplyDocument): SlackBlock => ({ type: 'context', elements: reply.footer.map((line) => ({ type: 'mrkdwn', text: clampMrkdwn(escapeMrkdwn(line)), verbatim: true })) });
  const fallback = (reply: ReplyDocument): string => escapeMrkdwn(`${reply.title} — ${t(reply.language, 'slack.level_line', { level: reply.levelLabel })}`);
  return {
    render(reply: ReplyDocument): SlackMessage {
      const blocks = lead(reply);
      const sections = replySections(reply, t, MRKDWN);
      const actions = sectionOf(sections, 'actions');
      if (actions) blocks.push(headed(actions));
      blocks.push(section(escapeMrkdwn(reply.summary)));
      for (const part of sections) if (part !== actions) blocks.push(headed(part));
      if (reply.notes.length > 0) blocks.push(section(reply.notes.map(escapeMrkdwn).join('\n')));
      blocks.push(footer(reply));
      return { text: fallback(reply), blocks };
    },
    renderShort(reply: ReplyDocument, detailsKey: string, leadNotes = 0, answered?: string): SlackMessage {
      const blocks = lead(reply);
      const actions = sectionOf(replySections(reply, t, MRKDWN), 'actions');
      if (actions) blocks.push(headed(actions));
      const notes = reply.notes.slice(0, leadNotes);
      if (notes.length > 0) blocks.push(section(notes.map(escapeMrkdwn).join('\n')));
      blocks.push(footer(reply), {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: t(reply.language, 'slack.details_button'), emoji: false }, action_id: DETAILS_ACTION_ID, value: [detailsKey, reply.language, ...(answered ? [answered] : [])].join(':') }],
      });
      return { text: fallback(reply), blocks };
    },
    plain(text: string): SlackMessage {
      const escaped = escapeMrkdwn(text);
      return { text: escaped, blocks: [section(escaped)] };
    },
    notice(language: Language, key: string, vars?: Record<string, string | number>): SlackMessage {
      const text = escapeMrkdwn(t(language, key, vars));
      return { text, blocks: [section(text)] };
    },
  };
}
