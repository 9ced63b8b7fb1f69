import type { APIMessage, Message } from 'discord.js';
import { z } from 'zod';

const RawMessageSchema = z.object({
  content: z.string().optional(),
  message_snapshots: z.array(z.object({ message: z.object({ content: z.string().optional() }) })).optional(),
});

/**
 * The text to check of a message picked with the context menu: its content and, for a forwarded message,
 * the content of the forwarded copy (Discord keeps it in a message snapshot). Works on a discord.js Message
 * and on the raw API message discord.js hands over when the channel is not cached. Empty when there is none.
 */
export function messageText(message: Message | APIMessage): string {
  const parts: string[] = [];
  if ('messageSnapshots' in message) {
    parts.push(message.content);
    for (const snapshot of message.messageSnapshots.values()) parts.push(snapshot.content);
  } else {
    const raw = RawMessageSchema.safeParse(message);
    if (raw.success) {
      parts.push(raw.data.content ?? '');
      for (const snapshot of raw.data.message_snapshots ?? []) parts.push(snapshot.message.content ?? '');
    }
  }
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n\n');
}
