import { afterEach, describe, expect, it } from 'vitest';
import { forwardedText, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { createHarness, type Harness } from './harness.ts';

const SCAM =
  'This is the police <Special Unit> & co. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Telegram private chat', () => {
  it('answers a forwarded scam from a hidden account with level, evidence and the origin, HTML-escaped', async () => {
    harness = await createHarness();
    harness.startPolling();
    harness.fake.pushUpdate(forwardedText(SCAM, { type: 'hidden_user', date: 1, sender_user_name: 'Officer <b>Li</b>' }));
    const [call] = await harness.fake.waitForCall('sendMessage');
    const text = String(call?.params.text);
    expect(call?.params.parse_mode).toBe('HTML');
    expect(text).toContain('High risk');
    expect(text).toContain('Level: high');
    expect(text).not.toContain('Transfer your savings to a safe account'); // the evidence is behind Details
    expect(call?.params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    await harness.idle();
    const full = (await harness.expandReplies()).join('\n');
    expect(full).toContain('Transfer your savings to a safe account');
    expect(full).toContain('hidden account');
    expect(full).not.toMatch(/<(?!\/?(b|i)>)/); // only the renderer's own tags
    expect(harness.logger.dump()).not.toContain('money laundering');
  });

  it('escapes user-derived names and quotes', async () => {
    harness = await createHarness();
    const origin = { type: 'user' as const, date: 1, sender_user: testUser(56, { first_name: 'Ann <script>', last_name: '& Co' }) };
    await harness.handle(forwardedText('Police here: transfer your <savings> to a safe account now', origin));
    await harness.idle();
    const text = (await harness.expandReplies()).join('\n');
    expect(text).toContain('Forwarded from Ann &lt;script&gt; &amp; Co.');
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('<savings>');
  });

  it('checks several forwards arriving together as one conversation, with one reply', async () => {
    harness = await createHarness();
    const origin = { type: 'user' as const, date: 1, sender_user: testUser(55, { first_name: 'Ann' }) };
    harness.startPolling();
    harness.fake.pushUpdates([
      forwardedText('This is the police, your account is under investigation.', origin),
      forwardedText('Transfer your savings to a safe account.', origin),
      forwardedText('Tell no one, not even your family.', origin),
    ]);
    await harness.fake.waitForCall('sendMessage');
    await harness.idle();
    expect(harness.sentTexts()).toHaveLength(1);
    const texts = await harness.expandReplies();
    expect(texts[0]).toContain('3 messages together');
    expect(texts[0]).toContain('Forwarded from Ann');
    expect(texts[0]).toContain('Level: high');
  });

  it('answers a caption like a text', async () => {
    harness = await createHarness();
    await harness.handle(privateText('', { extra: { text: undefined, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }], caption: SCAM } }));
    expect(harness.sentTexts()[0]).toContain('Level: high');
  });

  it('asks for text when there is nothing to check', async () => {
    harness = await createHarness();
    await harness.handle(privateText('', { extra: { text: undefined, sticker: { file_id: 's' } } }));
    expect(harness.sentTexts()[0]).toContain('Please send me the text');
  });
});

describe('Telegram private chat: bursts of forwards', () => {
  const origin = { type: 'user' as const, date: 1, sender_user: testUser(57, { first_name: 'Ann' }) };
  const photo = { text: undefined, photo: [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }] };

  it('gives exactly one reply when the forwards arrive in two getUpdates batches and one is a photo without caption', async () => {
    harness = await createHarness({ config: { burstWindowMs: 400 } });
    harness.startPolling();
    harness.fake.pushUpdates([
      forwardedText('This is the police, your account is under investigation.', origin),
      forwardedText('', origin, { extra: photo }),
    ]);
    const polls = harness.fake.callsOf('getUpdates').length;
    await harness.fake.waitForCall('getUpdates', { count: polls + 2 }); // the first batch was fetched and confirmed
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(0);
    harness.fake.pushUpdate(forwardedText('Transfer your savings to a safe account and tell no one.', origin));
    await harness.fake.waitForCall('sendMessage');
    await harness.idle();
    expect(harness.sentTexts()).toHaveLength(1);
    const texts = await harness.expandReplies();
    expect(texts[0]).toContain('2 messages together');
    expect(texts[0]).toContain('Level: high');
  });

  it('asks for text once when a burst holds only forwards without text', async () => {
    harness = await createHarness();
    await harness.handle(forwardedText('', origin, { extra: photo }));
    await harness.handle(forwardedText('', origin, { extra: { text: undefined, sticker: { file_id: 's' } } }));
    await harness.drain();
    expect(harness.sentTexts()).toEqual([expect.stringContaining('Please send me the text')]);
  });
});

describe('Telegram private chat: a question typed after forwards', () => {
  it('joins the waiting burst, so the forwards and "is this real?" get one reply', async () => {
    harness = await createHarness({ config: { burstWindowMs: 200 } });
    const origin = { type: 'hidden_user' as const, date: 1, sender_user_name: 'Officer Wu' };
    await harness.handle(forwardedText('This is the police, your account is under investigation.', origin));
    await harness.handle(forwardedText('Transfer your savings to a safe account and tell no one.', origin));
    await harness.handle(privateText('Mum here: is this real??'));
    await harness.drain();
    expect(harness.sentTexts()).toHaveLength(1);
    const texts = await harness.expandReplies();
    expect(texts[0]).toContain('3 messages together');
    expect(texts[0]).toContain('hidden account');
  });
});
