import type { Chat, Message, Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { callbackQuery, commandText, forwardedText, privateText, testUser, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { createHarness, detailsButton, type Harness } from './harness.ts';

// Two bots on two fakes stand for two hosts that share nothing but the platform: the second never saw the message.
const SCAM =
  'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const ZH_SCAM = '我是公安局的，你的银行账户涉嫌洗钱，请立即把存款转到安全账户配合调查，不要告诉任何人，否则马上逮捕你。';
const ruleset = loadRuleset();
const t = ruleset.t;
const GROUP = { id: -100400, type: 'supergroup', title: 'Family' } as Chat;

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

/** A rules checker that counts its checks (a tap answered from memory must not check again). */
function countingChecker(): Checker & { checks: number } {
  const inner = createRulesChecker(ruleset);
  const counting = Object.assign(Object.create(inner) as Checker, { checks: 0 });
  counting.check = (request) => {
    counting.checks += 1;
    return inner.check(request);
  };
  return counting;
}

async function host(checker?: Checker): Promise<Harness> {
  const harness = await createHarness(checker ? { checker } : {});
  harnesses.push(harness);
  return harness;
}

/** The first reply of `harness` with its button, and the user's message it answers. */
function firstReply(harness: Harness, update: Update): { sent: RecordedCall; data: string; messageId: number; answered: Message } {
  const sent = harness.fake.callsOf('sendMessage').find((call) => detailsButton(call) !== undefined);
  if (!sent) throw new Error('no reply with a Details button');
  return { sent, data: detailsButton(sent) as string, messageId: (sent.result as Message).message_id, answered: update.message as Message };
}

/** The tap as Telegram delivers it: the bot's message, with the message it replied to. */
function tapOn(reply: ReturnType<typeof firstReply>, options: { from: ReturnType<typeof testUser>; chat?: Chat; data?: string; replied?: Message | null }): Update {
  const replied = options.replied === undefined ? reply.answered : options.replied;
  return callbackQuery(options.data ?? reply.data, {
    from: options.from,
    messageId: reply.messageId,
    ...(options.chat ? { chat: options.chat } : {}),
    message: { text: String(reply.sent.params.text), ...(replied ? { reply_to_message: replied as Message['reply_to_message'] } : {}) },
  });
}

describe('Telegram Details on a host that never saw the message', () => {
  it('checks the answered message again and shows the details, in the language and country of the first reply', async () => {
    const first = await host();
    const user = testUser(1101);
    await first.handle(commandText('/lang zh', { from: user }));
    await first.handle(commandText('/country AU', { from: user }));
    const message = privateText(ZH_SCAM, { from: user });
    await first.handle(message);
    await first.idle();
    const reply = firstReply(first, message);
    expect(reply.data).toMatch(/:more:m:zh:AU$/);
    expect(reply.data).not.toMatch(/公安|存款/);

    const checker = countingChecker();
    const second = await host(checker);
    await second.handle(tapOn(reply, { from: user }));
    await second.shared.tasks.drain();
    expect(checker.checks).toBe(1);
    expect(second.fake.callsOf('answerCallbackQuery')[0]?.params.text).toBeUndefined();
    expect(second.fake.callsOf('sendMessage')).toHaveLength(0); // the tapped message is edited in place
    const expanded = second.fake.callsOf('editMessageText').at(-1);
    expect(expanded?.params.message_id).toBe(reply.messageId);
    const text = String(expanded?.params.text);
    expect(text).toContain(t('zh', 'core.heading.evidence'));
    expect(text).toContain('000'); // Australia's emergency number: the country of the first reply
    const less = (expanded?.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard[0]?.[0];
    expect(less?.text).toBe(t('zh', 'telegram.details_less_button'));

    // The details are now held on the second host: Less folds them from memory, without a new check.
    await second.handle(callbackQuery(less!.callback_data, { from: user, messageId: reply.messageId }));
    await second.shared.tasks.drain();
    expect(checker.checks).toBe(1);
    expect(String(second.fake.callsOf('editMessageText').at(-1)?.params.text)).not.toContain(t('zh', 'core.heading.evidence'));
  });

  it('answers from memory on the host that holds the reply, without checking again', async () => {
    const checker = countingChecker();
    const first = await host(checker);
    const user = testUser(1102);
    const message = privateText(SCAM, { from: user });
    await first.handle(message);
    const reply = firstReply(first, message);
    expect(checker.checks).toBe(1);
    await first.handle(tapOn(reply, { from: user }));
    await first.shared.tasks.drain();
    expect(checker.checks).toBe(1);
    expect(String(first.fake.callsOf('editMessageText').at(-1)?.params.text)).toContain('“Transfer your savings to a safe account”');
  });

  it('in a group, makes the details of `/check <text>` again from the command message', async () => {
    const first = await host();
    const member = testUser(1103);
    const message = commandText(`/check ${SCAM}`, { from: member, group: true, chat: GROUP });
    await first.handle(message);
    const reply = firstReply(first, message);
    expect(reply.data).toMatch(/:more:c:en:$/);
    const second = await host();
    await second.handle(tapOn(reply, { from: testUser(1104), chat: GROUP }));
    await second.shared.tasks.drain();
    const text = String(second.fake.callsOf('editMessageText').at(-1)?.params.text);
    expect(text).toContain('“Transfer your savings to a safe account”');
    expect(text).not.toContain('/check');
  });

  it('says why when the details cannot be made again: several forwards, a screenshot, a deleted message', async () => {
    const first = await host();
    const user = testUser(1105);
    const origin = { type: 'hidden_user', sender_user_name: 'Bank', date: 1 } as const;
    await first.handle(forwardedText('Your account is frozen.', origin, { from: user }));
    const last = forwardedText('Transfer your savings to a safe account today and tell no one.', origin, { from: user });
    await first.handle(last);
    await first.idle();
    const burst = firstReply(first, last);
    expect(burst.data).toMatch(/:more:t:en:$/);

    const second = await host();
    const alerts = (): unknown[] => second.fake.callsOf('answerCallbackQuery').map((call) => call.params.text);
    await second.handle(tapOn(burst, { from: user }));
    expect(alerts().at(-1)).toBe(t('en', 'telegram.details_expired'));

    // A screenshot's reply (its button names its source) and a reply whose message the user deleted.
    const screenshot = burst.data.replace(/:more:t:en:$/, ':more:s:zh:');
    await second.handle(tapOn(burst, { from: user, data: screenshot }));
    expect(alerts().at(-1)).toBe(t('zh', 'telegram.details_screenshot_elsewhere'));
    const single = privateText(SCAM, { from: user });
    first.fake.calls.length = 0;
    await first.handle(single);
    await second.handle(tapOn(firstReply(first, single), { from: user, replied: null }));
    expect(alerts().at(-1)).toBe(t('en', 'telegram.details_message_gone'));
    expect(second.fake.callsOf('editMessageText')).toHaveLength(0);
    expect(second.fake.callsOf('editMessageReplyMarkup')).toHaveLength(3);
  });
});
