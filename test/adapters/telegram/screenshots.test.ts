import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Bubble } from '../../../src/image/bubbles.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../../src/image/image-limits.ts';
import { OcrPool } from '../../../src/image/ocr-pool.ts';
import { messageUpdate } from '../../fakes/fake-telegram-server.ts';
import { CHAT_LAYOUTS } from '../../screenshots/chat-layouts.ts';
import { CHAT_SCRIPTS } from '../../screenshots/chat-scripts.ts';
import { renderChat } from '../../screenshots/render-chat.ts';
import { createHarness, type Harness } from './harness.ts';
import { scriptedReader } from '../../fakes/scripted-reader.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});
const pool = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 60_000 });
afterAll(() => pool.close());

const SCAM: Bubble[] = [
  { speaker: 'other', text: 'This is Officer Daniels from the police. Transfer your savings to a safe account today and tell no one.', top: 100, bottom: 200 },
];

function photoUpdate(fileId: string, size: number, extra: Record<string, unknown> = {}) {
  return messageUpdate({
    photo: [
      { file_id: `${fileId}-small`, file_unique_id: `s${fileId}`, width: 90, height: 195, file_size: 1000 },
      { file_id: fileId, file_unique_id: `u${fileId}`, width: 1080, height: 2340, file_size: size },
    ],
    ...extra,
  });
}

const edits = (h: Harness) => h.fake.callsOf('editMessageText').map((call) => String(call.params.text));

describe('Telegram screenshots', () => {
  it('reads a photo with the real OCR: "Reading the screenshot…" is edited into the verdict quoting what was read', async () => {
    const script = CHAT_SCRIPTS.find((candidate) => candidate.id === 'en-police');
    const layout = CHAT_LAYOUTS.find((candidate) => candidate.app === 'whatsapp' && candidate.mode === 'light');
    if (!script || !layout) throw new Error('fixture missing');
    const png = renderChat(script, layout).png;
    harness = await createHarness({ images: { reader: pool, limits: DEFAULT_IMAGE_LIMITS } });
    harness.fake.addFile('shot', png, 'photos/shot.jpg');
    await harness.handle(photoUpdate('shot', png.length));
    expect(harness.sentTexts()).toEqual(['Reading the screenshot…']);
    expect(edits(harness)[0]).toContain('Level: high');
    const [answer] = await harness.expandReplies();
    expect(answer).toContain('Read from your screenshot');
    expect(answer).toContain('Them: This is Officer Daniels from the Metropolitan Police.');
    expect(answer).toContain('You: What? I have done nothing wrong.');
    expect(harness.fake.callsOf('downloadFile')).toEqual([expect.objectContaining({ params: { file_path: 'photos/shot.jpg' } })]);
    expect(JSON.stringify(harness.logger.lines)).not.toContain('Officer Daniels');
  }, 120_000);

  it('checks the photos of an album together, as one conversation with one answer', async () => {
    const reader = scriptedReader(SCAM);
    harness = await createHarness({ images: { reader, limits: DEFAULT_IMAGE_LIMITS } });
    const png = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    harness.fake.addFile('a1', png, 'photos/a1.jpg');
    harness.fake.addFile('a2', png, 'photos/a2.jpg');
    await harness.handle(photoUpdate('a1', png.length, { media_group_id: 'album-7' }));
    await harness.handle(photoUpdate('a2', png.length, { media_group_id: 'album-7' }));
    expect(reader.seen).toHaveLength(0); // still collecting the album
    await new Promise((resolve) => setTimeout(resolve, 150)); // the harness's burst window is 40 ms
    await harness.drain();
    expect(reader.seen).toHaveLength(2);
    expect(harness.sentTexts()).toEqual(['Reading 2 screenshots…']);
    expect((await harness.expandReplies())[0]).toContain('Read from your 2 screenshots');
    expect(edits(harness)[0]).toContain('Level: high');
  });

  it('reads an image sent as a file, refuses HEIC with a note, and still checks a caption as text', async () => {
    const reader = scriptedReader(SCAM);
    harness = await createHarness({ images: { reader, limits: DEFAULT_IMAGE_LIMITS } });
    const png = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    harness.fake.addFile('doc', png, 'documents/chat.png');
    await harness.handle(messageUpdate({ document: { file_id: 'doc', file_unique_id: 'udoc', file_name: 'chat.png', mime_type: 'image/png', file_size: png.length } }));
    expect(edits(harness)[0]).toContain('Level: high');
    expect((await harness.expandReplies())[0]).toContain('Read from your screenshot');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]);
    harness.fake.addFile('heic', heic, 'documents/IMG_0001.HEIC');
    await harness.handle(messageUpdate({ document: { file_id: 'heic', file_unique_id: 'uheic', file_name: 'IMG_0001.HEIC', mime_type: 'image/heic', file_size: heic.length } }));
    expect(edits(harness).at(-1)).toContain('HEIC');
    expect(reader.seen).toHaveLength(1);
    await harness.handle(photoUpdate('captioned', 100, { caption: 'Mom it is me, new number, I am in trouble, send 500 dollars now' }));
    expect(harness.sentTexts().at(-1)).toContain('Level: high');
    expect(reader.seen).toHaveLength(1);
  });
});
