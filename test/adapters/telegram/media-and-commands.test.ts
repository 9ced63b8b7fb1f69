import { afterEach, describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/core/language.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { callbackQuery, commandText, messageUpdate, privateText, testUser } from '../../fakes/fake-telegram-server.ts';
import { makeVerdict } from '../../service/fake-checker.ts';
import type { Checker } from '../../../src/core/checker.ts';
import { TranscriptionError } from '../../../src/llm/transcribe.ts';
import { createHarness, type Harness } from './harness.ts';
import { countHanScripts } from '../../../src/core/chinese-script.ts';
import { ruleset } from '../../fakes/texts.ts';

const TRANSCRIPT = [
  'Caller: This is officer Wang from the public security bureau.',
  'Callee: What is this about?',
  'Caller: Your account is involved in money laundering. You must transfer your savings to a safe account today.',
  'Caller: Do not tell anyone, not even your family, or you will be arrested.',
].join('\n');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function documentUpdate(fileId: string, fileName: string, size: number, mime = 'text/plain') {
  return messageUpdate({ document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, mime_type: mime, file_size: size } });
}

function voiceUpdate(fileId: string, size = 1000) {
  return messageUpdate({ voice: { file_id: fileId, file_unique_id: `u${fileId}`, duration: 5, mime_type: 'audio/ogg', file_size: size } });
}

describe('Telegram documents and voice', () => {
  it('checks a .txt document as a call transcript', async () => {
    harness = await createHarness();
    harness.fake.addFile('doc1', `\uFEFF${TRANSCRIPT}`, 'documents/call.txt');
    await harness.handle(documentUpdate('doc1', 'call.txt', Buffer.byteLength(TRANSCRIPT) + 3));
    const [text] = await harness.expandReplies();
    expect(text).toContain('Level: high');
    expect(text).toContain('Checked as a call transcript.');
    expect(harness.fake.callsOf('downloadFile')).toHaveLength(1);
  });

  it('checks a .srt document', async () => {
    harness = await createHarness();
    const srt = `1\n00:00:01,000 --> 00:00:04,000\nThis is the police. Transfer your savings to a safe account.\n\n2\n00:00:05,000 --> 00:00:07,000\nTell no one about this call.\n`;
    harness.fake.addFile('srt1', srt, 'documents/call.srt');
    await harness.handle(documentUpdate('srt1', 'call.srt', srt.length, 'application/x-subrip'));
    expect(harness.sentTexts()[0]).toContain('Level: high');
  });

  it('refuses other documents and documents above the size limit without downloading them', async () => {
    harness = await createHarness({ config: { maxDocumentBytes: 1024 } });
    await harness.handle(documentUpdate('pdf', 'scan.pdf', 500, 'application/pdf'));
    await harness.handle(documentUpdate('big', 'call.txt', 5000));
    const texts = harness.sentTexts();
    expect(texts[0]).toContain('only read text files');
    expect(texts[1]).toContain('too large');
    expect(texts[1]).toContain('1 KB');
    expect(harness.fake.callsOf('getFile')).toHaveLength(0);
  });

  it('stops a download that turns out larger than the limit', async () => {
    harness = await createHarness({ config: { maxDocumentBytes: 1024 } });
    harness.fake.addFile('liar', 'x'.repeat(4000), 'documents/liar.txt');
    await harness.handle(documentUpdate('liar', 'liar.txt', 100));
    expect(harness.sentTexts()[0]).toContain('too large');
  });

  it('explains how to send the text when no transcriber is configured', async () => {
    harness = await createHarness();
    await harness.handle(voiceUpdate('v1'));
    expect(harness.sentTexts()[0]).toContain('type what was said');
    expect(harness.fake.callsOf('getFile')).toHaveLength(0);
  });

  it('transcribes a voice note with the transcriber and checks the text', async () => {
    const seen: { bytes: number; fileName: string; language?: string }[] = [];
    harness = await createHarness({
      transcriber: {
        async transcribe(audio, fileName, language) {
          seen.push({ bytes: audio.byteLength, fileName, ...(language ? { language } : {}) });
          return { text: 'Mom, it is me, I had an accident and lost my phone, this is my new number. Please send money now and do not tell dad.' };
        },
      },
    });
    harness.fake.addFile('v2', Buffer.alloc(321, 1), 'voice/file_2.oga');
    await harness.handle(voiceUpdate('v2', 321));
    expect(seen).toEqual([{ bytes: 321, fileName: 'voice.ogg', language: 'en' }]);
    const [text] = await harness.expandReplies();
    expect(text).toMatch(/Level: (high|medium)/);
    expect(text).toContain('Transcribed from a recording');
  });

  it("shows the transcriber's own reason when it names one (TranscriptionError)", async () => {
    harness = await createHarness({ transcriber: { transcribe: () => Promise.reject(new TranscriptionError('too_large', 'too big', { textVars: { limit: 25 } })) } });
    harness.fake.addFile('v4', Buffer.alloc(10), 'voice/4.oga');
    await harness.handle(voiceUpdate('v4', 10));
    expect(harness.sentTexts()).toEqual([expect.stringContaining('limit 25 MB')]);
  });

  it('refuses a recording above the transcriber limit without downloading it', async () => {
    harness = await createHarness({ transcriber: { maxBytes: 2 * 1024 * 1024, transcribe: () => Promise.resolve('x') } });
    await harness.handle(voiceUpdate('v5', 3 * 1024 * 1024));
    expect(harness.sentTexts()).toEqual([expect.stringContaining('limit 2 MB')]);
    expect(harness.fake.callsOf('getFile')).toHaveLength(0);
  });

  it('says so when the transcriber fails', async () => {
    harness = await createHarness({ transcriber: { transcribe: () => Promise.reject(new Error('model down')) } });
    harness.fake.addFile('v3', Buffer.alloc(10), 'voice/3.oga');
    await harness.handle(voiceUpdate('v3', 10));
    expect(harness.sentTexts()[0]).toContain('could not transcribe');
  });
});

