import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../fakes/texts.ts';
import { blockTexts, detailsValue, startSlackHarness, type SlackHarness } from './harness.ts';

// Two Bolt apps on two fakes stand for two hosts: the second never saw the check its button belongs to.
const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one.';
const CHECKED = 'C0001:1700000000.000100'; // the channel and ts of the harness's shortcut message

const harnesses: SlackHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function host(): Promise<SlackHarness> {
  const harness = await startSlackHarness();
  harnesses.push(harness);
  return harness;
}

/** The Details value of the first reply a first host gives to the shortcut on `text` (or to `/verify text`). */
async function valueFromFirstHost(text: string, options: { verify?: boolean } = {}): Promise<string> {
  const first = await host();
  await (options.verify ? first.verify(text, 'first') : first.shortcut(text, 'first'));
  const [reply] = await first.fake.waitForResponses('first');
  const value = detailsValue(reply!.body);
  if (!value) throw new Error('the reply has no Details button');
  return value;
}

describe('Slack Details on a host that never saw the check', () => {
  it('reads the shortcut\'s message again (history scopes) and posts the full reply', async () => {
    const value = await valueFromFirstHost(SCAM);
    expect(value).toMatch(new RegExp(`^[0-9a-f]{24}:en:${CHECKED}:$`));
    const second = await host();
    second.fake.messages[CHECKED] = { type: 'message', user: 'U0002', ts: '1700000000.000100', text: SCAM };
    await second.press(value, 'tap');
    const [full] = await second.fake.waitForResponses('tap');
    expect(full!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = blockTexts(full!.body);
    expect(text).toContain(t('en', 'core.heading.evidence'));
    expect(text).toContain('Transfer your savings to a safe account');
    const read = second.fake.apiCalls.find((call) => call.method === 'conversations.replies');
    expect(read?.params).toMatchObject({ channel: 'C0001', ts: '1700000000.000100', latest: '1700000000.000100' });
  });

  it('says why without the history scopes, for a screenshot and for /verify', async () => {
    const value = await valueFromFirstHost(SCAM);
    const second = await host();
    await second.press(value, 'no-scope'); // the fake answers missing_scope, as Slack does without them
    expect(blockTexts((await second.fake.waitForResponses('no-scope'))[0]!.body)).toBe(t('en', 'slack.details_unreadable'));

    second.fake.messages[CHECKED] = {
      type: 'message', user: 'U0002', ts: '1700000000.000100', text: '',
      files: [{ id: 'F1', name: 'chat.png', mimetype: 'image/png', size: 1000, url_private: 'https://files.slack.com/files-pri/T1-F1/chat.png' }],
    };
    await second.press(value, 'screenshot');
    expect(blockTexts((await second.fake.waitForResponses('screenshot'))[0]!.body)).toBe(t('en', 'slack.details_screenshot_elsewhere'));

    const verifyValue = await valueFromFirstHost(SCAM, { verify: true });
    expect(verifyValue).toMatch(/^[0-9a-f]{24}:en$/); // /verify's text is nowhere but in the command
    await second.press(verifyValue, 'verify');
    expect(blockTexts((await second.fake.waitForResponses('verify'))[0]!.body)).toBe(t('en', 'slack.details_gone', { minutes: 30 }));
  });
});

describe('Slack help in the user\'s language', () => {
  it('answers an empty /verify in the language Slack has for the user', async () => {
    const h = await host();
    h.fake.userLocales.U0001 = 'zh-CN';
    await h.verify('  ', 'help');
    const [help] = await h.fake.waitForResponses('help');
    expect(blockTexts(help!.body)).toBe(t('zh', 'slack.usage').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
