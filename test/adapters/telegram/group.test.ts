import type { Chat, Message, Update } from 'grammy/types';
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../../adapters/telegram/bot.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { callbackQuery, commandText, groupText, messageUpdate, testUser, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { createFakeChecker, makeVerdict } from '../../service/fake-checker.ts';
import { createHarness, createRecordingLogger, type Harness, type HarnessOptions } from './harness.ts';

const SCAM =
  'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const BENIGN = ['Dinner at 7 tonight?', 'Grandma says the garden looks lovely', 'Can someone pick up Leo from school?'];
const CHAT = { id: -100200, type: 'supergroup', title: 'Family' } as Chat;
const ANNA = testUser(2001, { first_name: 'Anna', username: 'AnnaW' });
const BEN = testUser(2002, { first_name: 'Ben <b>' }); // no username: shown as an escaped tg://user link
const ADMIN = testUser(2003, { first_name: 'Mum' });
const CHINESE = testUser(2004, { first_name: 'Li', language_code: 'zh' });

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await createHarness(options);
  return harness;
}

/** Waits for the bot's own background work and the group features' (refined verdicts, deadline messages). */
async function settle(h: Harness): Promise<void> {
  await h.idle();
  await h.idle();
}

/** A group message replying to `replied`. */
function groupReply(text: string, replied: Message, options: { from?: typeof ANNA; entities?: unknown[] } = {}): Update {
  return messageUpdate(
    { text, reply_to_message: replied, ...(options.entities ? { entities: options.entities } : {}) },
    { chat: CHAT, ...(options.from ? { from: options.from } : {}) },
  );
}

function command(text: string, from = BEN, extra: Record<string, unknown> = {}): Update {
  const update = commandText(text, { group: true, from, chat: CHAT, extra });
  const message = update.message as Message;
  for (const match of text.matchAll(/@\w+/g)) {
    if (match.index > 0) message.entities?.push({ type: 'mention', offset: match.index, length: match[0].length });
  }
  return update;
}

function lastCall(h: Harness, method: string): RecordedCall | undefined {
  return h.fake.callsOf(method).at(-1);
}

async function turnWatchOn(h: Harness): Promise<void> {
  h.fake.setChatMember(CHAT.id, ADMIN.id, { status: 'administrator' });
  await h.handle(command('/watch on', ADMIN));
  expect(h.sentTexts().at(-1)).toContain('privacy mode');
  h.fake.clearCalls();
}

