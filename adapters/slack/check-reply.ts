import { detailsSurface, type DetailsCache, type ReplyDocument, type ReplySurface } from '../../src/core/index.ts';
import type { SlackMessage, SlackRenderer } from './render.ts';

/** What a Details button shows: the full reply (kept in memory only, for a limited time). */
export type SlackDetails = DetailsCache<ReplyDocument>;

/** A message sent to a response_url: ephemeral (only the person who asked sees it), optionally replacing the last one. */
export interface SlackResponse extends SlackMessage {
  response_type: 'ephemeral';
  replace_original?: boolean;
}

/** Posts to the response_url of a slash command or shortcut (Bolt's `respond`). */
export type Respond = (message: SlackResponse) => Promise<unknown>;

/** Logs an error by name and code only: Slack errors and response bodies may echo message content. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const fields: Record<string, unknown> = { error: error.name };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'string') fields.code = code;
  if (typeof statusCode === 'number') fields.status = statusCode;
  return fields;
}

/** How the first answer of a check goes out. */
export interface SurfaceOptions {
  /** True when a progress note was posted first: the answer replaces it. */
  replacesProgress?: boolean;
  /** Notes shown in the short reply too (1 for a screenshot: what was read). */
  leadNotes?: number;
  /** Where the checked message is (a shortcut; answered-message.ts encodeAnswered), put in the Details button for a click another host receives. */
  answered?: string;
}

/**
 * The reply surface of one command or shortcut: the short reply (actions, one line of why, a Details button)
 * as an ephemeral answer through its response_url, replaced on edit. The full reply waits in `details`.
 */
export function slackSurface(respond: Respond, renderer: SlackRenderer, details: SlackDetails, options: SurfaceOptions = {}): ReplySurface {
  const leadNotes = options.leadNotes ?? 0;
  const answered = options.answered;
  return detailsSurface(details, {
    render: (reply, key) => renderer.renderShort(reply, key, leadNotes, answered),
    post: (message) => respond({ response_type: 'ephemeral', ...(options.replacesProgress ? { replace_original: true } : {}), ...message }),
    replace: (message) => respond({ response_type: 'ephemeral', replace_original: true, ...message }),
  });
}
