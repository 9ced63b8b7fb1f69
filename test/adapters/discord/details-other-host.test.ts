import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../fakes/texts.ts';
import { CHANNEL_ID, embedTexts, firstButton, startDiscordHarness, unescape, type DiscordHarness } from './harness.ts';

// Two adapters on two fakes stand for two hosts: the second never saw the check its button belongs to.
const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one.';
const CHECKED_ID = '900000000000000001'; // the message the harness's context menu picks

const harnesses: DiscordHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function host(): Promise<DiscordHarness> {
  const harness = await startDiscordHarness();
  harnesses.push(harness);
  return harness;
}

/** The Details button of the first reply to a "Check with Safeword" on `content`, on a first host. */
async function buttonFromFirstHost(content: string, options: { verify?: boolean } = {}): Promise<string> {
  const first = await host();
  const { id } = options.verify ? first.verify(content) : first.contextMenu(content);
  const button = firstButton((await first.replyTo(id)).body);
  if (!button) throw new Error('the reply has no Details button');
  return button;
}

/** The checked message as Discord serves it to a bot (content empty without the Message Content intent). */
function storedMessage(content: string, attachments: unknown[] = []) {
  return {
    id: CHECKED_ID, channel_id: CHANNEL_ID, type: 0, content, attachments, embeds: [], mentions: [], mention_roles: [], mention_everyone: false,
    author: { id: '700000000000000002', username: 'stranger', discriminator: '0', global_name: null, avatar: null },
    pinned: false, tts: false, timestamp: '2024-05-01T10:00:00.000Z', edited_timestamp: null, flags: 0, components: [],
  };
}

describe('Discord Details on a host that never saw the check', () => {
  it('fetches the message the reply answers, checks it again and shows the full reply', async () => {
    const button = await buttonFromFirstHost(SCAM);
    const second = await host();
    second.fake.setMessage(storedMessage(SCAM));
    const { id, token } = second.press(button, { answers: CHECKED_ID });
    const deferred = (await second.replyTo(id)).body as { type: number; data: { flags: number } };
    expect(deferred.type).toBe(5); // deferred: the fetch and the check may take longer than Discord waits
    expect(deferred.data.flags & 64).toBe(64);
    const [full] = await second.editsOf(token);
    const shown = unescape(embedTexts(full!.body));
    expect(shown).toContain(t('en', 'core.heading.evidence'));
    expect(shown).toContain('Transfer your savings to a safe account');
    expect(second.fake.calls.filter((call) => call.method === 'GET' && call.path === `/channels/${CHANNEL_ID}/messages/${CHECKED_ID}`)).toHaveLength(1);
    expect(second.fake.unexpected).toEqual([]);
  });

  it('says why when the message cannot be read again, for a screenshot, and for /verify text', async () => {
    const button = await buttonFromFirstHost(SCAM);
    const second = await host();
    // Without the Message Content intent Discord hands the message over without its content.
    second.fake.setMessage(storedMessage(''));
    const unreadable = second.press(button, { answers: CHECKED_ID, locale: 'zh-CN' });
    expect(unescape(embedTexts((await second.editsOf(unreadable.token))[0]!.body))).toBe(t('zh', 'discord.details_unreadable'));

    second.fake.setMessage(storedMessage('', [{ id: '1', filename: 'chat.png', size: 1000, url: 'https://cdn.discordapp.com/a/chat.png', proxy_url: 'https://cdn.discordapp.com/a/chat.png', content_type: 'image/png' }]));
    const screenshot = second.press(button, { answers: CHECKED_ID });
    expect(unescape(embedTexts((await second.editsOf(screenshot.token))[0]!.body))).toBe(t('en', 'discord.details_screenshot_elsewhere'));

    // A deleted message (404) is not readable either.
    const gone = second.press(button, { answers: '900000000000000077' });
    expect(unescape(embedTexts((await second.editsOf(gone.token))[0]!.body))).toBe(t('en', 'discord.details_unreadable'));

    // /verify's reply answers no message: its text is nowhere to be read again.
    const verifyButton = await buttonFromFirstHost(SCAM, { verify: true });
    const verify = second.press(verifyButton);
    const answer = (await second.replyTo(verify.id)).body as { type: number };
    expect(answer.type).toBe(4);
    expect(unescape(embedTexts(answer))).toBe(t('en', 'discord.details_gone', { minutes: 30 }));
  });
});
