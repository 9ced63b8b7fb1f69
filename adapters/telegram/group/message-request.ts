import type { Message, MessageOrigin } from 'grammy/types';
import { MAX_TEXT_LENGTH, type CheckRequest, type ForwardOrigin, type Language } from '../../../src/core/request.ts';

/** The checkable text of a message: its text, else its caption; undefined when it has neither. */
export function messageText(message: Message): string | undefined {
  const text = message.text ?? message.caption;
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

/** Where a forwarded message came from, in the core's terms. */
export function forwardOriginOf(origin: MessageOrigin | undefined): ForwardOrigin | undefined {
  if (!origin) return undefined;
  const limit = (name: string): string => name.slice(0, 256);
  switch (origin.type) {
    case 'user':
      return { kind: 'user', name: limit([origin.sender_user.first_name, origin.sender_user.last_name].filter(Boolean).join(' ')) };
    case 'hidden_user':
      return { kind: 'hidden_user', name: limit(origin.sender_user_name) };
    case 'chat':
      return { kind: 'chat', name: limit(origin.sender_chat.title ?? '') };
    case 'channel':
      return { kind: 'channel', name: limit(origin.chat.title ?? '') };
    default:
      return { kind: 'unknown' };
  }
}

/** A check request for text seen in a group chat, in the reply language. */
export function groupCheckRequest(text: string, language: Language, forwardedFrom?: ForwardOrigin): CheckRequest {
  return {
    kind: 'message',
    text: text.slice(0, MAX_TEXT_LENGTH),
    language,
    source: { platform: 'telegram', chatType: 'group', ...(forwardedFrom ? { forwardedFrom } : {}) },
  };
}
