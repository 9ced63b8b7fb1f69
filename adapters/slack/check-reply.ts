import type { ReplyDocument, ReplyRenderer, ReplySurface } from '../../src/core/index.ts';
import type { SlackMessage } from './render.ts';

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

/** The reply surface of one command or shortcut: an ephemeral answer through its response_url, replaced on edit. */
export function slackSurface(respond: Respond, renderer: ReplyRenderer<SlackMessage>): ReplySurface {
  return {
    async send(reply: ReplyDocument) {
      await respond({ response_type: 'ephemeral', ...renderer.render(reply) });
    },
    async edit(reply: ReplyDocument) {
      await respond({ response_type: 'ephemeral', replace_original: true, ...renderer.render(reply) });
    },
  };
}
