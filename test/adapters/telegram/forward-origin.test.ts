import { describe, expect, it } from 'vitest';
import { combinedOrigin, forwardOriginOf } from '../../../adapters/telegram/forward-origin.ts';

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
