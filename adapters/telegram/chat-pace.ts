import type { Transformer } from 'grammy';
import { BoundedMap } from '../../src/core/index.ts';
import { needsResult } from './update-guard.ts';

/**
 * Telegram's published limits for a bot's messages to one chat (Bots FAQ, "My bot is hitting limits"): about one
 * message per second in a chat, and at most 20 messages per minute in a group.
 */
export const CHAT_LIMITS = { minGapMs: 1000, groupPerMinute: 20 } as const;

/** The window Telegram's group limit counts over, in ms. */
const MINUTE_MS = 60_000;

/** Bot API methods that post a new message to `chat_id`, the ones Telegram's per-chat limits count. */
const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendVoice', 'sendAudio', 'sendVideo', 'sendAnimation', 'sendSticker', 'sendMediaGroup', 'copyMessage', 'forwardMessage', 'sendPoll', 'sendLocation', 'sendContact']);

/**
 * The bot's recent messages per chat, in this process, so that a reply that would go past Telegram's per-chat
 * limits is not sent as a webhook reply. A webhook reply Telegram refuses (429) is refused silently: nobody
 * reads its answer, and the reply is lost. Over HTTP the same refusal comes back with `retry_after`, which the
 * retry transformer (retry.ts) waits out. So while a chat is busy (a message to it less than a second ago, or a
 * group's 20th in a minute) its replies go over HTTP. Counted per process: several instances of the service
 * each see only their own messages, and a chat that busy is rarely served by one update at a time anyway.
 */
export class ChatPace {
  // Up to 20 send times per chat for a minute; 10,000 chats × 20 numbers stay under 2 MB.
  readonly #sent: BoundedMap<number | string, number[]>;
  readonly #now: () => number;

  constructor(now: () => number = Date.now, maxChats = 10_000) {
    this.#now = now;
    this.#sent = new BoundedMap({ maxEntries: maxChats, ttlMs: MINUTE_MS, now });
  }

  /** Whether one more message to `chat` now could pass Telegram's limits without waiting. */
  allows(chat: number | string): boolean {
    const now = this.#now();
    const recent = this.#recent(chat, now);
    if (recent.length === 0) return true;
    if (now - Math.max(...recent) < CHAT_LIMITS.minGapMs) return false;
    // A group's id is negative (a channel's "@name" is counted as a group).
    const group = typeof chat === 'string' || chat < 0;
    return !group || recent.length < CHAT_LIMITS.groupPerMinute - 1;
  }

  /** Counts a message to `chat` sent now. */
  note(chat: number | string): void {
    const now = this.#now();
    const recent = this.#recent(chat, now);
    recent.push(now);
    if (recent.length > CHAT_LIMITS.groupPerMinute) recent.shift();
    this.#sent.set(chat, recent);
  }

  /** The times of the messages to `chat` within the last minute before `now`, oldest first (a new array). */
  #recent(chat: number | string, now: number): number[] {
    return (this.#sent.get(chat) ?? []).filter((at) => now - at < MINUTE_MS);
  }

  /**
   * An API transformer (install it outermost, after the retries) that counts every new message per chat as it
   * is made and sends the ones to a busy chat over HTTP ({@link needsResult}), never as the webhook reply.
   */
  transformer(): Transformer {
    return (prev, method, payload, signal) => {
      const chat = SEND_METHODS.has(method) ? (payload as { chat_id?: unknown }).chat_id : undefined;
      if (typeof chat !== 'number' && typeof chat !== 'string') return prev(method, payload, signal);
      const busy = !this.allows(chat);
      this.note(chat);
      return busy ? needsResult(() => prev(method, payload, signal)) : prev(method, payload, signal);
    };
  }
}
