import type { Chat, Message, Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { formatWhen, parseTimeZone } from '../../../adapters/telegram/group/time-zone.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { detectLanguage } from '../../../src/core/language.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { callbackQuery, commandText, groupText, privateText, testUser, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { createFakeChecker, makeVerdict } from '../../service/fake-checker.ts';
import { createHarness, detailsButton, type Harness, type HarnessOptions } from './harness.ts';

const SCAM =
  'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
const CHAT = { id: -100300, type: 'supergroup', title: 'Family' } as Chat;
const ADMIN = testUser(3001, { first_name: 'Mum' });
const MEMBER = testUser(3002, { first_name: 'Ben' });
const ANNA = testUser(3003, { first_name: 'Anna', username: 'AnnaW' });
const t = loadRuleset().t;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await createHarness(options);
  harness.fake.setChatMember(CHAT.id, ADMIN.id, { status: 'administrator' });
  return harness;
}

function command(text: string, from: typeof ADMIN, chat?: Chat): Update {
  const update = commandText(text, { from, ...(chat ? { group: true, chat } : {}) });
  const message = update.message as Message;
  for (const match of text.matchAll(/@\w+/g)) {
    if (match.index > 0) message.entities?.push({ type: 'mention', offset: match.index, length: match[0].length });
  }
  return update;
}

const visible = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const words = (text: string): number => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
const lastText = (h: Harness): string => String(h.fake.calls.filter((call) => call.method === 'sendMessage' || call.method === 'editMessageText').at(-1)?.params.text);

function buttonOf(call: RecordedCall | undefined): { text: string; data: string } | undefined {
  const markup = call?.params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
  const button = markup?.inline_keyboard?.[0]?.[0];
  return button ? { text: button.text, data: button.callback_data } : undefined;
}

describe('Telegram Details button', () => {
  it('leads with a short reply (at most 80 words for high risk), expands on Details and folds back on Less', async () => {
    const h = await start();
    await h.handle(privateText(SCAM, { from: testUser(1001) }));
    await h.idle();
    const [sent] = h.fake.callsOf('sendMessage');
    const short = String(sent?.params.text);
    expect(short).toContain('High risk');
    expect(short).not.toContain(t('en', 'core.heading.evidence')); // the evidence is behind Details
    expect(short).not.toContain('Transfer your savings');
    // Title, level, the three actions and one line of why; the fixed footer is not counted.
    expect(words(visible(short.slice(0, short.lastIndexOf('<i>'))))).toBeLessThanOrEqual(80);
    const details = buttonOf(sent);
    expect(details?.text).toBe(t('en', 'telegram.details_button'));
    expect(Buffer.byteLength(details?.data ?? '')).toBeLessThanOrEqual(64);
    expect(details?.data).not.toMatch(/police|savings/i); // no text in the callback data

    const messageId = (sent?.result as { message_id: number }).message_id;
    await h.handle(callbackQuery(details!.data, { from: testUser(1001), messageId }));
    const expanded = h.fake.callsOf('editMessageText').at(-1);
    expect(expanded?.params.message_id).toBe(messageId);
    expect(String(expanded?.params.text)).toContain('“Transfer your savings to a safe account”');
    expect(String(expanded?.params.text).length).toBeGreaterThan(short.length);
    const less = buttonOf(expanded);
    expect(less?.text).toBe(t('en', 'telegram.details_less_button'));
    expect(h.fake.callsOf('answerCallbackQuery')).toHaveLength(1);

    await h.handle(callbackQuery(less!.data, { from: testUser(1001), messageId }));
    const folded = h.fake.callsOf('editMessageText').at(-1);
    expect(String(folded?.params.text)).toBe(short);
    expect(buttonOf(folded)?.data).toBe(details!.data);
    // Nothing of the reply was written to the store (the rate counters live with the claims now: a marker
    // written here shows the iteration really reads the store).
    await h.store.set('marker', 1);
    let keys = 0;
    for await (const [key, value] of h.store.iterator?.(undefined) ?? []) {
      keys += 1;
      expect(`${String(key)} ${JSON.stringify(value)}`).not.toMatch(/savings|safe account/);
    }
    expect(keys).toBeGreaterThan(0); // the marker, at least: the store was really read
  });

  it('after the time limit (or a restart), a tap whose answered message is gone says so and removes the button', async () => {
    let now = 1_000_000;
    const h = await start({ clock: { now: () => now } });
    await h.handle(privateText(SCAM, { from: testUser(1001) }));
    const [sent] = h.fake.callsOf('sendMessage');
    const data = detailsButton(sent!)!;
    now += 61 * 60 * 1000;
    // The tapped message comes without `reply_to_message` (the user deleted theirs): nothing to check again.
    // With it, the details are made again (details-other-host.test.ts).
    await h.handle(callbackQuery(data, { from: testUser(1001), messageId: 100_000 }));
    const alert = h.fake.callsOf('answerCallbackQuery').at(-1);
    expect(alert?.params).toMatchObject({ text: t('en', 'telegram.details_message_gone'), show_alert: true });
    expect(h.fake.callsOf('editMessageReplyMarkup')).toHaveLength(1);
    expect(h.fake.callsOf('editMessageText')).toHaveLength(0);

    // Another bot (a restart) never held the reply: same answer; a button without its origin (sent by an
    // older version) answers that the details expired.
    const restarted = await createHarness();
    await restarted.handle(callbackQuery(data, { from: testUser(1001) }));
    expect(restarted.fake.callsOf('answerCallbackQuery')[0]?.params).toMatchObject({ show_alert: true, text: t('en', 'telegram.details_message_gone') });
    await restarted.handle(callbackQuery(data.replace(/:more:.*$/, ':more'), { from: testUser(1001) }));
    expect(restarted.fake.callsOf('answerCallbackQuery')[1]?.params).toMatchObject({ show_alert: true, text: t('en', 'telegram.details_expired') });
    await restarted.close();
  });

  it('keeps an expanded reply expanded when the refined verdict edits it', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checker = createFakeChecker({
      secondOpinion: 'on',
      level: () => 'medium',
      refine: async (instant) => (await gate, makeVerdict({ kind: 'message', text: 'x', language: instant.replyLanguage }, 'high', { secondOpinion: { status: 'ok', label: 'scam', confidence: 0.9 } })),
    });
    const h = await start({ checker });
    await h.handle(privateText('Please call me back about your account', { from: testUser(1001) }));
    const [sent] = h.fake.callsOf('sendMessage');
    await h.handle(callbackQuery(detailsButton(sent!)!, { from: testUser(1001), messageId: 100_000 }));
    release();
    await h.idle();
    const last = h.fake.callsOf('editMessageText').at(-1);
    expect(String(last?.params.text)).toContain('High risk');
    expect(String(last?.params.text)).toContain(t('en', 'core.footer.second_opinion_ok'));
    expect(buttonOf(last)?.text).toBe(t('en', 'telegram.details_less_button'));
  });

  it('works in a group for the /check reply, for any member', async () => {
    const h = await start();
    await h.handle(command(`/check ${SCAM}`, MEMBER, CHAT));
    await h.idle();
    const [sent] = h.fake.callsOf('sendMessage');
    expect(buttonOf(sent)?.text).toBe(t('en', 'telegram.details_button'));
    const [shown] = await h.expandReplies();
    expect(shown).toContain(t('en', 'core.heading.evidence'));
  });
});

