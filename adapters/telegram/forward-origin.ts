import type { MessageOrigin } from 'grammy/types';
import type { ForwardOrigin } from '../../src/core/index.ts';

const MAX_NAME = 256;

function clip(name: string | undefined): string | undefined {
  const flat = name?.replace(/\s+/g, ' ').trim();
  return flat ? flat.slice(0, MAX_NAME) : undefined;
}

/** Turns Telegram's forward_origin into the request's forwarded-from metadata. */
export function forwardOriginOf(origin: MessageOrigin | undefined): ForwardOrigin | undefined {
  if (!origin) return undefined;
  const withName = (kind: ForwardOrigin['kind'], name: string | undefined): ForwardOrigin => {
    const clipped = clip(name);
    return clipped ? { kind, name: clipped } : { kind };
  };
  switch (origin.type) {
    case 'user':
      return withName('user', [origin.sender_user.first_name, origin.sender_user.last_name].filter(Boolean).join(' '));
    case 'hidden_user':
      return withName('hidden_user', origin.sender_user_name);
    case 'chat':
      return withName('chat', origin.sender_chat.title ?? origin.author_signature);
    case 'channel':
      return withName('channel', origin.chat.title);
    default:
      return { kind: 'unknown' };
  }
}

/** The origin to mention for several forwarded messages: a hidden account wins, else the first origin. */
export function combinedOrigin(origins: (ForwardOrigin | undefined)[]): ForwardOrigin | undefined {
  const known = origins.filter((origin): origin is ForwardOrigin => origin !== undefined);
  return known.find((origin) => origin.kind === 'hidden_user') ?? known[0];
}
