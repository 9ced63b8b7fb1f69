import { afterEach, describe, expect, it } from 'vitest';
import { countHanScripts } from '../../../src/core/chinese-script.ts';
import { t } from '../../fakes/texts.ts';
import { createFakeChecker, makeVerdict } from '../../service/fake-checker.ts';
import { blockTexts, detailsValue, startSlackHarness, type SlackHarness } from './harness.ts';

/** Presses the Details button of a response and returns the body of the full reply it brings. */
async function pressDetails(h: SlackHarness, body: Record<string, unknown>, id: string): Promise<Record<string, unknown>> {
  const value = detailsValue(body);
  if (!value) throw new Error('the reply has no Details button');
  expect((await h.press(value, id)).status).toBe(200);
  return (await h.fake.waitForResponses(id))[0]!.body;
}

const SCAM = 'This is the police. Transfer your savings to a safe account and tell no one. <!channel> <@U0001> check <https://evil.example/pay|evil.example/pay> & reply';
const SCAM_ZH = '我是公安局的，你涉嫌洗钱，必须把钱转到安全账户，不要告诉任何人。';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Slack adapter over HTTP (real Bolt app, fake Slack)', () => {
  it('answers a scam /verify ephemerally with level, escaped evidence and steps', async () => {
    harness = await startSlackHarness();
    const response = await harness.verify(SCAM, 'scam');
    expect(response.status).toBe(200);
    const [reply] = await harness.fake.waitForResponses('scam');
    const short = reply!.body;
    expect(short.response_type).toBe('ephemeral');
    expect(short.replace_original).toBeUndefined();
    // The short reply: title, level, what to do now and a Details button; no evidence yet.
    expect(blockTexts(short)).toContain(t('en', 'core.title.high'));
    expect(blockTexts(short)).toContain(t('en', 'slack.level_line', { level: t('en', 'core.level.high') }));
    expect(blockTexts(short)).toContain(t('en', 'core.heading.steps'));
    expect(blockTexts(short)).toContain(t('en', 'slack.details_button'));
    expect(blockTexts(short)).not.toContain(t('en', 'core.heading.evidence'));
    // Details: the full reply as a new ephemeral message, the short one left as it is.
    const body = await pressDetails(harness, short, 'scam-details');
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(false);
    const text = blockTexts(body);
    expect(text).toContain(t('en', 'core.heading.evidence'));
    expect(text).toContain('`This is the police`');
    expect(text).toContain(t('en', 'core.heading.steps'));
    expect(text).toMatch(/\n1\. \S/);
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/<[@!#]|<https?:/);
    expect(raw).not.toMatch(/\bsafe\b(?! account)/i);
    for (const block of body.blocks as { text?: { type: string; verbatim?: boolean } }[]) {
      if (block.text?.type === 'mrkdwn') expect(block.text.verbatim).toBe(true);
    }
    expect(harness.fake.apiCalls.map((call) => call.method)).toEqual(['auth.test']);
    expect(detailsValue(body)).toBeUndefined();
  });

  it('quotes a link from Slack\'s wire format decoded, then escaped inside code, never as markup', async () => {
    harness = await startSlackHarness();
    const wire = 'Customs: your parcel is held. Pay the fee at <https://evil.example/pay?a=1&amp;b=&lt;2&gt;> today or it is returned. <!channel> <@U0001|ann>';
    await harness.verify(wire, 'link');
    const [reply] = await harness.fake.waitForResponses('link');
    const text = blockTexts(await pressDetails(harness, reply!.body, 'link-details'));
    expect(text).toContain(t('en', 'core.title.medium'));
    expect(text).toContain('• `https://evil.example/pay?a=1&amp;b=&lt;2&gt;` — _');
    expect(JSON.stringify(reply!.body)).not.toMatch(/<[@!#]|<https?:|&b=<|<2>/);
  });

  it('answers Chinese text entirely in Chinese', async () => {
    harness = await startSlackHarness();
    await harness.verify(SCAM_ZH, 'zh');
    const [reply] = await harness.fake.waitForResponses('zh');
    const text = blockTexts(reply!.body);
    expect(text).toContain(t('zh', 'core.title.high'));
    expect(text).toContain(t('zh', 'core.heading.steps'));
    expect(text).toContain(t('zh', 'core.footer.never_safe'));
    // No English words besides the Safeword name.
    expect(text.replace(/Safeword/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('answers a text in Traditional characters in Traditional characters only', async () => {
    harness = await startSlackHarness();
    await harness.verify('我是警察局的，你涉嫌洗錢，必須把錢轉到安全帳戶，不要告訴任何人。', 'hant');
    const [reply] = await harness.fake.waitForResponses('hant');
    const text = blockTexts(reply!.body);
    expect(text).toContain(t('zh-Hant', 'core.title.high'));
    expect(text).toContain('風險等級');
    expect(countHanScripts(text).simplified).toBe(0);
  });

  it('says the rules cannot read a Russian text instead of "no warning signs found"', async () => {
    harness = await startSlackHarness();
    await harness.verify('Встретимся в воскресенье на обед? Напиши, во сколько тебе удобно.', 'ru');
    const [reply] = await harness.fake.waitForResponses('ru');
    const text = blockTexts(reply!.body);
    expect(text).toContain('Safeword cannot read this language (Russian)');
    expect(text).toContain(t('en', 'slack.level_line', { level: t('en', 'core.level.unread') }));
    expect(text).toContain(t('en', 'core.unread.second_opinion_off'));
    expect(text).not.toContain(t('en', 'core.title.none'));
  });

  it('answers an empty /verify with the usage help and checks nothing', async () => {
    const checker = createFakeChecker();
    harness = await startSlackHarness({ checker });
    await harness.verify('   ', 'empty');
    const [reply] = await harness.fake.waitForResponses('empty');
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(blockTexts(reply!.body)).toContain('/verify');
    expect(blockTexts(reply!.body)).toBe(t('en', 'slack.usage').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(checker.requests).toHaveLength(0);
  });

  it('rejects a request with a bad signature (401) and checks nothing', async () => {
    const checker = createFakeChecker({ level: () => 'high' });
    harness = await startSlackHarness({ checker });
    const forged = await harness.verify(SCAM, 'forged', { secret: 'not-the-signing-secret-000000000' });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(harness.adapter.eventsUrl()!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ command: '/verify', text: SCAM, response_url: harness.fake.responseUrl('forged') }).toString(),
    });
    expect(unsigned.status).toBe(401);
    // A genuine request afterwards is answered, so the forged ones had their chance to arrive.
    await harness.verify(SCAM, 'genuine');
    await harness.fake.waitForResponses('genuine');
    expect(harness.fake.responsesTo('forged')).toHaveLength(0);
    expect(checker.requests).toHaveLength(1);
  });

  it('replaces the reply when the refined verdict differs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checker = createFakeChecker({
      secondOpinion: 'on',
      level: () => 'low',
      refine: async (instant) => {
        await gate;
        return makeVerdict({ kind: 'message', text: 'x', language: instant.replyLanguage }, 'high', {
          summary: 'refined summary',
          secondOpinion: { status: 'ok', label: 'scam', confidence: 0.9 },
        });
      },
    });
    harness = await startSlackHarness({ checker });
    await harness.verify('Hi, it is me, I lost my phone, can you help?', 'refine');
    const [first] = await harness.fake.waitForResponses('refine');
    expect(blockTexts(first!.body)).toContain(t('en', 'core.title.low'));
    expect(blockTexts(first!.body)).toContain(t('en', 'core.footer.second_opinion_pending'));
    release();
    const replies = await harness.fake.waitForResponses('refine', 2);
    const second = replies[1]!.body;
    expect(second.replace_original).toBe(true);
    expect(second.response_type).toBe('ephemeral');
    expect(blockTexts(second)).toContain(t('en', 'core.title.high'));
    expect(blockTexts(second)).toContain(t('en', 'core.footer.second_opinion_ok'));
    // The Details of the first reply now show the refined reply (same button, replaced in the cache).
    expect(detailsValue(second)).toBe(detailsValue(first!.body));
    expect(blockTexts(await pressDetails(harness, first!.body, 'refine-details'))).toContain('refined summary');
    expect(checker.requests[0]).toMatchObject({ kind: 'message', source: { platform: 'slack' } });
  });

  it('checks the message a shortcut was used on', async () => {
    harness = await startSlackHarness();
    const response = await harness.shortcut(SCAM_ZH, 'shortcut');
    expect(response.status).toBe(200);
    const [reply] = await harness.fake.waitForResponses('shortcut');
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(blockTexts(reply!.body)).toContain(t('zh', 'core.title.high'));
  });

  it('says so when the shortcut is used on a message without text', async () => {
    const checker = createFakeChecker();
    harness = await startSlackHarness({ checker });
    await harness.shortcut(undefined, 'no-text');
    const [reply] = await harness.fake.waitForResponses('no-text');
    expect(blockTexts(reply!.body)).toBe(t('en', 'slack.no_text'));
    expect(checker.requests).toHaveLength(0);
  });

  it('answers with a failure notice in the text\'s language when the checker throws', async () => {
    harness = await startSlackHarness({ checker: createFakeChecker({ throws: true }) });
    await harness.verify(SCAM_ZH, 'fails');
    const [reply] = await harness.fake.waitForResponses('fails');
    expect(blockTexts(reply!.body)).toBe(t('zh', 'slack.check_failed'));
  });

  it('never logs the message text', async () => {
    harness = await startSlackHarness();
    await harness.verify(SCAM, 'log');
    await harness.shortcut(SCAM_ZH, 'log-shortcut');
    await harness.verify(SCAM, 'log-forged', { secret: 'not-the-signing-secret-000000000' });
    await harness.fake.waitForResponses('log');
    await harness.fake.waitForResponses('log-shortcut');
    await harness.adapter.drain();
    const logged = harness.logger.dump();
    expect(harness.logger.lines.some((line) => line.message === 'slack: check answered')).toBe(true);
    for (const fragment of ['police', 'savings', 'evil.example', '公安', '安全账户', 'Transfer']) expect(logged).not.toContain(fragment);
  });
});
