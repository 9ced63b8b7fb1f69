import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bubble } from '../../../src/image/bubbles.ts';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '../../../src/image/image-limits.ts';
import { OcrPool, type ImageReader } from '../../../src/image/ocr-pool.ts';
import { startFakeFileHost, type FakeFileHost } from '../../fakes/fake-file-host.ts';
import { t } from '../../fakes/texts.ts';
import { CHAT_LAYOUTS } from '../../screenshots/chat-layouts.ts';
import { CHAT_SCRIPTS } from '../../screenshots/chat-scripts.ts';
import { renderChat } from '../../screenshots/render-chat.ts';
import { embedTexts, firstButton, startDiscordHarness, unescape, type DiscordHarness } from './harness.ts';
import { scriptedReader } from '../../fakes/scripted-reader.ts';

let harness: DiscordHarness | undefined;
let cdn: FakeFileHost | undefined;
let elsewhere: FakeFileHost | undefined;
afterEach(async () => {
  await harness?.close();
  await cdn?.close();
  await elsewhere?.close();
  harness = cdn = elsewhere = undefined;
});
const pool = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 60_000 });
afterAll(() => pool.close());

const SCAM: Bubble[] = [
  { speaker: 'other', text: 'This is Officer Daniels from the police. Transfer your savings to a safe account today and tell no one.', top: 100, bottom: 200 },
];

async function start(reader: ImageReader, options: { limits?: Partial<ImageLimits>; detailsTtlMs?: number } = {}): Promise<DiscordHarness> {
  cdn = await startFakeFileHost();
  harness = await startDiscordHarness({
    config: { cdnOrigins: [cdn.origin] },
    extras: { images: { reader, limits: { ...DEFAULT_IMAGE_LIMITS, ...options.limits } }, ...(options.detailsTtlMs ? { detailsTtlMs: options.detailsTtlMs } : {}) },
  });
  return harness;
}

const png = (width = 40, height = 80) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer();
const texts = (calls: { body: unknown }[]) => calls.map((call) => unescape(embedTexts(call.body)));

describe('Discord screenshots', () => {
  it('reads an attached screenshot with the real OCR: "Reading the screenshot…", then the short verdict quoting what was read', async () => {
    const script = CHAT_SCRIPTS.find((candidate) => candidate.id === 'en-police');
    const layout = CHAT_LAYOUTS.find((candidate) => candidate.app === 'whatsapp' && candidate.mode === 'light');
    if (!script || !layout) throw new Error('fixture missing');
    const image = renderChat(script, layout).png;
    const h = await start(pool);
    const url = cdn!.add('shot.png', image);
    const { id, token } = h.contextMenu('', { attachments: [{ url, size: image.length, contentType: 'image/png', filename: 'shot.png' }] });
    const progress = await h.replyTo(id);
    expect(texts([progress])).toEqual([t('en', 'image.reading')]);
    expect((progress.body as { data: { flags: number } }).data.flags & 64).toBe(64);
    const [answer] = await h.editsOf(token, 1, 50_000);
    const shown = texts([answer!])[0]!;
    expect(shown).toContain(t('en', 'core.title.high'));
    expect(shown).toContain(t('en', 'image.read_note'));
    expect(shown).toMatch(/Them: .*police/i);
    expect(firstButton(answer!.body)).toMatch(/^sw:details:/);
    await h.adapter.drain();
    for (const word of ['police', 'savings', 'Daniels']) expect(h.logger.dump()).not.toContain(word);
  }, 60_000);

  it('/verify image: is read as a screenshot; Details bring the full reply with the quotes, in the text\'s language', async () => {
    const reader = scriptedReader(SCAM);
    const h = await start(reader);
    const image = await png();
    const url = cdn!.add('verify.png', image);
    const { id, token } = h.verifyImage({ url, size: image.length, contentType: 'image/png', filename: 'verify.png' }, { locale: 'zh-CN' });
    expect(texts([await h.replyTo(id)])).toEqual([t('zh', 'image.reading')]);
    const [answer] = await h.editsOf(token);
    expect(reader.seen).toHaveLength(1);
    expect(Buffer.from(reader.seen[0]!).equals(image)).toBe(true);
    // An English conversation is answered in English, whatever the client's locale.
    expect(texts([answer!])[0]).toContain(t('en', 'core.title.high'));
    const details = await h.replyTo(h.press(firstButton(answer!.body)!).id);
    const full = texts([details])[0]!;
    expect(full).toContain(t('en', 'core.heading.evidence'));
    expect(full).toContain(t('en', 'image.read_note'));
  });

  it('refuses a HEIC attachment with a clear note, reading nothing', async () => {
    const reader = scriptedReader(SCAM);
    const h = await start(reader);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    const url = cdn!.add('photo.heic', heic);
    const { token } = h.contextMenu('', { attachments: [{ url, size: heic.length, contentType: 'image/heic', filename: 'photo.heic' }] });
    const [answer] = await h.editsOf(token);
    expect(texts([answer!])).toEqual([t('en', 'image.refused_heic')]);
    expect(reader.seen).toHaveLength(0);
  });

  it('downloads only from the CDN host: an attachment URL elsewhere is never fetched', async () => {
    const reader = scriptedReader(SCAM);
    const h = await start(reader);
    elsewhere = await startFakeFileHost();
    const image = await png();
    const url = elsewhere.add('shot.png', image);
    const { token } = h.contextMenu('', { attachments: [{ url, size: image.length, contentType: 'image/png', filename: 'shot.png' }] });
    const [answer] = await h.editsOf(token);
    expect(texts([answer!])).toEqual([t('en', 'image.failed_internal')]);
    expect(elsewhere.requests).toHaveLength(0);
    expect(reader.seen).toHaveLength(0);
  });

  it('stops a download at the size limit, even when Discord under-reports the size and the body has no length', async () => {
    const reader = scriptedReader(SCAM);
    const h = await start(reader, { limits: { maxBytes: 1024 * 1024 } });
    const big = Buffer.alloc(32 * 1024 * 1024, 7);
    const url = cdn!.add('big.png', big, { chunked: true });
    const { token } = h.contextMenu('', { attachments: [{ url, size: 1000, contentType: 'image/png', filename: 'big.png' }] });
    const [answer] = await h.editsOf(token);
    expect(texts([answer!])).toEqual([t('en', 'image.refused_too_large', { limit: 1 })]);
    expect(cdn!.bytesSent()).toBeLessThan(16 * 1024 * 1024);
    // An attachment Discord says is too large is not downloaded at all.
    const before = cdn!.requests.length;
    const second = h.contextMenu('', { attachments: [{ url, size: big.length, contentType: 'image/png', filename: 'big.png' }] });
    const [refused] = await h.editsOf(second.token);
    expect(texts([refused!])).toEqual([t('en', 'image.refused_too_large', { limit: 1 })]);
    expect(cdn!.requests.length).toBe(before);
  });

  it('says the details are gone once their time is up', async () => {
    const h = await start(scriptedReader(SCAM), { detailsTtlMs: 50 });
    const { id } = h.verify('This is the police. Transfer your savings to a safe account and tell no one.', { locale: 'zh-CN' });
    const button = firstButton((await h.replyTo(id)).body);
    expect(button).toMatch(/^sw:details:[0-9a-f]{24}$/);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const pressed = await h.replyTo(h.press(button!, { locale: 'zh-CN' }).id);
    expect(texts([pressed])).toEqual([t('zh', 'discord.details_gone', { minutes: 0 })]);
    expect((pressed.body as { data: { flags: number } }).data.flags & 64).toBe(64);
  });
});
