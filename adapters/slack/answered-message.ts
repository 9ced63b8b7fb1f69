import type { webApi } from '@slack/bolt';
import { languageFromTag, type Language, type Logger } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';

/** Where the message a shortcut checked is: its channel, timestamp and thread (ids only, never its text). */
export interface AnsweredMessage {
  channel: string;
  ts: string;
  threadTs?: string;
}

/** What a Details button's value holds: `<key>:<language>`, then `:<channel>:<ts>:<thread ts or nothing>` for a shortcut's reply. */
export interface DetailsValue {
  key: string;
  language?: Language;
  answered?: AnsweredMessage;
}

const CHANNEL = /^[CDGW][A-Z0-9]{2,20}$/;
const TS = /^\d{9,11}\.\d{6}$/;

/** The reference part of a Details button's value (see {@link DetailsValue}). */
export function encodeAnswered(answered: AnsweredMessage): string {
  return `${answered.channel}:${answered.ts}:${answered.threadTs ?? ''}`;
}

/** Parses a Details button's value; a reference that is not well formed is left out. */
export function parseDetailsValue(value: string): DetailsValue {
  const [key = '', tag, channel, ts, threadTs] = value.split(':');
  const language = languageFromTag(tag);
  const parsed: DetailsValue = { key, ...(language ? { language } : {}) };
  if (channel === undefined || ts === undefined || !CHANNEL.test(channel) || !TS.test(ts)) return parsed;
  const thread = threadTs !== undefined && TS.test(threadTs) ? threadTs : undefined;
  return { ...parsed, answered: { channel, ts, ...(thread ? { threadTs: thread } : {}) } };
}

/** The checked message as Slack gives it back: its text (wire format) and files. */
export interface FetchedMessage {
  text?: string;
  files?: unknown;
}

/**
 * Reads the message a shortcut checked once more (`conversations.replies`, which finds thread replies too).
 * Slack allows it only with the history scopes (`channels:history`, `groups:history`, `im:history`,
 * `mpim:history`) and the app in the conversation; undefined when it does not (logged by code only).
 */
export async function fetchAnsweredMessage(client: webApi.WebClient, answered: AnsweredMessage, logger: Logger): Promise<FetchedMessage | undefined> {
  try {
    const answer = await client.conversations.replies({ channel: answered.channel, ts: answered.threadTs ?? answered.ts, oldest: answered.ts, latest: answered.ts, inclusive: true, limit: 1 });
    return answer.messages?.find((message) => message.ts === answered.ts);
  } catch (error) {
    logger.info('slack: the checked message could not be read again for its details', errorFields(error));
    return undefined;
  }
}
