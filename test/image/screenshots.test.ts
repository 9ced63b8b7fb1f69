/**
 * The image pipeline end to end on generated chat screenshots: real PaddleOCR in a worker thread, bubbles and
 * speakers, accuracy, and the verdict compared with the same conversation typed in. Needs fonts-noto-cjk
 * (.ci/run installs it). The full set (130 screenshots) is measured by `npm run bench:ocr`.
 */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/core/render-text.ts';
import { buildReply } from '../../src/core/reply.ts';
import { createRulesChecker } from '../../src/core/rules-checker.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { transcriptText } from '../../src/image/conversation.ts';
import { readingCheck, readScreenshots, withReadNote } from '../../src/image/image-check.ts';
import { DEFAULT_IMAGE_LIMITS } from '../../src/image/image-limits.ts';
import { OcrError, OcrPool } from '../../src/image/ocr-pool.ts';
import { characterAccuracy } from '../screenshots/accuracy.ts';
import { CHAT_LAYOUTS } from '../screenshots/chat-layouts.ts';
import { CHAT_SCRIPTS } from '../screenshots/chat-scripts.ts';
import { renderChat } from '../screenshots/render-chat.ts';

const OCR_TIMEOUT = 180_000; // the models load once (about 2 s alone), then each screenshot takes 1–3 s of CPU
const pool = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 60_000 });
afterAll(() => pool.close());
const ruleset = loadRuleset();
const checker = createRulesChecker(ruleset);

/** The text without accents, tildes and the opening ¿ ¡ (what the rules' normalization leaves of it). */
function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[¿¡]/g, '');
}

