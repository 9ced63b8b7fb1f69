import type { Message, MessageEntity } from 'grammy/types';

/**
 * When `message` mentions the bot (`@botname …` in its text or caption), the rest of the text with every
 * mention of the bot removed and spaces trimmed ('' when the mention stands alone); otherwise undefined.
 */
export function textAfterBotMention(message: Message, botUsername: string): string | undefined {
  const text = message.text ?? message.caption;
  const entities: MessageEntity[] = (message.text !== undefined ? message.entities : message.caption_entities) ?? [];
  if (text === undefined) return undefined;
  const wanted = `@${botUsername}`.toLowerCase();
  const ours = entities
    .filter((entity) => entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === wanted)
    .sort((a, b) => b.offset - a.offset);
  if (ours.length === 0) return undefined;
  let rest = text;
  for (const entity of ours) rest = rest.slice(0, entity.offset) + rest.slice(entity.offset + entity.length);
  return rest.trim();
}
