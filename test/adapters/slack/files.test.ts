import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bubble } from '../../../src/image/bubbles.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../../src/image/image-limits.ts';
import { OcrPool, type ImageReader } from '../../../src/image/ocr-pool.ts';
import { startFakeFileHost, type FakeFileHost } from '../../fakes/fake-file-host.ts';
import { t } from '../../fakes/texts.ts';
import { CHAT_LAYOUTS } from '../../screenshots/chat-layouts.ts';
import { CHAT_SCRIPTS } from '../../screenshots/chat-scripts.ts';
import { renderChat } from '../../screenshots/render-chat.ts';
import { blockTexts, detailsValue, SLACK_TEST_TOKEN, startSlackHarness, type SlackHarness } from './harness.ts';
import { scriptedReader } from '../../fakes/scripted-reader.ts';

let harness: SlackHarness | undefined;
let files: FakeFileHost | undefined;
let elsewhere: FakeFileHost | undefined;
afterEach(async () => {
  await harness?.close();
  await files?.close();
  await elsewhere?.close();
  harness = files = elsewhere = undefined;
});
const pool = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 60_000 });
afterAll(() => pool.close());

const SCAM_ZH: Bubble[] = [{ speaker: 'other', text: '我是公安局的，你涉嫌洗钱，必须把钱转到安全账户，不要告诉任何人。', top: 100, bottom: 200 }];

async function start(reader: ImageReader, detailsTtlMs?: number): Promise<SlackHarness> {
  files = await startFakeFileHost();
  files.requireAuthorization = `Bearer ${SLACK_TEST_TOKEN}`;
  harness = await startSlackHarness({
    filesOrigins: [files.origin],
    extras: { images: { reader, limits: DEFAULT_IMAGE_LIMITS }, ...(detailsTtlMs ? { detailsTtlMs } : {}) },
  });
  return harness;
}

const fileJson = (url: string, size: number, name = 'shot.png', mimetype = 'image/png') => ({ id: 'F0001', name, mimetype, filetype: 'png', size, url_private: url });