function layout(app: string, mode: string) {
  const found = CHAT_LAYOUTS.find((candidate) => candidate.app === app && candidate.mode === mode);
  if (!found) throw new Error(`no layout ${app} ${mode}`);
  return found;
}
function script(id: string) {
  const found = CHAT_SCRIPTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no script ${id}`);
  return found;
}

const CASES = [
  { script: 'en-police', app: 'whatsapp', mode: 'dark', minimum: 0.95 },
  { script: 'en-benign-dinner', app: 'imessage', mode: 'light', minimum: 0.95 },
  { script: 'zh-hans-police', app: 'wechat', mode: 'light', minimum: 0.95 },
  { script: 'zh-hans-new-number', app: 'line', mode: 'dark', minimum: 0.95 },
  // PP-OCRv4's dictionary lacks common Traditional characters (週 麼 錢 須 訴); Tesseract's chi_tra fills them in
  // (traditional-reread.ts). Without it these two read 87.5% and 89.6%.
  { script: 'zh-hant-police', app: 'sms', mode: 'light', minimum: 0.95 },
  { script: 'zh-hant-benign-dinner', app: 'wechat', mode: 'dark', minimum: 0.95 },
  { script: 'zh-hant-police', app: 'line', mode: 'dark', minimum: 0.95 },
  { script: 'zh-hant-installment', app: 'imessage', mode: 'light', minimum: 0.95 },
  // PaddleOCR drops 診 (a cell's blank where it stood), writes 你 for 妳 (its runner-up there) and its detector's
  // box ends before the last bubble's centred 。: 91.9% and 93.5% before those were taken from Tesseract's reading.
  { script: 'zh-hant-benign-clinic', app: 'imessage', mode: 'light', minimum: 0.95 },
  { script: 'zh-hant-benign-clinic', app: 'wechat', mode: 'dark', minimum: 0.95 },
  // Tesseract's single-line mode read the second line "一起去嗎？" as nothing here, and its 嗎 (not in PaddleOCR's
  // dictionary) was lost: 98.4%; read again as a raw line when empty (line-rereader.ts), 100%.
  { script: 'zh-hant-benign-clinic', app: 'imessage', mode: 'dark', minimum: 0.99 },
  // PP-OCRv4 (trained on Chinese) writes á í ó ú ñ as a i o u n (é it keeps) and ¿ ¡ as nothing or as z i ; : &;
  // Tesseract's spa puts them back (spanish-reread.ts): 94.6–97.4% of the characters with accents without it,
  // 99.8% with it on all 20 Spanish screenshots (99.3–100% without accents either way).
  { script: 'es-new-number', app: 'whatsapp', mode: 'light', minimum: 0.98, withoutAccents: 0.98 },
  { script: 'es-benign-lunch', app: 'sms', mode: 'dark', minimum: 0.98, withoutAccents: 0.98 },
];

describe('chat screenshots', () => {
  it.each(CASES)('$script in $app $mode: bubbles, speakers, text and verdict', async (entry) => {
    const rendered = renderChat(script(entry.script), layout(entry.app, entry.mode));
    const reading = await readScreenshots([rendered.png], pool, DEFAULT_IMAGE_LIMITS);
    if (!reading.ok) throw new Error(`not read: ${reading.problem}`);
    expect(reading.extracted.turns.map((turn) => turn.speaker)).toEqual(rendered.bubbles.map((bubble) => (bubble.side === 'other' ? 'other' : 'user')));
    const accuracy = characterAccuracy(rendered.bubbles.map((bubble) => bubble.text), reading.extracted.turns.map((turn) => turn.text));
    expect(accuracy).toBeGreaterThanOrEqual(entry.minimum);
    if (entry.withoutAccents !== undefined) {
      const stripped = characterAccuracy(rendered.bubbles.map((bubble) => withoutAccents(bubble.text)), reading.extracted.turns.map((turn) => withoutAccents(turn.text)));
      expect(stripped).toBeGreaterThanOrEqual(entry.withoutAccents);
    }
    // The same conversation typed in: the verdict's level and categories match.
    const typed = transcriptText({ text: '', turns: rendered.bubbles.map((bubble) => ({ speaker: bubble.side, text: bubble.text })) });
    const fromImage = checker.check(reading.request).instant;
    const fromText = checker.check({ kind: 'transcript', text: typed }).instant;
    expect(fromImage.level).toBe(fromText.level);
    expect(fromImage.categories.toSorted()).toEqual(fromText.categories.toSorted());
    expect(fromImage.level === 'none' || fromImage.level === 'low').toBe(script(entry.script).kind === 'benign');
  }, OCR_TIMEOUT);

  it('answers a Spanish screenshot in Spanish, quoting what was read', async () => {
    const rendered = renderChat(script('es-new-number'), layout('imessage', 'dark'));
    const reading = await readScreenshots([rendered.png], pool, DEFAULT_IMAGE_LIMITS);
    if (!reading.ok) throw new Error(`not read: ${reading.problem}`);
    // An English interface: the reply still follows the language of the text read.
    const { request, language, notes } = readingCheck(ruleset.t, reading, 'en');
    expect(language).toBe('es');
    const verdict = checker.check(request).instant;
    expect(verdict.level).toBe('high');
    const reply = withReadNote(ruleset.t, buildReply(verdict, { ruleset, secondOpinion: 'off' }), reading.extracted);
    expect(reply.language).toBe('es');
    expect(reply.notes[0]).toBe(notes[0]);
    const text = renderText(reply, ruleset.t, { details: true });
    expect(text).toContain(ruleset.t('es', 'image.read_note'));
    // Quoted as it was written, accents and all: the quote comes from what was read, not from the folded text.
    const first = reading.extracted.turns[0];
    expect(first?.text).toBe('Hola mamá, este es mi nuevo número. Se me cayó el móvil y se rompió la pantalla.');
    expect(text).toContain(`${ruleset.t('es', 'image.speaker_other')}: ${first?.text}`);
    expect(text).toContain(`${ruleset.t('es', 'image.speaker_user')}: ¿Estás bien, hija?`);
    expect(text).toContain(`${ruleset.t('es', 'image.speaker_user')}: `);
    expect(text).not.toMatch(/\b(Them|You): /);
  }, OCR_TIMEOUT);

  it('reads an album of two screenshots as one conversation, in order', async () => {
    const first = renderChat(script('zh-hans-new-number'), layout('sms', 'dark'));
    const second = renderChat(script('zh-hans-benign-dinner'), layout('sms', 'dark'));
    const reading = await readScreenshots([first.png, second.png], pool, DEFAULT_IMAGE_LIMITS);
    if (!reading.ok) throw new Error(`not read: ${reading.problem}`);
    expect(reading.images).toBe(2);
    expect(reading.extracted.turns).toHaveLength(first.bubbles.length + second.bubbles.length);
    expect(reading.extracted.turns[first.bubbles.length]?.text).toContain('周日');
  }, OCR_TIMEOUT);

  it('answers a plain text check while a screenshot is being read, without waiting for it', async () => {
    // By order, not by time (`npm run bench:ocr` measures how long the check and an event-loop turn take meanwhile):
    // a text checked after the read started, and a turn of the event loop queued after that check, both come
    // before the read ends. OCR run on this thread (the check after it, or its work holding up the loop until it
    // is done) would put the read first.
    const rendered = renderChat(script('en-police'), layout('line', 'light'));
    const order: string[] = [];
    const reading = readScreenshots([rendered.png], pool, DEFAULT_IMAGE_LIMITS).then((result) => {
      order.push('screenshot read');
      return result;
    });
    const verdict = checker.check({ kind: 'message', text: 'This is the police. Transfer your savings to a safe account and tell no one.' }).instant;
    order.push('text checked');
    await new Promise((resolve) => setImmediate(resolve));
    order.push('event loop turned');
    expect(verdict.level).toBe('high');
    expect((await reading).ok).toBe(true);
    expect(order).toEqual(['text checked', 'event loop turned', 'screenshot read']);
  }, OCR_TIMEOUT);

  it('says so when an image has no readable text', async () => {
    const blank = await sharp({ create: { width: 1080, height: 2340, channels: 3, background: '#EDEDED' } }).png().toBuffer();
    expect(await readScreenshots([blank], pool, DEFAULT_IMAGE_LIMITS)).toEqual({ ok: false, problem: 'no_text' });
  }, OCR_TIMEOUT);

  it('refuses a damaged file whose header looks right', async () => {
    const png = await sharp({ create: { width: 400, height: 800, channels: 3, background: '#FFFFFF' } }).png().toBuffer();
    const damaged = Buffer.concat([png.subarray(0, 40), Buffer.alloc(200, 0x55)]);
    expect(await readScreenshots([damaged], pool, DEFAULT_IMAGE_LIMITS)).toEqual({ ok: false, problem: 'decode' });
  }, OCR_TIMEOUT);

  it('stops a read that takes too long and keeps working after it', async () => {
    const hurried = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 1 });
    try {
      const rendered = renderChat(script('en-new-number'), layout('sms', 'light'));
      const error = await hurried.read(rendered.png).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OcrError);
      expect((error as OcrError).code).toBe('timeout');
    } finally {
      await hurried.close();
    }
    // the shared pool is unaffected
    const rendered = renderChat(script('en-new-number'), layout('sms', 'light'));
    expect((await pool.read(rendered.png)).bubbles.length).toBe(rendered.bubbles.length);
  }, OCR_TIMEOUT);

  it('refuses more images than the queue holds as busy', async () => {
    const small = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, queueLimit: 1 });
    try {
      const png = renderChat(script('en-benign-dinner'), layout('sms', 'light')).png;
      const reads = [small.read(png), small.read(png)].map((read) => read.catch((error: unknown) => error));
      const results = await Promise.all(reads);
      expect(results.filter((result) => result instanceof OcrError && result.code === 'busy')).toHaveLength(1);
    } finally {
      await small.close();
    }
  }, OCR_TIMEOUT);
});
