import { DiscordAPIError, HTTPError, MessageFlags } from 'discord.js';
import { detailsSurface, type DetailsCache, type ReplyDocument, type ReplySurface } from '../../src/core/index.ts';
import type { DiscordRenderer, DiscordReply } from './render.ts';

/** What a Details button shows: the full reply (kept in memory only, for a limited time). */
export type DiscordDetails = DetailsCache<ReplyDocument>;

/** The two calls a check reply needs from an interaction: the first (ephemeral) answer and its later edit. */
export interface ReplyChannel {
  reply(message: DiscordReply & { flags: MessageFlags.Ephemeral }): Promise<unknown>;
  editReply(message: DiscordReply): Promise<unknown>;
}

/**
 * Logs an error by name, code and HTTP status only: Discord's error bodies may echo content, and a request
 * URL holds the interaction token.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) return { error: 'DiscordAPIError', code: error.code, status: error.status };
  if (error instanceof HTTPError) return { error: 'HTTPError', status: error.status };
  if (!(error instanceof Error)) return { error: typeof error };
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? { error: error.name, code } : { error: error.name };
}

/** How the first answer of a check goes out. */
export interface SurfaceOptions {
  /** True when a progress note was already the interaction's reply: the answer then edits it. */
  replacesProgress?: boolean;
  /** Notes shown in the short reply too (1 for a screenshot: what was read). */
  leadNotes?: number;
}

/**
 * The reply surface of one interaction: the short reply (actions, one line of why, a Details button) as an
 * ephemeral reply, or as the edit of the progress note, edited in place when the second opinion changes it.
 * The full reply waits in `details` under the button's key.
 */
export function discordSurface(channel: ReplyChannel, renderer: DiscordRenderer, details: DiscordDetails, options: SurfaceOptions = {}): ReplySurface {
  const leadNotes = options.leadNotes ?? 0;
  return detailsSurface(details, {
    render: (reply, key) => renderer.renderShort(reply, key, leadNotes),
    post: (message) => (options.replacesProgress ? channel.editReply(message) : channel.reply({ ...message, flags: MessageFlags.Ephemeral })),
    replace: (message) => channel.editReply(message),
  });
}