describe('Slack files on the shortcut\'s message', () => {
  it('reads a screenshot with the real OCR: downloaded with the bot token, "Reading the screenshot…" replaced by the verdict', async () => {
    const script = CHAT_SCRIPTS.find((candidate) => candidate.id === 'en-police');
    const layout = CHAT_LAYOUTS.find((candidate) => candidate.app === 'whatsapp' && candidate.mode === 'dark');
    if (!script || !layout) throw new Error('fixture missing');
    const image = renderChat(script, layout).png;
    const h = await start(pool);
    const url = files!.add('shot.png', image);
    expect((await h.shortcut('', 'ocr', [fileJson(url, image.length)])).status).toBe(200);
    const [progress, answer] = await h.fake.waitForResponses('ocr', 2, 50_000);
    expect(blockTexts(progress!.body)).toBe(t('en', 'image.reading'));
    expect(answer!.body.replace_original).toBe(true);
    const shown = blockTexts(answer!.body);
    expect(shown).toContain(t('en', 'core.title.high'));
    expect(shown).toContain(t('en', 'image.read_note'));
    expect(shown).toMatch(/Them: .*police/i);
    expect(files!.requests).toEqual([{ path: '/files/shot.png', authorization: `Bearer ${SLACK_TEST_TOKEN}` }]);
    await h.adapter.drain();
    for (const word of ['police', 'savings', SLACK_TEST_TOKEN]) expect(h.logger.dump()).not.toContain(word);
  }, 60_000);

  it('answers a Chinese screenshot in Chinese, Details bring the full reply, and the caption is not mixed in', async () => {
    const reader = scriptedReader(SCAM_ZH);
    const h = await start(reader);
    const image = await sharp({ create: { width: 40, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const url = files!.add('zh.png', image);
    await h.shortcut('look at this', 'zh', [fileJson(url, image.length), { id: 'F0002', name: 'notes.pdf', mimetype: 'application/pdf', size: 10, url_private: url }]);
    const [, answer] = await h.fake.waitForResponses('zh', 2);
    expect(reader.seen).toHaveLength(1);
    const short = blockTexts(answer!.body);
    expect(short).toContain(t('zh', 'core.title.high'));
    expect(short).toContain(t('zh', 'image.read_note'));
    expect(short).not.toContain('look at this');
    const value = detailsValue(answer!.body);
    expect(value).toMatch(/^[0-9a-f]{24}:zh:C0001:1700000000\.000100:$/);
    await h.press(value!, 'zh-details');
    const [full] = await h.fake.waitForResponses('zh-details');
    expect(blockTexts(full!.body)).toContain(t('zh', 'core.heading.evidence'));
  });

  it('says "Reading the screenshot…" and why an image cannot be read in the user\'s Slack language (users.info locale)', async () => {
    const h = await start(scriptedReader(SCAM_ZH));
    h.fake.userLocales.U0001 = 'zh-TW';
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const file = fileJson(files!.add('photo.heic', heic), heic.length, 'photo.heic', 'image/heic');
    await h.shortcut('', 'tw', [file]);
    const [progress, refused] = await h.fake.waitForResponses('tw', 2);
    expect(blockTexts(progress!.body)).toBe(t('zh-Hant', 'image.reading'));
    expect(blockTexts(refused!.body)).toBe(t('zh-Hant', 'image.refused_heic'));
    expect(h.fake.apiCalls.filter((call) => call.method === 'users.info').map((call) => call.params)).toEqual([expect.objectContaining({ user: 'U0001', include_locale: 'true' })]);
    // Remembered: a second screenshot asks Slack no more.
    await h.shortcut('', 'tw-again', [file]);
    const [again] = await h.fake.waitForResponses('tw-again', 2);
    expect(blockTexts(again!.body)).toBe(t('zh-Hant', 'image.reading'));
    expect(h.fake.apiCalls.filter((call) => call.method === 'users.info')).toHaveLength(1);
  });

  it('speaks Spanish to a user whose Slack language is Spanish (es-ES, es-LA)', async () => {
    const h = await start(scriptedReader(SCAM_ZH));
    h.fake.userLocales.U0001 = 'es-LA';
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    await h.shortcut('', 'es', [fileJson(files!.add('photo.heic', heic), heic.length, 'photo.heic', 'image/heic')]);
    const [progress, refused] = await h.fake.waitForResponses('es', 2);
    expect(blockTexts(progress!.body)).toBe(t('es', 'image.reading'));
    expect(blockTexts(refused!.body)).toBe(t('es', 'image.refused_heic'));
  });

  it('falls back to English when Slack does not say the language (no users:read scope)', async () => {
    const h = await start(scriptedReader(SCAM_ZH));
    const image = await sharp({ create: { width: 40, height: 80, channels: 3, background: '#ffffff' } }).png().toBuffer();
    await h.shortcut('', 'unknown', [fileJson(files!.add('zh.png', image), image.length)]);
    const [progress, answer] = await h.fake.waitForResponses('unknown', 2);
    expect(blockTexts(progress!.body)).toBe(t('en', 'image.reading'));
    // The answer still follows the text that was read.
    expect(blockTexts(answer!.body)).toContain(t('zh', 'image.read_note'));
    expect(h.logger.dump()).toContain('users:read');
  });

  it('never sends the bot token to another host: a url_private elsewhere is not fetched', async () => {
    const reader = scriptedReader(SCAM_ZH);
    const h = await start(reader);
    elsewhere = await startFakeFileHost();
    const url = elsewhere.add('shot.png', Buffer.alloc(100));
    await h.shortcut('', 'elsewhere', [fileJson(url, 100)]);
    const [, answer] = await h.fake.waitForResponses('elsewhere', 2);
    expect(blockTexts(answer!.body)).toBe(t('en', 'image.failed_internal'));
    expect(elsewhere.requests).toHaveLength(0);
    expect(reader.seen).toHaveLength(0);
  });

  it('refuses HEIC with a clear note, and a download the file host refuses is a bounded answer', async () => {
    const reader = scriptedReader(SCAM_ZH);
    const h = await start(reader);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    await h.shortcut('', 'heic', [fileJson(files!.add('photo.heic', heic), heic.length, 'photo.heic', 'image/heic')]);
    const [, refused] = await h.fake.waitForResponses('heic', 2);
    expect(blockTexts(refused!.body)).toBe(t('en', 'image.refused_heic'));
    files!.requireAuthorization = 'Bearer another-token';
    await h.shortcut('', 'denied', [fileJson(files!.add('shot.png', Buffer.alloc(100)), 100)]);
    const [, denied] = await h.fake.waitForResponses('denied', 2);
    expect(blockTexts(denied!.body)).toBe(t('en', 'image.failed_internal'));
    expect(reader.seen).toHaveLength(0);
  });

  it('says the details are gone once their time is up, in the reply\'s language', async () => {
    const h = await start(scriptedReader(SCAM_ZH), 50);
    await h.verify('我是公安局的，你涉嫌洗钱，必须把钱转到安全账户，不要告诉任何人。', 'ttl');
    const [reply] = await h.fake.waitForResponses('ttl');
    await new Promise((resolve) => setTimeout(resolve, 80));
    await h.press(detailsValue(reply!.body)!, 'ttl-details');
    const [gone] = await h.fake.waitForResponses('ttl-details');
    expect(blockTexts(gone!.body)).toBe(t('zh', 'slack.details_gone', { minutes: 0 }));
  });
});