describe('Telegram family group: /check and mentions', () => {
  it('/check as a reply checks the replied message (with its forward origin) and answers under it', async () => {
    const h = await start();
    const scam = groupText(SCAM, { chat: CHAT, from: ANNA, extra: { forward_origin: { type: 'hidden_user', date: 1, sender_user_name: 'Officer Wu' } } }).message as Message;
    await h.handle(groupReply('/check', scam, { from: BEN, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    await settle(h);
    const [reply] = h.fake.callsOf('sendMessage');
    expect(reply?.params.reply_parameters).toMatchObject({ message_id: scam.message_id });
    expect(String(reply?.params.text)).toContain('High risk');
    expect((await h.expandReplies())[0]).toContain('hidden account');
    expect(h.logger.dump()).not.toContain('money laundering');
  });

  it('answers in the asking member\'s language', async () => {
    const h = await start();
    const scam = groupText(SCAM, { chat: CHAT, from: ANNA }).message as Message;
    await h.handle(groupReply('/check', scam, { from: CHINESE, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    const text = h.sentTexts()[0] ?? '';
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toContain('High risk');
  });

  it('/check without a reply or text explains how to use it; a message without text is said so', async () => {
    const h = await start();
    await h.handle(command('/check'));
    expect(h.sentTexts()[0]).toContain('Reply to a message with /check');
    const photo = messageUpdate({ photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] }, { chat: CHAT, from: ANNA }).message as Message;
    await h.handle(groupReply('/check', photo, { from: BEN, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    expect(h.sentTexts()[1]).toContain('no text or caption');
  });

  it('checks the text after a mention of the bot, and stays out of ordinary chatter', async () => {
    const h = await start();
    const mention = `@${h.fake.botInfo.username}`;
    await h.handle(groupText(`${mention} ${SCAM}`, { chat: CHAT, from: ANNA, extra: { entities: [{ type: 'mention', offset: 0, length: mention.length }] } }));
    await h.handle(groupText(BENIGN[0]!, { chat: CHAT, from: ANNA }));
    await settle(h);
    const texts = h.sentTexts();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('High risk');
  });

  it('edits the group reply when the refined verdict changes', async () => {
    const checker = createFakeChecker({ level: () => 'medium', refine: async (instant) => makeVerdict({ kind: 'message', text: 'x' }, 'high', { language: instant.language }) });
    const h = await start({ checker });
    const message = groupText('Please send the money', { chat: CHAT, from: ANNA }).message as Message;
    await h.handle(groupReply('/check', message, { from: BEN, entities: [{ type: 'bot_command', offset: 0, length: 6 }] }));
    await settle(h);
    expect(h.fake.callsOf('editMessageText')).toHaveLength(1);
  });
});

describe('Telegram family group: passive watch', () => {
  it('refuses /watch on from a member who is not an admin, and stays off', async () => {
    const h = await start();
    await h.handle(command('/watch on', BEN));
    expect(h.fake.callsOf('getChatMember')[0]?.params).toMatchObject({ chat_id: CHAT.id, user_id: BEN.id });
    expect(h.sentTexts()[0]).toContain('only the group\'s admins');
    await h.handle(groupText(SCAM, { chat: CHAT, from: ANNA }));
    await settle(h);
    expect(h.sentTexts()).toHaveLength(1);
  });

  it('stays silent on benign chatter and warns once on a scam, even when it is delivered again', async () => {
    const h = await start();
    await turnWatchOn(h);
    for (const text of BENIGN) await h.handle(groupText(text, { chat: CHAT, from: ANNA }));
    await settle(h);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);

    const scam = groupText(SCAM, { chat: CHAT, from: ANNA });
    await h.handle(scam);
    await h.handle(scam); // the same update again (de-duplicated by update id)
    await h.handle({ ...scam, update_id: scam.update_id + 10_000 }); // the same message in a new update
    await settle(h);
    const warnings = h.fake.callsOf('sendMessage');
    expect(warnings).toHaveLength(1);
    const warning = warnings[0]!;
    expect(warning.params.reply_parameters).toMatchObject({ message_id: (scam.message as Message).message_id });
    expect(String(warning.params.text)).toContain('looks like a scam');
    expect(String(warning.params.text).length).toBeLessThan(400);
    const button = (warning.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0]![0]!;
    expect(button.text).toBe('Details');
    expect(JSON.stringify(await h.store.get(`group:warned:${CHAT.id}:${(scam.message as Message).message_id}`))).not.toContain('laundering');

    await h.handle(callbackQuery(button.callback_data, { from: BEN, chat: CHAT, messageId: 555 }));
    const edit = lastCall(h, 'editMessageText');
    expect(edit?.params).toMatchObject({ chat_id: CHAT.id, message_id: 555, parse_mode: 'HTML' });
    expect(String(edit?.params.text)).toContain('What to do now');
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(1);
  });

  it('stays silent at medium and low, and warns once when the refined verdict rises to high', async () => {
    // Instant: medium for everything; refined: high only for the ransom message, medium otherwise.
    const base = createFakeChecker({ level: () => 'medium', secondOpinion: 'on' });
    const h = await start({
      checker: {
        secondOpinion: 'on',
        ruleset: base.ruleset,
        check(request) {
          const outcome = base.check(request);
          const level = request.text.includes('ransom') ? 'high' : 'medium';
          return { ...outcome, refined: outcome.refined.then((refined) => ({ ...refined, level })) };
        },
      },
    });
    await turnWatchOn(h);
    await h.handle(groupText('Your lawyer called about the fee', { chat: CHAT, from: ANNA }));
    await settle(h);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
    const rising = groupText('We have your son, pay the ransom', { chat: CHAT, from: ANNA });
    await h.handle(rising);
    await h.handle({ ...rising, update_id: rising.update_id + 10_000 });
    await settle(h);
    expect(h.fake.callsOf('sendMessage')).toHaveLength(1);
  });

  it('warns in the language of the admin who turned the watch on; an anonymous admin counts as admin', async () => {
    const h = await start();
    const anonymous = testUser(1087968824, { first_name: 'Group', is_bot: true, language_code: 'zh' });
    await h.handle(command('/watch on', anonymous, { sender_chat: CHAT }));
    expect(h.fake.callsOf('getChatMember')).toHaveLength(0);
    expect(h.sentTexts()[0]).toContain('被动守护已<b>开启</b>');
    await h.handle(groupText(SCAM, { chat: CHAT, from: ANNA }));
    await settle(h);
    const warning = h.fake.callsOf('sendMessage')[1];
    expect(String(warning?.params.text)).toContain('像是诈骗');
    expect(JSON.stringify(warning?.params.reply_markup)).toContain('详情');
  });

  it('stays silent on a scam once an admin turned the watch off', async () => {
    const h = await start();
    await turnWatchOn(h);
    await h.handle(command('/watch off', ADMIN));
    expect(h.sentTexts()[0]).toContain('Passive watch is <b>off</b>');
    await h.handle(groupText(SCAM, { chat: CHAT, from: ANNA }));
    await settle(h);
    expect(h.sentTexts()).toHaveLength(1);
  });
});

describe('Telegram family group: /checkin', () => {
  function question(h: Harness): { text: string; data: string; messageId: number } {
    const calls = h.fake.callsOf('sendMessage');
    const index = calls.findIndex((call) => String(call.params.text).includes('are you safe?'));
    const call = calls[index]!;
    const markup = call.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    // The fake numbers sent messages from 100000 in order; the question is the (index+1)th sent message.
    return { text: String(call.params.text), data: markup.inline_keyboard[0]![0]!.callback_data, messageId: 100_000 + index };
  }

  it('asks @member, refuses another member\'s tap, and reports the member\'s confirmation', async () => {
    const h = await start({ config: { checkinTimeoutMs: 300 } });
    await h.handle(command('/checkin @annaw'));
    const asked = question(h);
    expect(asked.text).toContain('@annaw, are you safe? Tap to confirm');
    expect(asked.text).toContain('Ben &lt;b&gt;');

    await h.handle(callbackQuery(asked.data, { from: BEN, chat: CHAT, messageId: asked.messageId }));
    const refusal = lastCall(h, 'answerCallbackQuery');
    expect(refusal?.params).toMatchObject({ show_alert: true });
    expect(String(refusal?.params.text)).toContain('Only @annaw can confirm');
    expect(h.fake.callsOf('editMessageText')).toHaveLength(0);

    await h.handle(callbackQuery(asked.data, { from: ANNA, chat: CHAT, messageId: asked.messageId })); // username AnnaW: case differs
    const edit = lastCall(h, 'editMessageText');
    expect(edit?.params).toMatchObject({ chat_id: CHAT.id, message_id: asked.messageId });
    expect(String(edit?.params.text)).toMatch(/@annaw confirmed just now, less than a minute after/);
    expect(String(edit?.params.text)).toContain('after <a href="tg://user?id=2002">Ben &lt;b&gt;</a> asked');

    await new Promise((resolve) => setTimeout(resolve, 400)); // past the deadline: nothing more is said
    await settle(h);
    expect(h.sentTexts().filter((text) => text.includes('No answer'))).toHaveLength(0);
  });

  it('knows the member by id when /checkin replies to their message, so a look-alike username cannot confirm', async () => {
    const h = await start();
    const annaSaid = groupText('on my way', { chat: CHAT, from: ANNA }).message as Message;
    await h.handle(groupReply('/checkin', annaSaid, { from: BEN, entities: [{ type: 'bot_command', offset: 0, length: 8 }] }));
    const asked = question(h);
    expect(asked.text).toContain('@AnnaW, are you safe?');
    const impostor = testUser(2999, { first_name: 'Anna', username: 'AnnaW' });
    await h.handle(callbackQuery(asked.data, { from: impostor, chat: CHAT, messageId: asked.messageId }));
    expect(lastCall(h, 'answerCallbackQuery')?.params).toMatchObject({ show_alert: true });
    await h.handle(callbackQuery(asked.data, { from: ANNA, chat: CHAT, messageId: asked.messageId }));
    expect(String(lastCall(h, 'editMessageText')?.params.text)).toContain('confirmed');
  });

  it('rate-limits a burst of /checkin with one polite message, and opens no check-in beyond the limit', async () => {
    const h = await start({ config: { userChecksPerWindow: 2, rateWindowMs: 60_000 } });
    for (let index = 0; index < 5; index += 1) await h.handle(command('/checkin @AnnaW'));
    const texts = h.sentTexts();
    expect(texts.filter((text) => text.includes('are you safe?'))).toHaveLength(2);
    expect(texts.filter((text) => text.includes('Please wait a minute'))).toHaveLength(1);
    expect(texts).toHaveLength(3);
    expect(await h.shared.claims.members('checkins-open')).toHaveLength(2);
    // Another member still has their own budget.
    await h.handle(command('/checkin @AnnaW', ADMIN));
    expect(h.sentTexts().filter((text) => text.includes('are you safe?'))).toHaveLength(3);
  });

  it('explains how to use /checkin when nobody is named', async () => {
    const h = await start();
    await h.handle(command('/checkin'));
    expect(h.sentTexts()[0]).toContain('/checkin @member');
  });

  it('tells the group to keep trying and not to pay when the member does not answer in time; a late answer is reported', async () => {
    const h = await start({ config: { checkinTimeoutMs: 60 } });
    await h.handle(command('/checkin @AnnaW'));
    const asked = question(h);
    const [, overdue] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    const text = String(overdue?.params.text);
    expect(text).toContain('No answer from @AnnaW');
    expect(text).toContain('Keep trying');
    expect(text).toContain('number you already know');
    expect(text).toContain('Do not pay anyone');
    expect(overdue?.params.reply_parameters).toMatchObject({ message_id: asked.messageId });

    await h.handle(callbackQuery(asked.data, { from: ANNA, chat: CHAT, messageId: asked.messageId }));
    expect(String(lastCall(h, 'editMessageText')?.params.text)).toContain('@AnnaW confirmed');
    expect(h.sentTexts().at(-1)).toContain('has now confirmed');
  });

  it('resumes a stored check-in after a restart and still tells the group at its deadline', async () => {
    const h = await start({ config: { checkinTimeoutMs: 150 } });
    await h.handle(command('/checkin @AnnaW'));
    const stored = await h.shared.claims.members('checkins-open');
    expect(stored).toHaveLength(1);
    h.group.stop(); // the first process goes away before the deadline

    const store = new Keyv();
    await store.set(`group:checkin:${stored[0]}`, await h.store.get(`group:checkin:${stored[0]}`));
    const restarted = createTelegramBot({
      token: h.fake.token,
      apiRoot: h.fake.apiRoot,
      botInfo: h.fake.botInfo,
      checker: createRulesChecker(loadRuleset()),
      store,
      claims: h.shared.claims, // the open set lives with the claims of the same store
      logger: createRecordingLogger(),
      config: { checkinTimeoutMs: 150 },
    });
    const features = restarted.group;
    expect(await features.resume()).toBe(1);
    const calls = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    expect(String(calls[1]?.params.text)).toContain('No answer from @AnnaW');
    await restarted.idle();
    features.stop();
  });
});

describe('Telegram family group: upgrade to a supergroup', () => {
  it('keeps the passive watch on when Telegram moves the group to a new supergroup id', async () => {
    const h = await start();
    const basic = { id: -4001, type: 'group', title: 'Family' } as Chat;
    const upgraded = { id: -1004001, type: 'supergroup', title: 'Family' } as Chat;
    h.fake.setChatMember(basic.id, ADMIN.id, { status: 'creator' });
    await h.handle(commandText('/watch on', { group: true, chat: basic, from: ADMIN }));
    // Telegram announces the move in both chats (e.g. after the bot was made an admin).
    await h.handle(messageUpdate({ migrate_to_chat_id: upgraded.id }, { chat: basic, from: ADMIN }));
    await h.handle(messageUpdate({ migrate_from_chat_id: basic.id }, { chat: upgraded, from: testUser(1087968824, { is_bot: true, first_name: 'Group' }) }));
    h.fake.clearCalls();
    await h.handle(groupText(SCAM, { chat: upgraded, from: ANNA }));
    await settle(h);
    expect(h.sentTexts()).toEqual([expect.stringContaining('looks like a scam')]);
  });
});

describe('Telegram family group: the bot is removed', () => {
  function removed(chat: Chat, status: 'left' | 'kicked'): Update {
    const bot = { id: 7_000_001, is_bot: true, first_name: 'Safeword', username: 'safeword_test_bot' };
    return {
      update_id: 880_000 + Math.floor(Math.random() * 10_000),
      my_chat_member: {
        chat,
        from: ADMIN,
        date: 1,
        old_chat_member: { status: 'member', user: bot },
        new_chat_member: status === 'left' ? { status, user: bot } : { status, user: bot, until_date: 0 },
      },
    } as Update;
  }

  it('forgets the group settings and its open check-ins, so no deadline message goes to a chat it left', async () => {
    const h = await start({ config: { checkinTimeoutMs: 120 } });
    await turnWatchOn(h);
    await h.handle(command('/checkin @AnnaW'));
    expect(await h.shared.claims.members('checkins-open')).toHaveLength(1);
    h.fake.failNext('sendMessage', { status: 403, description: 'Forbidden: bot was kicked from the supergroup chat', times: 5 });
    await h.handle(removed(CHAT, 'kicked'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the check-in's deadline
    await settle(h);
    expect(await h.store.get(`group:settings:${CHAT.id}`)).toBeUndefined();
    expect(await h.shared.claims.members('checkins-open')).toEqual([]);
    expect(h.fake.callsOf('sendMessage').filter((call) => String(call.params.text).includes('No answer'))).toHaveLength(0);
    expect(h.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});

describe('Telegram family group: edited messages', () => {
  it('warns once when a watched message is edited into a scam, however often it is edited', async () => {
    const h = await start();
    await turnWatchOn(h);
    const original = groupText('See you at dinner', { chat: CHAT, from: ANNA });
    await h.handle(original);
    const message = original.message as Message;
    for (let edit = 0; edit < 2; edit += 1) {
      await h.handle({ update_id: original.update_id + 20_000 + edit, edited_message: { ...message, text: SCAM, edit_date: 2 + edit } } as Update);
    }
    await settle(h);
    const warnings = h.fake.callsOf('sendMessage');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.params.reply_parameters).toMatchObject({ message_id: message.message_id });
  });
});

describe('Telegram family group: anonymous admins', () => {
  it('answers an anonymous admin\'s /check in the group\'s language (Telegram gives no language for them)', async () => {
    const h = await start();
    const anonymous = testUser(1087968824, { first_name: 'Group', username: 'GroupAnonymousBot', is_bot: true, language_code: undefined });
    h.fake.setChatMember(CHAT.id, CHINESE.id, { status: 'administrator' });
    await h.handle(command('/watch on', CHINESE));
    await h.handle(command(`/check ${SCAM}`, anonymous, { sender_chat: CHAT }));
    await h.idle();
    const answer = h.sentTexts()[1];
    expect(answer).toContain('风险等级：高');
    expect(answer).not.toContain('Level:');
  });
});

describe('Telegram family group: rate limits for anonymous admins', () => {
  it('counts anonymous admins per group, not as one user across every group', async () => {
    const h = await start({ config: { userChecksPerWindow: 1 } });
    const anonymous = testUser(1087968824, { first_name: 'Group', username: 'GroupAnonymousBot', is_bot: true });
    for (const chat of [CHAT, { id: -100777, type: 'supergroup', title: 'Other family' } as Chat]) {
      await h.handle(commandText(`/check ${SCAM}`, { group: true, chat, from: anonymous, extra: { sender_chat: chat } }));
    }
    await h.idle();
    const texts = h.sentTexts();
    expect(texts).toHaveLength(2);
    expect(texts.every((text) => text.includes('Level: high'))).toBe(true);
  });
});
