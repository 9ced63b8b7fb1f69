import type { Server } from 'node:http';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.ts';
import { createRulesChecker } from '../../src/core/rules-checker.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import type { Bubble } from '../../src/image/bubbles.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { closeServer, listen } from '../../src/core/listen.ts';
import { createHttpServer, type CheckResponse } from '../../adapters/http/server.ts';
import { createLogger } from '../../src/service/logger.ts';
import { scriptedReader } from '../fakes/scripted-reader.ts';

const SCAM: Bubble[] = [
  { speaker: 'other', text: 'This is Officer Daniels from the police. Transfer your savings to a safe account today and tell no one.', top: 100, bottom: 200 },
  { speaker: 'user', text: 'Which account should I use?', top: 240, bottom: 280 },
];

/** An image reader that answers from a script and records the bytes it was given (the OCR itself is tested in test/image). */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

async function start(reader: ImageReader, maxBodyBytes = 4096): Promise<{ base: string; logs: string[] }> {
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const server = createHttpServer({ checker: createRulesChecker(loadRuleset()), logger, maxBodyBytes, images: { reader, limits: DEFAULT_IMAGE_LIMITS } });
  servers.push(server);
  const address = await listen(server, '127.0.0.1', 0);
  return { base: `http://127.0.0.1:${address.port}`, logs };
}

const png = await sharp({ create: { width: 390, height: 844, channels: 3, background: '#FFFFFF' } }).png().toBuffer();

describe('POST /v1/check with a screenshot', () => {
  it('takes the image as base64 in JSON and answers with what was read', async () => {
    const reader = scriptedReader(SCAM);
    const { base, logs } = await start(reader);
    const response = await fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'image', image: png.toString('base64') }) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as CheckResponse;
    expect(Buffer.from(reader.seen[0] as Uint8Array).equals(png)).toBe(true);
    expect(body.verdict.level).toBe('high');
    expect(body.extracted).toEqual({ text: `${SCAM[0]?.text}\n${SCAM[1]?.text}`, turns: SCAM.map(({ speaker, text }) => ({ speaker, text })) });
    expect(body.reply.notes[0]).toContain('Read from your screenshot');
    expect(body.reply.notes[0]).toContain('Them: This is Officer Daniels');
    // the text's evidence points into what was read, and what the caller said weighs as the caller's
    expect(body.verdict.signals.some((signal) => signal.speaker === 'caller')).toBe(true);
    expect(logs.join('\n')).not.toContain('Officer Daniels');
    expect(logs.join('\n')).toContain('"kind":"image"');
  });

  it('takes several screenshots as one conversation ("images") and as multipart files', async () => {
    const reader = scriptedReader(SCAM);
    const { base } = await start(reader);
    const json = await fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'image', images: [png.toString('base64'), `data:image/png;base64,${png.toString('base64')}`] }) });
    expect(json.status).toBe(200);
    expect(((await json.json()) as CheckResponse).extracted?.turns).toHaveLength(4);
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'chat.png');
    form.append('language', 'zh');
    const multipart = await fetch(`${base}/v1/check`, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    const body = (await multipart.json()) as CheckResponse;
    expect(body.reply.language).toBe('zh');
    expect(body.reply.notes[0]).toContain('截图');
    expect(reader.seen).toHaveLength(3);
  });

  it('refuses HEIC, a decompression bomb, bad base64 and a multipart post from another site, with clear codes', async () => {
    const { base } = await start(scriptedReader(SCAM));
    const post = (body: unknown) => fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(40)]);
    const heicResponse = await post({ kind: 'image', image: heic.toString('base64'), language: 'en' });
    expect(heicResponse.status).toBe(415);
    expect(((await heicResponse.json()) as { error: { message: string } }).error.message).toContain('HEIC');
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(60_000, 16);
    bomb.writeUInt32BE(60_000, 20);
    expect((await post({ kind: 'image', image: bomb.toString('base64') })).status).toBe(413);
    expect((await post({ kind: 'image', image: '%%% not base64 %%%' })).status).toBe(422);
    expect((await post({ kind: 'image' })).status).toBe(422);
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'chat.png');
    // Another site's page is refused before the upload is read: the API's Origin allow-list answers 403.
    expect((await fetch(`${base}/v1/check`, { method: 'POST', body: form, headers: { origin: 'https://elsewhere.example' } })).status).toBe(403);
  });

  it('answers no readable text, a busy OCR and a timeout with their own codes', async () => {
    const post = (base: string) => fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'image', image: png.toString('base64'), language: 'zh' }) });
    const empty = await post((await start(scriptedReader([]))).base);
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'no_text', message: expect.stringContaining('没有识别出文字') });
    const busy = await post((await start(scriptedReader('busy'))).base);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('30');
    expect((await post((await start(scriptedReader('timeout'))).base)).status).toBe(503);
  });

  it('keeps the text limit for text requests', async () => {
    const { base } = await start(scriptedReader(SCAM), 4096);
    const response = await fetch(`${base}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'message', text: 'x'.repeat(5000) }) });
    expect(response.status).toBe(413);
  });
});