describe('Telegram /country', () => {
  it('lists the countries, sets one in a private chat and uses its contacts in replies', async () => {
    const h = await start();
    const user = testUser(1005);
    await h.handle(command('/country', user));
    expect(h.sentTexts().at(-1)).toContain(t('en', 'telegram.country_none'));
    expect(h.sentTexts().at(-1)).toContain('AU Australia');
    await h.handle(command('/country XX', user));
    expect(h.sentTexts().at(-1)).toContain('I have no contacts for "XX"');
    await h.handle(command('/country au', user));
    expect(h.sentTexts().at(-1)).toContain('Country set to Australia');
    await h.handle(privateText(SCAM, { from: user }));
    const [shown] = (await h.expandReplies()).slice(-1);
    expect(shown).toContain('000'); // Australia's emergency number, from rules/advice
    expect(shown).not.toContain('911');
  });

  it('in a group only admins change it; a single-zone country sets the time zone', async () => {
    const h = await start();
    await h.handle(command('/country JP', MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toContain(t('en', 'telegram.country_admins_only'));
    await h.handle(command('/country JP', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('Country set to Japan');
    expect(h.sentTexts().at(-1)).toContain('Asia/Tokyo');
    await h.handle(command('/country US', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('several time zones');
    await h.handle(command('/timezone', MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toContain('No time zone is set');
  });
});

describe('Telegram /timezone and check-in times', () => {
  it('validates the zone with Intl and shows check-in times in it, never in UTC', async () => {
    const h = await start();
    await h.handle(command('/timezone Mars/Olympus', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('is not a time zone I know');
    await h.handle(command('/timezone asia/shanghai', MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toContain(t('en', 'telegram-group.timezone_admins_only'));
    await h.handle(command('/timezone asia/shanghai', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('Time zone set to Asia/Shanghai');
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    const question = h.sentTexts().at(-1) ?? '';
    expect(question).toMatch(/Asked by .* at \d\d:\d\d GMT\+8\./);
    expect(question).not.toContain('UTC');
  });

  it('without a time zone shows relative times', async () => {
    const h = await start();
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toMatch(/Asked by .* just now\./);
    const now = Date.UTC(2026, 0, 1, 12);
    expect(formatWhen(t, 'en', now - 3 * 60_000, now)).toBe('3 minutes ago');
    expect(formatWhen(t, 'zh', now - 3 * 60_000, now)).toBe('3分钟前');
    expect(formatWhen(t, 'en', now, now, 'Europe/London')).toMatch(/^at 12:00 GMT$/);
    expect(parseTimeZone('Europe/London')).toBe('Europe/London');
    expect(parseTimeZone('+08:00')).toBeUndefined();
    expect(parseTimeZone('x'.repeat(100))).toBeUndefined();
  });
});

describe('Telegram check-in timeout', () => {
  it('tells the requester, by mention, in the group language, with the group country\'s emergency number', async () => {
    const h = await start({ config: { checkinTimeoutMs: 60 } });
    await h.handle(command('/lang zh', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('本群的语言已设为');
    await h.handle(command('/country GB', ADMIN, CHAT));
    h.fake.clearCalls();
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    const [, overdue] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    const text = String(overdue?.params.text);
    expect(text).toContain(`<a href="tg://user?id=${MEMBER.id}">Ben</a>，@AnnaW 还没有确认平安`);
    expect(text).toContain('999'); // the UK's emergency number
    expect(text).not.toContain('110');
    expect(text).toContain('12308'); // China's consular hotline, for a Chinese group abroad
    // All Chinese, besides the @username and the name of the UK's Action Fraud.
    expect(text.replace(/<a [^>]*>[^<]*<\/a>|@AnnaW|Action Fraud/g, '')).not.toMatch(/[A-Za-z]{3,}/u);
  });

  it('asks and times out in Spanish in a Spanish group in Mexico, with Mexico\'s 911 and 089', async () => {
    const h = await start({ config: { checkinTimeoutMs: 60 } });
    await h.handle(command('/lang es', ADMIN, CHAT));
    expect(h.sentTexts().at(-1)).toContain('El idioma de este grupo es ahora Español');
    await h.handle(command('/country MX', ADMIN, CHAT));
    // The admin's own answer is in the admin's language (English); the group's messages are Spanish.
    expect(h.sentTexts().at(-1)).toContain('Country set to Mexico');
    h.fake.clearCalls();
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    const [question, overdue] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    expect(String(question?.params.text)).toContain('¿está a salvo?');
    const text = String(overdue?.params.text);
    expect(text).toContain('todavía no ha confirmado');
    expect(text).toContain('911');
    expect(text).toContain('089');
    expect(text).not.toContain('12308');
    const prose = visible(text).replace(/@AnnaW|Ben/g, '');
    for (const line of prose.split('\n').filter((line_) => line_.trim().split(/\s+/).length >= 4)) expect(detectLanguage(line), line).not.toBe('en');
  });

  it('without a country gives general advice, not a Chinese number', async () => {
    const h = await start({ config: { checkinTimeoutMs: 60 } });
    await h.handle(command('/checkin @AnnaW', testUser(3010, { first_name: 'Li', language_code: 'zh' }), CHAT));
    const [, overdue] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    expect(String(overdue?.params.text)).not.toContain('110');
  });

  it('without a group country uses the service COUNTRY; the group /country still wins', async () => {
    const h = await start({ config: { checkinTimeoutMs: 60 }, checker: createRulesChecker(loadRuleset(), { country: 'AU' }) });
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    const [, overdue] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    expect(String(overdue?.params.text)).toContain('scamwatch.gov.au'); // Australia's report contact
    expect(String(overdue?.params.text)).toContain('000');
    await h.handle(command('/country GB', ADMIN, CHAT));
    h.fake.clearCalls();
    await h.handle(command('/checkin @AnnaW', MEMBER, CHAT));
    const [, again] = await h.fake.waitForCall('sendMessage', { count: 2, timeoutMs: 2000 });
    expect(String(again?.params.text)).toContain('999');
    expect(String(again?.params.text)).not.toContain('scamwatch.gov.au');
  });
});

describe('Telegram group language', () => {
  it('/lang in a group is for admins, and watch warnings follow it rather than the admin who turned the watch on', async () => {
    const h = await start();
    await h.handle(command('/watch on', ADMIN, CHAT)); // an English-speaking admin
    await h.handle(command('/lang zh', MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toContain(t('en', 'telegram-group.lang_admins_only'));
    await h.handle(command('/lang', ADMIN, CHAT));
    const prompt = h.fake.callsOf('sendMessage').at(-1);
    const keyboard = (prompt?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]!;
    expect(keyboard.map((button) => button.callback_data)).toEqual(['gl:en', 'gl:zh', 'gl:zh-Hant', 'gl:es', 'gl:fr']);
    await h.handle(callbackQuery('gl:zh-Hant', { from: MEMBER, chat: CHAT, messageId: 100_010 }));
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.params).toMatchObject({ show_alert: true });
    await h.handle(callbackQuery('gl:zh-Hant', { from: ADMIN, chat: CHAT, messageId: 100_010 }));
    expect(lastText(h)).toContain('繁體中文');
    h.fake.clearCalls();
    await h.handle(groupText(SCAM, { chat: CHAT, from: MEMBER }));
    await h.idle();
    const warning = h.sentTexts().at(-1) ?? '';
    expect(warning).toContain('詐騙');
    expect(warning).not.toMatch(/[A-Za-z]{4,}/);
    // The member's own /check answer stays in the member's language.
    await h.handle(command(`/check ${SCAM}`, MEMBER, CHAT));
    expect(h.sentTexts().at(-1)).toContain('High risk');
  });

  it('warns in Spanish in a group set to Spanish, its signs listed with commas', async () => {
    const h = await start();
    await h.handle(command('/watch on', ADMIN, CHAT));
    await h.handle(command('/lang', ADMIN, CHAT));
    await h.handle(callbackQuery('gl:es', { from: ADMIN, chat: CHAT, messageId: 100_011 }));
    expect(lastText(h)).toContain('Español');
    h.fake.clearCalls();
    await h.handle(groupText(SCAM, { chat: CHAT, from: MEMBER }));
    await h.idle();
    const warning = h.sentTexts().at(-1) ?? '';
    expect(warning).toContain('Cuidado: este mensaje parece una estafa');
    expect(warning).toContain('Señales: ');
    expect(warning).not.toMatch(/\p{Script=Han}|、/u);
  });
});
