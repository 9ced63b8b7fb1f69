import { DiscordAPIError, HTTPError, MessageFlags } from 'discord.js';
import type { ReplyDocument, ReplyRenderer, ReplySurface } from '../../src/core/index.ts';
import type { DiscordReply } from './render.ts';

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

/** The reply surface of one interaction: an ephemeral reply, edited in place (the original reply). */
export function discordSurface(channel: ReplyChannel, renderer: ReplyRenderer<DiscordReply>): ReplySurface {
  return {
    async send(reply: ReplyDocument) {
      await channel.reply({ ...renderer.render(reply), flags: MessageFlags.Ephemeral });
    },
    async edit(reply: ReplyDocument) {
      await channel.editReply(renderer.render(reply));
    },
  };
}
