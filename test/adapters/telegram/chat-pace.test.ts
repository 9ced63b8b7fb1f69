import { describe, expect, it } from 'vitest';
import { CHAT_LIMITS, ChatPace } from '../../../adapters/telegram/chat-pace.ts';

describe('ChatPace (Telegram per-chat limits)', () => {
  it('a chat is busy for a second after a message to it', () => {
    let now = 1_000_000;
    const pace = new ChatPace(() => now);
    expect(pace.allows(42)).toBe(true);
    pace.note(42);
    expect(pace.allows(42)).toBe(false);
    expect(pace.allows(43)).toBe(true);
    now += CHAT_LIMITS.minGapMs - 1;
    expect(pace.allows(42)).toBe(false);
    now += 1;
    expect(pace.allows(42)).toBe(true);
  });

  it('a group takes 19 paced messages a minute, a private chat any number', () => {
    let now = 1_000_000;
    const pace = new ChatPace(() => now);
    for (let i = 0; i < 30; i += 1) {
      pace.note(-100_7);
      pace.note(7);
      now += CHAT_LIMITS.minGapMs;
    }
    expect(pace.allows(7)).toBe(true);
    expect(pace.allows(-100_7)).toBe(false);
    // A minute after the 11th-last message only 10 remain in the window.
    now += 60_000 - 10 * CHAT_LIMITS.minGapMs;
    expect(pace.allows(-100_7)).toBe(true);
  });

  it('remembers at most maxChats chats', () => {
    const pace = new ChatPace(() => 5_000, 3);
    for (const chat of [1, 2, 3, 4]) pace.note(chat);
    expect(pace.allows(1)).toBe(true);
    expect(pace.allows(4)).toBe(false);
  });
});
