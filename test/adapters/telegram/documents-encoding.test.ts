import { afterEach, describe, expect, it } from 'vitest';
import { decodeTextFile } from '../../../adapters/telegram/text-file.ts';
import { messageUpdate, testUser } from '../../fakes/fake-telegram-server.ts';
import { createHarness, type Harness } from './harness.ts';

const TRANSCRIPT_EN = [
  'Caller: This is officer Wang from the public security bureau.',
  'Callee: What is this about?',
  'Caller: Your account is involved in money laundering. You must transfer your savings to a safe account today.',
  'Caller: Do not tell anyone, not even your family, or you will be arrested.',
].join('\r\n');
const TRANSCRIPT_ZH = '来电者：我是公安局的，你的账户涉嫌洗钱。\r\n我：什么？\r\n来电者：马上把钱转到安全账户，不要告诉任何人，否则就逮捕你。';

/** GBK bytes of `text` (Node has no GBK encoder: the table is read back from the GB18030 decoder). */
function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(char) ?? []));
  }
  return Buffer.from(bytes);
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function sendFile(h: Harness, content: Buffer, fileName: string, from = testUser()): Promise<string[]> {
  const fileId = `f${fileName}${content.length}`;
  h.fake.addFile(fileId, content, `documents/${fileName}`);
  await h.handle(
    messageUpdate(
      { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, mime_type: 'text/plain', file_size: content.length } },
      { from },
    ),
  );
  await h.idle();
  expect(h.sentTexts()).toHaveLength(1);
  return h.expandReplies();
}

describe('Telegram transcript files in other encodings', () => {
  it('reads a Chinese transcript saved as GBK (Windows "ANSI")', async () => {
    harness = await createHarness();
    const texts = await sendFile(harness, encodeGbk(TRANSCRIPT_ZH), 'call.txt', testUser(4001, { language_code: 'zh' }));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('风险等级：高');
    expect(texts[0]).toContain('已作为通话记录检查');
  });

  it('reads UTF-16 with a byte order mark (Windows Notepad "Unicode")', async () => {
    harness = await createHarness();
    const texts = await sendFile(harness, Buffer.from(`\uFEFF${TRANSCRIPT_EN}`, 'utf16le'), 'call.txt');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Level: high');
  });

  it('refuses binary content named .txt with a clear message and checks nothing', async () => {
    harness = await createHarness();
    const binary = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64, 0), Buffer.from('word/document.xml')]);
    const texts = await sendFile(harness, binary, 'call.txt');
    expect(texts).toEqual([expect.stringContaining('does not look like plain text')]);
    expect(harness.logger.lines.filter((line) => line.level === 'error')).toHaveLength(0);
  });
});

describe('decodeTextFile', () => {
  it('keeps UTF-8, falls back to Windows-1252 for Western text, and refuses a PNG', () => {
    expect(decodeTextFile(Buffer.from('\uFEFFCaller: hello', 'utf8'))).toEqual({ ok: true, text: 'Caller: hello' });
    expect(decodeTextFile(Buffer.from('Caller: hello', 'utf16le'))).toEqual({ ok: true, text: 'Caller: hello' });
    expect(decodeTextFile(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x6f, 0x6b, 0x94]))).toEqual({ ok: true, text: 'café “ok”' });
    expect(decodeTextFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toEqual({ ok: false, problem: 'not_text' });
  });
});
