import type { Chat } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { callbackQuery, commandText, groupText, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { createFakeChecker } from '../../service/fake-checker.ts';
import { createHarness, type Harness } from './harness.ts';

const SCAM =
  'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const CHAT = { id: -100400, type: 'supergroup', title: 'Family' } as Chat;
const ANNA = testUser(4101, { first_name: 'Anna', username: 'AnnaW' });
const ADMIN = testUser(4102, { first_name: 'Mum' });
const NOT_FOUND = { status: 400 as const, description: 'Bad Request: message to edit not found' };
const NOT_MODIFIED = {
  status: 400 as const,
  description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
};

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function failures(h: Harness): string[] {
  return h.logger.lines.filter((line) => line.level === 'error' || line.level === 'warn').map((line) => line.message);
}

describe('Telegram edits that Telegram refuses', () => {
  it('still tells the group who confirmed a check-in when the question was deleted', async () => {
    const h = (harness = await createHarness());
    await h.handle(commandText('/checkin @AnnaW', { group: true, chat: CHAT, from: ADMIN, extra: { entities: [{ type: 'bot_command', offset: 0, length: 8 }, { type: 'mention', offset: 9, length: 6 }] } }));
    const asked = h.fake.callsOf('sendMessage')[0]!;
    const data = (asked.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    h.fake.failNext('editMessageText', NOT_FOUND);
    await h.handle(callbackQuery(data, { from: ANNA, chat: CHAT, messageId: 100_000 }));
    await h.idle();
    expect(h.fake.callsOf('editMessageText')).toHaveLength(1);
    expect(h.sentTexts().at(-1)).toMatch(/@AnnaW confirmed just now, less than a minute after/);
    expect(failures(h)).not.toContain('telegram: update failed');
  });

  it('ignores a second tap on Details ("message is not modified") without an error', async () => {
    const h = (harness = await createHarness());
    h.fake.setChatMember(CHAT.id, ADMIN.id, { status: 'administrator' });
    await h.handle(commandText('/watch on', { group: true, chat: CHAT, from: ADMIN }));
    await h.handle(groupText(SCAM, { chat: CHAT, from: ANNA }));
    await h.idle();
    const warning = h.fake.callsOf('sendMessage').at(-1)!;
    const data = (warning.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    await h.handle(callbackQuery(data, { from: ANNA, chat: CHAT, messageId: 100_001 }));
    h.fake.failNext('editMessageText', NOT_MODIFIED);
    await h.handle(callbackQuery(data, { from: ADMIN, chat: CHAT, messageId: 100_001 }));
    await h.idle();
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(2);
    expect(failures(h)).toEqual([]);
  });

  it('stops quietly when the reply to edit with the second opinion was deleted', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checker = createFakeChecker({ secondOpinion: 'on', level: () => 'medium', refine: async (instant) => (await gate, { ...instant, level: 'high' }) });
    const h = (harness = await createHarness({ checker }));
    await h.handle(privateText(SCAM));
    h.fake.failNext('editMessageText', NOT_FOUND);
    release();
    await h.idle();
    expect(h.fake.callsOf('editMessageText')).toHaveLength(1);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(failures(h)).toEqual([]);
  });
});