describe('Telegram two-phase replies', () => {
  function twoPhaseChecker(refine: (instant: Verdict) => Verdict): Checker {
    return {
      secondOpinion: 'on',
      ruleset,
      check(request) {
        const instant = makeVerdict(request, 'low', { summary: 'instant summary' });
        const refined = new Promise<Verdict>((resolve) => setTimeout(() => resolve(refine(instant)), 20));
        return { instant, refined, changed: (after) => after.level !== instant.level };
      },
    };
  }

  it('edits the reply in place when the refined verdict changed', async () => {
    harness = await createHarness({
      checker: twoPhaseChecker((instant) => ({ ...instant, level: 'high', summary: 'refined <summary>', secondOpinion: { status: 'ok', explanation: 'Model says <scam> & more' } })),
    });
    await harness.handle(privateText('Hello, this is your bank.'));
    const [sent] = harness.fake.callsOf('sendMessage');
    expect(String(sent?.params.text)).toContain('pending');
    await harness.idle();
    const edits = harness.fake.callsOf('editMessageText');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.params.message_id).toBeTypeOf('number');
    const edited = String(edits[0]?.params.text);
    expect(edited).toContain('Level: high');
    const [shown] = await harness.expandReplies();
    expect(shown).toContain('refined &lt;summary&gt;');
    expect(shown).toContain('Model says &lt;scam&gt; &amp; more');
    expect(edited).not.toContain('pending');
    expect(harness.fake.callsOf('sendMessage')).toHaveLength(1);
  });
});

