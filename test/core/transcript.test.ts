import { describe, expect, it } from 'vitest';
import { decodeJsonString, parseJsonWithPositions, JsonPositionError } from '../../src/core/json-positions.ts';
import { assignRoles, explicitRole } from '../../src/core/speaker-role.ts';
import { transcriptSource } from '../../src/core/transcript-source.ts';
import { parseTranscript, turnsBy, type Transcript, type Turn } from '../../src/core/transcript.ts';

/** The whitespace the parser trims around lines (ASCII, no-break, ideographic, BOM and the U+2000 block). */
const PADDING = /^[ \t\v\f\u00a0\u2000-\u200b\u3000\ufeff]+|[ \t\v\f\u00a0\u2000-\u200b\u3000\ufeff]+$/g;

/** Trims every line, drops blank ones and joins the rest with "\n" (how a multi-line turn's text is built). */
function joinLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(PADDING, ''))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Removes WebVTT/SRT markup: `<…>` tags and `{\…}` override codes. */
function stripMarkup(text: string): string {
  return text.replace(/<[^<>]*>/g, '').replace(/\{\\[^{}]*\}/g, '');
}

/** A short description of a string for failure messages (hostile inputs are huge). */
function short(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…(${text.length})` : text);
}

/**
 * The documented contract of Turn.start/end: [start, end) covers the turn's text in the original input.
 * Lines/plain: the slice IS the text (multi-line turns: lines trimmed, joined with "\n"). SRT/WebVTT: the
 * same after removing markup. JSON: the slice is the string's text; for a string with escapes, the literal's
 * content, which decodes to the text.
 */
function expectSpansPointIntoOriginal(original: string, transcript: Transcript): void {
  for (const turn of transcript.turns) {
    expect(turn.text.length).toBeGreaterThan(0);
    expect(turn.start).toBeGreaterThanOrEqual(0);
    expect(turn.end).toBeLessThanOrEqual(original.length);
    expect(turn.start).toBeLessThan(turn.end);
    const slice = original.slice(turn.start, turn.end);
    let expected: string;
    switch (transcript.format) {
      case 'plain':
        expected = slice;
        break;
      case 'lines':
        expected = joinLines(slice);
        break;
      case 'srt':
      case 'webvtt':
        expected = joinLines(stripMarkup(slice));
        break;
      case 'json':
        expected = slice.includes('\\') ? (JSON.parse(`"${slice}"`) as string).trim() : slice;
        break;
    }
    if (expected !== turn.text) {
      expect.fail(`${transcript.format} turn [${turn.start}, ${turn.end}) holds ${short(slice)} but its text is ${short(turn.text)}`);
    }
  }
}

function parsed(text: string): Transcript {
  const transcript = parseTranscript(text);
  expectSpansPointIntoOriginal(text, transcript);
  return transcript;
}

function summary(transcript: Transcript): Array<[string, string, string]> {
  return transcript.turns.map((turn: Turn) => [turn.speaker, turn.role, turn.text]);
}

describe('speaker lines', () => {
  it('parses English "Speaker: text" lines with roles and offsets', () => {
    const text = 'Caller: Hello, this is the police.\nMe: What happened?\nCaller: You must pay a fine.';
    const transcript = parsed(text);
    expect(transcript.format).toBe('lines');
    expect(summary(transcript)).toEqual([
      ['Caller', 'caller', 'Hello, this is the police.'],
      ['Me', 'callee', 'What happened?'],
      ['Caller', 'caller', 'You must pay a fine.'],
    ]);
    expect(text.slice(transcript.turns[1]!.start, transcript.turns[1]!.end)).toBe('What happened?');
  });

  it('parses Chinese lines with the full-width colon, with and without spaces around it', () => {
    const text = '来电者：你好，我是公安局的。\n我：什么事？\n来电者 ： 请把钱转到安全账户';
    const transcript = parsed(text);
    expect(transcript.format).toBe('lines');
    expect(summary(transcript)).toEqual([
      ['来电者', 'caller', '你好，我是公安局的。'],
      ['我', 'callee', '什么事？'],
      ['来电者', 'caller', '请把钱转到安全账户'],
    ]);
  });

  it('keeps multi-line turns together, with CRLF, blank lines and padding', () => {
    const text = 'Officer Li:  Line one  \r\n   line two\r\n\r\nVictim: ok\r\nCaller:\r\nHello there\r\n';
    const transcript = parsed(text);
    expect(summary(transcript)).toEqual([
      ['Officer Li', 'caller', 'Line one\nline two'],
      ['Victim', 'callee', 'ok'],
      ['Caller', 'caller', 'Hello there'],
    ]);
  });

  it('accepts time stamps and bracketed labels, and keeps text before the first label as an unnamed turn', () => {
    expect(summary(parsed('[00:01:02] Caller: hi\n[00:01:05] Me: what'))).toEqual([
      ['Caller', 'caller', 'hi'],
      ['Me', 'callee', 'what'],
    ]);
    expect(summary(parsed('[Scammer]: pay\n[Victim]: no'))).toEqual([
      ['Scammer', 'caller', 'pay'],
      ['Victim', 'callee', 'no'],
    ]);
    expect(summary(parsed('Recorded on Monday\nCaller: hi\nMe: yes'))).toEqual([
      ['', 'unknown', 'Recorded on Monday'],
      ['Caller', 'caller', 'hi'],
      ['Me', 'callee', 'yes'],
    ]);
  });

  it('splits a dialogue pasted as one line at the speakers\' labels', () => {
    expect(summary(parsed('Suspect: Hi. Innocent: Who is this? Suspect: Police.'))).toEqual([
      ['Suspect', 'caller', 'Hi.'],
      ['Innocent', 'callee', 'Who is this?'],
      ['Suspect', 'caller', 'Police.'],
    ]);
    expect(summary(parsed('骗子：你好，我是警察。我：啊？骗子：请转账。'))).toEqual([
      ['骗子', 'caller', '你好，我是警察。'],
      ['我', 'callee', '啊？'],
      ['骗子', 'caller', '请转账。'],
    ]);
  });

  it('does not take times, URLs or prose for labels', () => {
    const transcript = parsed('Caller: Meet me at 10:30 or see https://example.com: it is urgent\nMe: he said: no');
    expect(summary(transcript)).toEqual([
      ['Caller', 'caller', 'Meet me at 10:30 or see https://example.com: it is urgent'],
      ['Me', 'callee', 'he said: no'],
    ]);
  });
});

describe('messages that are not transcripts', () => {
  it.each([
    ['a stray Note:', 'Hi mum, new phone.\nNote: I lost the old one.\nLove, Tom'],
    ['an inline Note:', 'Hi mum, new number. Note: I lost my phone.'],
    ['mail headers', 'From: Bank\nSubject: Alert\nYour account is locked.'],
    ['Chinese fields', '温馨提示：您的快递已到。\n地址：幸福路 8 号'],
    ['one label once', 'Dear John: the rent is due on Friday.'],
    ['a greeting that names the callee', 'Dear Customer: your account is frozen. Move your money to a safe account.'],
    ['times', 'Meeting at 10:30.\nLunch at 12:15.'],
    ['no speakers at all', 'Your parcel is held at customs.\nPay the fee at the link.'],
  ])('keeps %s as one plain turn', (_name, text) => {
    const transcript = parsed(text);
    expect(transcript.format).toBe('plain');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]).toMatchObject({ speaker: '', role: 'unknown', text: joinLines(text), start: 0, end: text.length });
  });

  it('trims the plain turn to the text and returns no turns for blank input', () => {
    const text = '\ufeff  \n Transfer the money now. \n ';
    expect(parsed(text).turns).toEqual([{ speaker: '', role: 'unknown', text: 'Transfer the money now.', start: 5, end: 28 }]);
    expect(parseTranscript('')).toEqual({ format: 'plain', turns: [] });
    expect(parseTranscript(' \n\t\u3000')).toEqual({ format: 'plain', turns: [] });
  });
});

describe('SRT', () => {
  it('parses cues, drops numbers, timings and markup, and reads "Name:" labels', () => {
    const text =
      '1\n00:00:01,000 --> 00:00:02,500\nCaller: This is the <b>police</b>.\n\n' +
      '2\r\n00:00:03,000 --> 00:00:04,000\r\nMe: What?\r\n\r\n' +
      '3\n00:00:05,000 --> 00:00:07,000\n{\\an8}<font color="red">Caller: transfer</font>\nthe money today\n';
    const transcript = parsed(text);
    expect(transcript.format).toBe('srt');
    expect(summary(transcript)).toEqual([
      ['Caller', 'caller', 'This is the police.'],
      ['Me', 'callee', 'What?'],
      ['Caller', 'caller', 'transfer\nthe money today'],
    ]);
  });

  it('keeps cue text without a label as a turn without a speaker', () => {
    const transcript = parsed('1\n00:00:01,000 --> 00:00:02,000\nhello there\n');
    expect(transcript.format).toBe('srt');
    expect(summary(transcript)).toEqual([['', 'unknown', 'hello there']]);
  });
});

describe('WebVTT', () => {
  it('skips the header, NOTE, STYLE and REGION blocks and reads <v> voice tags', () => {
    const text = [
      'WEBVTT - call recording',
      'Kind: captions',
      'Language: en',
      '',
      'NOTE this note mentions Caller: nobody',
      'and runs over two lines',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'cue-1',
      '00:00:01.000 --> 00:00:02.000 align:start',
      '<v Officer Wang>You are under <i>investigation</i></v>',
      '',
      '00:02.000 --> 00:03.000',
      '<v.loud Me>What?',
      '<v Officer Wang>Stay on the line.',
      '',
    ].join('\n');
    const transcript = parsed(text);
    expect(transcript.format).toBe('webvtt');
    expect(summary(transcript)).toEqual([
      ['Officer Wang', 'caller', 'You are under investigation'],
      ['Me', 'callee', 'What?'],
      ['Officer Wang', 'caller', 'Stay on the line.'],
    ]);
  });

  it('reads "Name:" labels in cues and keeps karaoke time tags out of the text', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:02.000\nScammer: <00:01.500>pay <c.red>now</c>\n\n00:02.000 --> 00:03.000\nVictim: no\n';
    expect(summary(parsed(text))).toEqual([
      ['Scammer', 'caller', 'pay now'],
      ['Victim', 'callee', 'no'],
    ]);
  });
});

describe('JSON turns', () => {
  it('parses an array of {speaker, text} with escapes and padding', () => {
    const text = '[{"speaker":"Caller","text":"This is \\"the police\\""},{"speaker":"Me","text":"  what?  "}]';
    const transcript = parsed(text);
    expect(transcript.format).toBe('json');
    expect(summary(transcript)).toEqual([
      ['Caller', 'caller', 'This is "the police"'],
      ['Me', 'callee', 'what?'],
    ]);
    // Without escapes the range is exactly the text.
    expect(text.slice(transcript.turns[1]!.start, transcript.turns[1]!.end)).toBe('what?');
  });

  it('parses chat-style {role, content} messages under "messages"', () => {
    const text = '{"messages":[{"role":"assistant","content":"pay now \\u0041"},{"role":"user","content":"no"}]}';
    expect(summary(parsed(text))).toEqual([
      ['assistant', 'caller', 'pay now A'],
      ['user', 'callee', 'no'],
    ]);
  });

  it('parses {turns: [{from, message}]}, a bare list of strings and a single object', () => {
    expect(summary(parsed('{"turns":[{"from":"Officer","message":"hi"},{"from":"Me","message":"ok"}]}'))).toEqual([
      ['Officer', 'caller', 'hi'],
      ['Me', 'callee', 'ok'],
    ]);
    expect(summary(parsed('["hello", "there"]'))).toEqual([
      ['', 'unknown', 'hello'],
      ['', 'unknown', 'there'],
    ]);
    expect(summary(parsed('{"speaker":"骗子","text":"请转账"}'))).toEqual([['骗子', 'caller', '请转账']]);
  });

  it('reads the segments of a speech-to-text result (no speakers)', () => {
    const text = '{"text":" Hello. This is the police.","segments":[{"id":0,"start":0.0,"end":1.2,"text":" Hello."},{"id":1,"start":1.2,"end":3.0,"text":" This is the police."}],"language":"en"}';
    const transcript = parsed(text);
    expect(transcript.format).toBe('json');
    expect(summary(transcript)).toEqual([
      ['', 'unknown', 'Hello.'],
      ['', 'unknown', 'This is the police.'],
    ]);
  });

  it('lets a role field decide over the speaker name', () => {
    const text = '[{"name":"Wang","role":"caller","text":"pay"},{"name":"Ann","role":"callee","text":"why"}]';
    expect(summary(parsed(text))).toEqual([
      ['Wang', 'caller', 'pay'],
      ['Ann', 'callee', 'why'],
    ]);
  });

  it('interleaves the TeleAntiFraud {left, right} shape, left first', () => {
    const text = '{"left":["我是警察","转账"],"right":["啊？"]}';
    const transcript = parsed(text);
    expect(summary(transcript)).toEqual([
      ['left', 'caller', '我是警察'],
      ['right', 'callee', '啊？'],
      ['left', 'caller', '转账'],
    ]);
  });

  it('skips items without text and falls back when nothing is a turn', () => {
    expect(summary(parsed('[{"speaker":"Caller","text":"hi"},{"speaker":"Me"},42,{"speaker":"Me","text":"   "}]'))).toEqual([
      ['Caller', 'caller', 'hi'],
    ]);
    const numbers = parsed('[1, 2, 3]');
    expect(numbers.format).toBe('plain');
    expect(numbers.turns[0]?.text).toBe('[1, 2, 3]');
  });
});

describe('roles', () => {
  it.each([
    ['Caller', 'caller'],
    ['Scammer', 'caller'],
    ['Officer Li', 'caller'],
    ['Detective Sergeant John Smith', 'caller'],
    ['Bank Customer Service', 'caller'],
    ['来电者', 'caller'],
    ['骗子', 'caller'],
    ['张警官', 'caller'],
    ['left', 'caller'],
    ['Me', 'callee'],
    ['Victim', 'callee'],
    ['Callee', 'callee'],
    ['我', 'callee'],
    ['受害人', 'callee'],
    ['right', 'callee'],
    ['Customer', 'callee'],
    ['Llamante', 'caller'],
    ['Agente Pérez', 'caller'],
    ['Policía', 'caller'],
    ['Servicio al cliente', 'caller'],
    ['Yo', 'callee'],
    ['Víctima', 'callee'],
    ['Appelant', 'caller'],
    ['Conseillère bancaire', 'caller'],
    ['Gendarme Martin', 'caller'],
    ['Moi', 'callee'],
    ['Victime', 'callee'],
    ['Chiamante', 'caller'],
    ['Operatore banca', 'caller'],
    ['Io', 'callee'],
    ['Vittima', 'callee'],
  ] as const)('%s is the %s', (label, role) => {
    expect(explicitRole(label)).toBe(role);
  });

  it.each(['Mom', 'Tom', 'A', '妈妈', 'Speaker 1', 'Meme', 'mention', 'Mamá', 'Yolanda', 'Abuela', 'Maman', 'Papa', 'Nonna', 'Moira', 'Iolanda'])('%s names no role', (label) => {
    expect(explicitRole(label)).toBeUndefined();
  });

  it('gives the unlabeled speaker the opposite of a labeled one', () => {
    expect(summary(parsed('Mom: help me\nScammer: pay the ransom\nMom: please'))).toEqual([
      ['Mom', 'callee', 'help me'],
      ['Scammer', 'caller', 'pay the ransom'],
      ['Mom', 'callee', 'please'],
    ]);
    expect(summary(parsed('张三：喂？\n我：你是谁？'))).toEqual([
      ['张三', 'caller', '喂？'],
      ['我', 'callee', '你是谁？'],
    ]);
  });

  it('makes the first of two unlabeled speakers the caller', () => {
    expect(summary(parsed('A: hi, I am from your bank\nB: hello\nA: read me the code'))).toEqual([
      ['A', 'caller', 'hi, I am from your bank'],
      ['B', 'callee', 'hello'],
      ['A', 'caller', 'read me the code'],
    ]);
    expect(assignRoles([{ speaker: 'Tom' }, { speaker: 'Ann' }, { speaker: 'tom' }])).toEqual(['caller', 'callee', 'caller']);
  });

  it('does not guess roles for two unlabeled labels that never take turns', () => {
    const transcript = parsed('URGENT: A police case is open against you.\nACTION REQUIRED: transfer your money to a safe account');
    expect(transcript.turns.map((turn) => turn.role)).toEqual(['unknown', 'unknown']);
    expect(assignRoles([{ speaker: 'Tom' }, { speaker: 'Tom' }, { speaker: 'Ann' }])).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('leaves three unlabeled speakers and unnamed turns unknown', () => {
    expect(assignRoles([{ speaker: 'A' }, { speaker: 'B' }, { speaker: 'C' }, { speaker: '' }])).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(assignRoles([{ speaker: 'A' }, { speaker: 'Caller' }, { speaker: 'C' }])).toEqual(['unknown', 'caller', 'unknown']);
  });

  it('lists the turns of one party', () => {
    const transcript = parsed('Caller: one\nMe: two\nCaller: three');
    expect(turnsBy(transcript, 'caller').map((turn) => turn.text)).toEqual(['one', 'three']);
    expect(turnsBy(transcript, 'callee').map((turn) => turn.text)).toEqual(['two']);
  });
});

describe('hostile input', () => {
  const cases: Array<[string, string]> = [
    ['a huge single line', 'a'.repeat(200_000)],
    ['thousands of colons', ':'.repeat(200_000)],
    ['thousands of labels', 'A: '.repeat(60_000)],
    ['labels glued to colons', 'Ab:x '.repeat(40_000)],
    ['deep JSON arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['deep JSON objects', '{"a":'.repeat(30_000) + '1' + '}'.repeat(30_000)],
    ['unterminated JSON', '[{"speaker":"Caller","text":"transfer the money'],
    ['an unterminated list', '{"turns": ['],
    ['a bad escape', '[{"speaker":"Caller","text":"bad \\x escape"}]'],
    ['binary junk', Array.from({ length: 50_000 }, (_, index) => String.fromCharCode((index * 7919) % 65_536)).join('')],
    ['NUL bytes', 'Caller:\u0000 hi\u0000\nMe: \u0000'],
    ['lone surrogates', '\ud800Caller: \udc00hi\nMe: x'],
    ['open angle brackets in a cue', '00:00:01,000 --> 00:00:02,000\n' + '<'.repeat(100_000)],
    ['open voice tags', 'WEBVTT\n\n00:01.000 --> 00:02.000\n' + '<v '.repeat(50_000)],
    ['only timing lines', '00:00:01,000 --> 00:00:02,000\n'.repeat(5_000)],
    ['only line breaks', '\r\n'.repeat(50_000)],
  ];
  it.each(cases)('survives %s with spans inside the text', (_name, text) => {
    const transcript = parsed(text);
    expect(['lines', 'srt', 'webvtt', 'json', 'plain']).toContain(transcript.format);
  });

  it('falls back to one plain turn for JSON it cannot use', () => {
    for (const text of ['['.repeat(1_000) + ']'.repeat(1_000), '[{"speaker":"Caller","text":"transfer the money', '{"a": 1}']) {
      const transcript = parsed(text);
      expect(transcript.format).toBe('plain');
      expect(transcript.turns.map((turn) => turn.text)).toEqual([text]);
    }
  });

  it('ignores input that is not a string', () => {
    expect(parseTranscript(undefined as unknown as string)).toEqual({ format: 'plain', turns: [] });
  });
});

describe('parseJsonWithPositions', () => {
  it('keeps the range of every string literal, quotes included', () => {
    const text = ' {"a": ["x\\ny", "plain"]} ';
    const root = parseJsonWithPositions(text);
    expect(root.kind).toBe('object');
    if (root.kind !== 'object') return;
    const list = root.entries[0]![1];
    if (list.kind !== 'array') throw new Error('expected an array');
    const [escaped, plain] = list.items;
    expect(escaped).toMatchObject({ kind: 'string', value: 'x\ny', escaped: true });
    expect(plain).toMatchObject({ kind: 'string', value: 'plain', escaped: false });
    if (escaped?.kind !== 'string' || plain?.kind !== 'string') return;
    expect(text.slice(escaped.start, escaped.end)).toBe('"x\\ny"');
    expect(text.slice(plain.start, plain.end)).toBe('"plain"');
  });

  it.each(['', '{', '[1,]', '{"a" 1}', '"a\nb"', '[1] x', 'nul', '{"a":1,}', '"\\q"'])('rejects %j', (text) => {
    expect(() => parseJsonWithPositions(text)).toThrow(JsonPositionError);
  });

  it('rejects nesting deeper than its limit instead of overflowing the stack', () => {
    expect(() => parseJsonWithPositions('['.repeat(65) + ']'.repeat(65))).not.toThrow();
    expect(() => parseJsonWithPositions('['.repeat(100) + ']'.repeat(100))).toThrow(/nesting too deep/);
  });
});

/** Writes every non-ASCII character as a \\uXXXX escape, as Python's json.dumps does by default. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('decodeJsonString', () => {
  it('decodes every escape and keeps where each code unit came from', () => {
    const literal = 'a\\n\\u00e9\\"\\ud83d\\ude00\\/b';
    const decoded = decodeJsonString(literal, 0, literal.length);
    expect(decoded.value).toBe(JSON.parse(`"${literal}"`));
    expect([...decoded.from]).toEqual([0, 1, 3, 9, 11, 17, 23, 25]);
    expect([...decoded.to]).toEqual([1, 3, 9, 11, 17, 23, 25, 26]);
  });

  it('keeps a malformed escape as written', () => {
    expect(decodeJsonString('x\\q\\u12', 0, 7).value).toBe('x\\q\\u12');
  });
});

describe('transcriptSource', () => {
  it('is not needed for text that rules can read as it is', () => {
    expect(transcriptSource('Caller: transfer\\nnow')).toBeUndefined();
    expect(transcriptSource('[{"speaker":"Caller","text":"plain"}]')).toBeUndefined();
    expect(transcriptSource('[{"speaker":"Caller","text":"unterminated \\u00e9')).toBeUndefined();
    expect(transcriptSource('')).toBeUndefined();
  });

  it('decodes an escaped JSON transcript and maps every range back into the original', () => {
    const original = asciiJson({ left: ['  您好，我是公安局的王警官。', '请转到安全账户'], right: ['啊？ "真的"'] });
    const source = transcriptSource(original);
    expect(source).toBeDefined();
    if (!source) return;
    expect(source.text).toBe(parseTranscript(original).turns.map((turn) => turn.text).join('\n'));
    expect(source.text).toBe('您好，我是公安局的王警官。\n啊？ "真的"\n请转到安全账户');
    for (const word of ['公安局', '王警官。', '安全账户', '"真的"', '您']) {
      const at = source.text.indexOf(word);
      const range = source.toOriginal(at, at + word.length);
      expect(JSON.parse(`"${original.slice(range.start, range.end)}"`)).toBe(word);
    }
  });

  it('mixes escaped and plain strings and keeps ranges inside their turn', () => {
    const original = '[{"speaker":"Caller","text":"pay to a \\"safe account\\""},{"speaker":"Me","text":"why?"}]';
    const source = transcriptSource(original);
    expect(source?.text).toBe('pay to a "safe account"\nwhy?');
    const at = source!.text.indexOf('safe account');
    const range = source!.toOriginal(at, at + 'safe account'.length);
    expect(original.slice(range.start, range.end)).toBe('safe account');
    const why = source!.toOriginal(source!.text.indexOf('why?'), source!.text.length);
    expect(original.slice(why.start, why.end)).toBe('why?');
  });
});
