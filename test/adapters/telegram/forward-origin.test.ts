import type { Chat, Message, MessageOrigin } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { combinedOrigin, forwardOriginOf } from '../../../adapters/telegram/forward-origin.ts';
import { forwardedText, messageUpdate, testUser } from '../../fakes/fake-telegram-server.ts';
import { createHarness, type Harness } from './harness.ts';

describe('forward_origin', () => {
  it('maps each origin type with its name', () => {
    expect(forwardOriginOf({ type: 'user', date: 1, sender_user: { id: 1, is_bot: false, first_name: 'Ann', last_name: 'Lee' } })).toEqual({ kind: 'user', name: 'Ann Lee' });
    expect(forwardOriginOf({ type: 'hidden_user', date: 1, sender_user_name: 'Officer  Wang' })).toEqual({ kind: 'hidden_user', name: 'Officer Wang' });
    expect(forwardOriginOf({ type: 'chat', date: 1, sender_chat: { id: -1, type: 'group', title: 'Neighbours' } })).toEqual({ kind: 'chat', name: 'Neighbours' });
    expect(forwardOriginOf({ type: 'channel', date: 1, message_id: 3, chat: { id: -2, type: 'channel', title: 'News' } })).toEqual({ kind: 'channel', name: 'News' });
    expect(forwardOriginOf({ type: 'mystery', date: 1 } as never)).toEqual({ kind: 'unknown' });
    expect(forwardOriginOf(undefined)).toBeUndefined();
    expect(forwardOriginOf({ type: 'hidden_user', date: 1, sender_user_name: 'x'.repeat(500) })?.name).toHaveLength(256);
  });

  it('prefers a hidden account when several forwards are combined', () => {
    expect(combinedOrigin([{ kind: 'user', name: 'Ann' }, { kind: 'hidden_user', name: 'X' }])).toEqual({ kind: 'hidden_user', name: 'X' });
    expect(combinedOrigin([undefined, { kind: 'channel', name: 'C' }])).toEqual({ kind: 'channel', name: 'C' });
    expect(combinedOrigin([undefined])).toBeUndefined();
  });
});

describe('forward_origin in replies', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  const chat = { id: -100500, type: 'supergroup', title: 'Family' } as Chat;
  const origins: [MessageOrigin, string][] = [
    [{ type: 'user', date: 1, sender_user: testUser(61, { first_name: ' Officer\n', last_name: 'Li  <b>' }) }, 'Forwarded from Officer Li &lt;b&gt;.'],
    [{ type: 'chat', date: 1, sender_chat: { id: -7, type: 'group', title: 'Bank\nSecurity   Desk' } }, 'Forwarded from the group or chat "Bank Security Desk".'],
    [{ type: 'channel', date: 1, message_id: 3, chat: { id: -8, type: 'channel', title: '  Police &amp; News ' } }, 'Forwarded from the channel "Police &amp;amp; News".'],
  ];

  it.each(origins)('names the origin the same way in a private chat and for /check in a group (%#)', async (origin, note) => {
    harness = await createHarness();
    await harness.handle(forwardedText('Transfer your savings to a safe account now.', origin));
    await harness.drain();
    const forwarded = messageUpdate({ text: 'Transfer your savings to a safe account now.', forward_origin: origin }, { chat }).message as Message;
    await harness.handle(
      messageUpdate({ text: '/check', entities: [{ type: 'bot_command', offset: 0, length: 6 }], reply_to_message: forwarded }, { chat }),
    );
    await harness.idle();
    const [privateReply, groupReply] = await harness.expandReplies();
    expect(privateReply).toContain(note);
    expect(groupReply).toContain(note);
  });
});