describe('Telegram commands', () => {
  it('answers /start, /help, /safeword and /privacy in HTML without saying a message is safe', async () => {
    harness = await createHarness();
    for (const command of ['/start', '/help', '/safeword', '/privacy']) await harness.handle(commandText(command));
    const calls = harness.fake.callsOf('sendMessage');
    expect(calls).toHaveLength(4);
    expect(calls.every((call) => call.params.parse_mode === 'HTML')).toBe(true);
    const [start, help, safeword, privacy] = calls.map((call) => String(call.params.text));
    expect(start).toContain('Forward me a message');
    expect(help).toContain('What I keep');
    expect(help).toContain('256 KB');
    expect(help).toContain('transcription is not configured');
    expect(safeword).toContain('never ask for your safe word and never store it');
    expect(privacy).toContain('No AI service is configured');
    for (const text of [start, help, safeword, privacy]) expect(text).not.toMatch(/\bis safe\b|\bit's safe\b/i);
    expect(harness.fake.callsOf('sendMessage').some((call) => String(call.params.text).includes('Level:'))).toBe(false);
  });

  it('/lang zh switches the user to Chinese: commands and verdicts fully in Chinese', async () => {
    harness = await createHarness();
    const user = testUser(3003, { language_code: 'en' });
    await harness.handle(commandText('/lang zh', { from: user }));
    await harness.handle(privateText('This is the police. Transfer your savings to a safe account today and tell no one.', { from: user }));
    await harness.handle(commandText('/help', { from: user }));
    const [confirmation, verdict, help] = harness.sentTexts();
    expect(confirmation).toBe('语言已设为简体中文。');
    expect(verdict).toContain('风险等级：高');
    // only the quoted evidence may be English: everything the bot wrote itself is Chinese
    const withoutQuotes = String(verdict).replace(/“[^”]*”/g, '').replaceAll('Safeword', '');
    expect(withoutQuotes).not.toMatch(/[A-Za-z]{3,}/);
    expect(help).toContain('我能做什么');
    expect(await harness.store.get('lang:3003')).toBe('zh');
  });

  it('defaults to the Telegram language, offers buttons, and switches back by button', async () => {
    harness = await createHarness();
    const user = testUser(4004, { language_code: 'zh-hans' });
    await harness.handle(commandText('/lang', { from: user }));
    const [prompt] = harness.fake.callsOf('sendMessage');
    expect(prompt?.params.text).toBe('请选择语言：');
    const keyboard = (prompt?.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    expect(keyboard[0]?.map((button) => button.callback_data)).toEqual(['lang:en', 'lang:zh', 'lang:zh-Hant', 'lang:es', 'lang:fr']);
    expect(keyboard[0]?.map((button) => (button as { text?: string }).text)).toEqual(['English', '简体中文', '繁體中文', 'Español', 'Français']);
    await harness.handle(callbackQuery('lang:en', { from: user }));
    expect(harness.fake.callsOf('answerCallbackQuery')[0]?.params.text).toBe('Language set to English.');
    await harness.handle(commandText('/start', { from: user }));
    expect(harness.sentTexts().at(-1)).toContain('Hello! I am Safeword');
  });
});

describe('Telegram in Spanish', () => {
  it('/lang offers Español, an es-* app language defaults to it, and the verdict is Spanish except the quotes', async () => {
    harness = await createHarness();
    const user = testUser(6006, { language_code: 'es-MX' });
    await harness.handle(commandText('/help', { from: user }));
    expect(harness.sentTexts()[0]).toContain('Qué hago');
    await harness.handle(commandText('/lang', { from: user }));
    const prompt = harness.fake.callsOf('sendMessage').at(-1);
    expect(prompt?.params.text).toBe('Elija su idioma:');
    const keyboard = (prompt?.params.reply_markup as { inline_keyboard: { callback_data: string; text: string }[][] }).inline_keyboard[0]!;
    expect(keyboard.find((button) => button.callback_data === 'lang:es')?.text).toBe('Español');
    const english = testUser(6007, { language_code: 'en' });
    await harness.handle(callbackQuery('lang:es', { from: english }));
    expect(harness.fake.callsOf('answerCallbackQuery').at(-1)?.params.text).toBe('Idioma cambiado a Español.');
    expect(await harness.store.get('lang:6007')).toBe('es');
    await harness.handle(privateText('This is the police. Transfer your savings to a safe account today and tell no one.', { from: english }));
    const verdict = String(harness.sentTexts().at(-1));
    expect(verdict).toContain('Nivel: alto');
    expect(verdict).toContain('Riesgo alto');
    const withoutQuotes = verdict.replace(/“[^”]*”|"[^"]*"/g, '').replaceAll('Safeword', '');
    expect(withoutQuotes).not.toMatch(/\p{Script=Han}/u);
    for (const line of withoutQuotes.replace(/<[^>]+>/g, '').split('\n').filter((text) => text.trim().split(/\s+/).length >= 4)) {
      expect(detectLanguage(line), line).not.toBe('en');
    }
    await harness.handle(commandText('/lang english', { from: english }));
    await harness.handle(commandText('/lang español', { from: english }));
    expect(harness.sentTexts().at(-1)).toBe('Idioma cambiado a Español.');
  });
});

describe('Telegram in Traditional Chinese', () => {
  it('/lang offers 繁體中文, and a zh-hant, zh-TW or zh-HK app language defaults to it', async () => {
    harness = await createHarness();
    const user = testUser(5005, { language_code: 'zh-hant' });
    await harness.handle(commandText('/help', { from: user }));
    await harness.handle(callbackQuery('lang:zh-Hant', { from: user }));
    expect(harness.sentTexts()[0]).toContain('我能做什麼');
    expect(harness.fake.callsOf('answerCallbackQuery')[0]?.params.text).toBe('語言已設為繁體中文。');
    expect(await harness.store.get('lang:5005')).toBe('zh-Hant');
    for (const [id, code] of [[5006, 'zh-tw'], [5007, 'zh-HK']] as const) {
      await harness.handle(commandText('/start', { from: testUser(id, { language_code: code }) }));
      expect(countHanScripts(String(harness.sentTexts().at(-1))).simplified).toBe(0);
    }
  });

  it('answers a text in Traditional characters in Traditional characters, never mixed', async () => {
    harness = await createHarness();
    const user = testUser(5008, { language_code: 'zh-hans' });
    await harness.handle(privateText('您好，這裡是警察局，您的帳戶涉嫌洗錢，請把資金轉入安全帳戶，不要告訴任何人。', { from: user }));
    const [verdict] = harness.sentTexts();
    expect(verdict).toContain('風險等級：高');
    expect(countHanScripts(String(verdict)).simplified).toBe(0);
    await harness.handle(commandText('/lang 繁體', { from: user }));
    await harness.handle(privateText('This is the police. Transfer your savings to a safe account today and tell no one.', { from: user }));
    const last = String(harness.sentTexts().at(-1));
    expect(last).toContain('高風險');
    expect(countHanScripts(last).simplified).toBe(0);
  });
});

describe('Telegram group commands and unknown commands in a private chat', () => {
  it('/check <text> in a private chat checks the text; bare /check asks for it', async () => {
    harness = await createHarness();
    await harness.handle(commandText('/check This is the police. Transfer your savings to a safe account today and tell no one.'));
    await harness.handle(commandText('/check'));
    const [verdict, prompt] = harness.sentTexts();
    expect(verdict).toContain('Level: high');
    expect(prompt).toContain('Please send me the text');
  });

  it('explains that /watch and /checkin belong in a family group, and answers an unknown command, in one language', async () => {
    harness = await createHarness();
    const user = testUser(4005, { language_code: 'zh-CN' });
    for (const command of ['/checkin @anna', '/watch on', '/frobnicate']) await harness.handle(commandText(command, { from: user }));
    const [checkin, watch, unknown] = harness.sentTexts();
    expect(checkin).toContain('家庭群');
    expect(watch).toBe(checkin);
    expect(unknown).toContain('/help');
    for (const text of [checkin, unknown]) expect(String(text).replace(/\/\w+/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('Telegram recordings sent as files', () => {
  it('transcribes an audio file sent as a document (a voice memo or call recording shared as a file)', async () => {
    const seen: string[] = [];
    harness = await createHarness({
      transcriber: {
        async transcribe(_audio, fileName) {
          seen.push(fileName);
          return 'This is the police. Transfer your savings to a safe account today and tell no one.';
        },
      },
    });
    harness.fake.addFile('m4a', Buffer.alloc(500, 1), 'documents/memo.m4a');
    await harness.handle(documentUpdate('m4a', 'Call with bank.m4a', 500, 'audio/x-m4a'));
    expect(seen).toEqual(['Call with bank.m4a']);
    const [text] = await harness.expandReplies();
    expect(text).toContain('Level: high');
    expect(text).toContain('Transcribed from a recording');
  });

  it('asks for the words when a recording arrives as a file and no transcriber is configured', async () => {
    harness = await createHarness();
    await harness.handle(documentUpdate('mp3', 'call.mp3', 500, 'audio/mpeg'));
    expect(harness.sentTexts()).toEqual([expect.stringContaining('type what was said')]);
  });
});
