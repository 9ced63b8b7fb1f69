import type { Message } from 'grammy/types';
import { MAX_TEXT_LENGTH, type CheckRequest, type ForwardOrigin, type Language } from '../../../src/core/index.ts';

/** The checkable text of a message: its text, else its caption; undefined when it has neither. */
export function messageText(message: Message): string | undefined {
  const text = message.text ?? message.caption;
  return text !== undefined && text.trim() !== '' ? text : undefined;
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
