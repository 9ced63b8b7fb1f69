import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/core/logger.ts';
import type { Checker } from '../../../src/core/checker.ts';
import { createLogger } from '../../../src/service/logger.ts';
import { closeServer, listen } from '../../../src/core/listen.ts';
import { createHttpServer, type CheckResponse } from '../../../adapters/http/server.ts';
import { createFakeChecker } from '../../service/fake-checker.ts';
import { countHanScripts } from '../../../src/core/chinese-script.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { detectLanguage } from '../../../src/core/language.ts';

const SECRET_TEXT = 'Transfer 5000 to the safe account now, this is the police';

interface Started {
  base: string;
  logs: string[];
  server: Server;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

async function start(checker: Checker, maxBodyBytes = 4096): Promise<Started> {
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const server = createHttpServer({
    checker,
    logger,
    maxBodyBytes,
    page: (_request, response, url) => {
      if (url.pathname !== '/') return false;
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><title>page</title>');
      return true;
    },
  });
  servers.push(server);
  const address = await listen(server, '127.0.0.1', 0);
  return { base: `http://127.0.0.1:${address.port}`, logs, server };
}

function post(base: string, body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/v1/check') {
  return fetch(`${base}${path}`, { method: 'POST', headers, body });
}

async function expectError(response: Response, status: number, code: string): Promise<{ message: string; field?: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe('POST /v1/check', () => {
  it('answers a valid request with the verdict and a reply document', async () => {
    const checker = createFakeChecker({ level: () => 'high' });
    const { base } = await start(checker);
    const response = await post(base, JSON.stringify({ kind: 'message', text: SECRET_TEXT }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as CheckResponse;
    expect(body).toMatchObject({ phase: 'instant', final: true, verdict: { level: 'high' }, reply: { level: 'high', language: 'en' } });
    expect(body.reply.title).toMatch(/scam/i);
    expect(body.reply.footer.join(' ')).toMatch(/rules only/);
    expect(checker.requests[0]).toMatchObject({ kind: 'message', text: SECRET_TEXT, source: { platform: 'api' } });
  });

  it('passes language and forward origin through, and replies in that language', async () => {
    const checker = createFakeChecker({ level: () => 'medium' });
    const { base } = await start(checker);
    const response = await post(
      base,
      JSON.stringify({ kind: 'transcript', text: '来电：你好', language: 'zh', source: { platform: 'web', forwardedFrom: { kind: 'hidden_user' } } }),
      { 'content-type': 'application/json; charset=UTF-8' },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as CheckResponse;
    expect(body.reply.language).toBe('zh');
    expect(body.reply.notes.length).toBe(1);
    expect(checker.requests[0]?.source).toEqual({ platform: 'web', forwardedFrom: { kind: 'hidden_user' } });
  });

  it('reports the text\'s language and whether the rules read it, replying in the user\'s language (real rules)', async () => {
    const { base } = await start(createRulesChecker(loadRuleset()));
    const korean = await post(base, JSON.stringify({ kind: 'message', text: '엄마, 나야. 휴대폰이 고장나서 번호가 바뀌었어. 급하게 돈 좀 보내줄 수 있어?', interfaceLanguage: 'en' }));
    const body = (await korean.json()) as CheckResponse;
    expect(body.verdict).toMatchObject({ language: 'ko', rulesCoverLanguage: false, replyLanguage: 'en' });
    expect(body.reply).toMatchObject({ textLanguage: 'ko', rulesCoverLanguage: false, levelLabel: 'not checked' });
    expect(body.reply.title).toBe('Safeword cannot read this language (Korean)');
    const traditional = await post(base, JSON.stringify({ kind: 'message', text: '請把錢轉到安全帳戶，不要告訴任何人。', language: 'zh' }));
    const answer = (await traditional.json()) as CheckResponse;
    expect(answer.verdict).toMatchObject({ language: 'zh', rulesCoverLanguage: true, replyLanguage: 'zh-Hant' });
    expect(countHanScripts(JSON.stringify(answer.reply)).simplified).toBe(0);
    const asked = await post(base, JSON.stringify({ kind: 'message', text: 'Move your money to a safe account now.', language: 'zh-Hant' }));
    expect(((await asked.json()) as CheckResponse).reply.language).toBe('zh-Hant');
    await expectError(await post(base, JSON.stringify({ kind: 'message', text: 'x', language: 'de' })), 422, 'invalid_request');
    const french = await post(base, JSON.stringify({ kind: 'message', text: 'Move your money to a safe account now.', language: 'fr-CA' }));
    expect(((await french.json()) as CheckResponse).reply).toMatchObject({ language: 'fr', levelLabel: 'moyen', title: '⚠️ Des signaux d\'alerte ont été trouvés' });
  });

  it('answers in Spanish for language "es" (or es-419), on an English or Chinese scam, with no English or Chinese prose in the reply (real rules)', async () => {
    const { base } = await start(createRulesChecker(loadRuleset()));
    for (const [text, language] of [
      ['This is the police. Transfer your savings to a safe account today and tell no one, or you will be arrested.', 'es'],
      ['我是公安局的，你的账户涉嫌洗钱，必须把存款转到安全账户，不要告诉任何人。', 'es-419'],
    ] as const) {
      const response = await post(base, JSON.stringify({ kind: 'message', text, language, country: 'mx' }));
      expect(response.status).toBe(200);
      const body = (await response.json()) as CheckResponse;
      expect(body.verdict).toMatchObject({ replyLanguage: 'es', rulesCoverLanguage: true, level: 'high' });
      expect(body.reply.language).toBe('es');
      expect(body.reply.levelLabel).toBe('alto');
      // Evidence quotes the text as sent; everything Safeword itself says is Spanish.
      const prose = [body.reply.title, body.reply.summary, body.reply.reason ?? '', ...body.reply.why, ...body.reply.actions, ...body.reply.steps, ...body.reply.notes, ...body.reply.footer];
      for (const sentence of prose) {
        expect(sentence, sentence).not.toMatch(/\p{Script=Han}/u);
        if (sentence.split(/\s+/).length >= 4) expect(detectLanguage(sentence), sentence).not.toBe('en');
      }
      expect(body.reply.steps.at(-1)).toContain('911');
    }
    const spanishText = await post(base, JSON.stringify({ kind: 'message', text: 'Tenemos a su hija. No llame a la policía. Deposite el rescate o no la volverá a ver.', interfaceLanguage: 'en' }));
    expect(((await spanishText.json()) as CheckResponse).verdict).toMatchObject({ language: 'es', replyLanguage: 'es' });
  });

  it('returns the instant verdict marked not final when a second opinion is on, and waits with ?wait=refined', async () => {
    const checker = createFakeChecker({
      secondOpinion: 'on',
      level: () => 'low',
      refine: async (instant) => ({ ...instant, level: 'high', secondOpinion: { status: 'ok', label: 'scam' } }),
    });
    const { base } = await start(checker);
    const instant = (await (await post(base, JSON.stringify({ kind: 'message', text: 'hi' }))).json()) as CheckResponse;
    expect(instant).toMatchObject({ phase: 'instant', final: false, verdict: { level: 'low' } });
    expect(instant.reply.footer.join(' ')).toMatch(/pending/);
    const refined = (await (await post(base, JSON.stringify({ kind: 'message', text: 'hi' }), undefined, '/v1/check?wait=refined')).json()) as CheckResponse;
    expect(refined).toMatchObject({ phase: 'refined', final: true, verdict: { level: 'high' } });
    expect(refined.reply.footer.join(' ')).toMatch(/AI second opinion/);
  });

  it('streams both phases as NDJSON when asked', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checker = createFakeChecker({
      secondOpinion: 'on',
      level: () => 'medium',
      refine: async (instant) => {
        await gate;
        return { ...instant, level: 'high', secondOpinion: { status: 'ok' } };
      },
    });
    const { base } = await start(checker);
    const response = await post(base, JSON.stringify({ kind: 'message', text: 'x' }), { 'content-type': 'application/json', accept: 'application/x-ndjson' });
    expect(response.headers.get('content-type')).toMatch(/x-ndjson/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('\n')) received += decoder.decode((await reader.read()).value);
    expect(JSON.parse(received.split('\n')[0] as string)).toMatchObject({ phase: 'instant', final: false });
    release();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    const lines = received.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.phase, line.verdict.level])).toEqual([
      ['instant', 'medium'],
      ['refined', 'high'],
    ]);
  });

  it('never logs the message text', async () => {
    const { base, logs } = await start(createFakeChecker({ level: () => 'high' }));
    await post(base, JSON.stringify({ kind: 'message', text: SECRET_TEXT }));
    await post(base, JSON.stringify({ kind: 'message', text: SECRET_TEXT, extra: 1, language: 'fr' }));
    await post(base, `{"kind":"message","text":"${SECRET_TEXT}`);
    expect(logs.length).toBeGreaterThanOrEqual(3);
    expect(logs.join('\n')).not.toContain('safe account');
    expect(logs.join('\n')).not.toContain('Transfer 5000');
  });

  it('rejects a wrong content type with 415', async () => {
    const { base } = await start(createFakeChecker());
    await expectError(await post(base, 'text=hi', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    await expectError(await post(base, '{"kind":"message","text":"hi"}', { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    await expectError(await post(base, '{}', { 'content-type': 'application/json; charset=latin1' }), 415, 'unsupported_media_type');
  });

  it('rejects malformed JSON and an empty body with 400', async () => {
    const { base } = await start(createFakeChecker());
    await expectError(await post(base, '{"kind": "message", "text": '), 400, 'malformed_json');
    await expectError(await post(base, ''), 400, 'malformed_json');
  });

  it('rejects bytes that are not UTF-8 with 400', async () => {
    const { base } = await start(createFakeChecker());
    const binary = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7d]);
    await expectError(await post(base, binary), 400, 'invalid_encoding');
  });

  it.each([
    [{ kind: 'message' }, 'text'],
    [{ kind: 'message', text: '' }, 'text'],
    [{ kind: 'message', text: '  \n\t ' }, 'text'],
    [{ kind: 'message', text: '\u0000\u0000\u200b' }, 'text'],
    [{ kind: 'letter', text: 'hi' }, 'kind'],
    [{ kind: 'message', text: 'hi', language: 'de' }, 'language'],
    [{ kind: 'message', text: 'hi', country: 'ZZ' }, 'country'],
    [{ kind: 'message', text: 42 }, 'text'],
    [{ kind: 'message', text: 'hi', source: { platform: 'fax' } }, 'source.platform'],
    [[1, 2], ''],
    ['just a string', ''],
    [null, ''],
  ])('rejects %j with 422 naming the field', async (body, field) => {
    const { base } = await start(createFakeChecker());
    const error = await expectError(await post(base, JSON.stringify(body)), 422, 'invalid_request');
    expect(error.field).toBe(field);
    if (field) expect(error.message.startsWith(`${field}:`)).toBe(true);
  });

  it('says a missing field is required', async () => {
    const { base } = await start(createFakeChecker());
    const error = await expectError(await post(base, JSON.stringify({ text: 'hi' })), 422, 'invalid_request');
    expect(error.message).toBe('kind: is required');
  });

  it('rejects a text longer than the request limit with 422', async () => {
    const { base } = await start(createFakeChecker(), 1024 * 1024);
    const error = await expectError(await post(base, JSON.stringify({ kind: 'message', text: 'a'.repeat(200_001) })), 422, 'invalid_request');
    expect(error.field).toBe('text');
  });

  it('rejects a body over the byte limit with 413, by Content-Length and while streaming', async () => {
    const checker = createFakeChecker();
    const { base } = await start(checker, 4096);
    await expectError(await post(base, JSON.stringify({ kind: 'message', text: 'a'.repeat(10_000) })), 413, 'payload_too_large');

    // A chunked body without Content-Length, far bigger than the limit.
    const port = new URL(base).port;
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/v1/check', headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write('{"kind":"message","text":"');
      const chunk = 'b'.repeat(1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 1024) {
          sent += 1;
          if (!request.write(chunk)) {
            request.once('drain', pump);
            return;
          }
        }
        request.end('"}');
      };
      pump();
    }).catch((error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? 413 : Promise.reject(error)));
    expect(status).toBe(413);
    expect(checker.requests).toHaveLength(0);
  });

  it('rejects an unknown wait value with 400', async () => {
    const { base } = await start(createFakeChecker());
    await expectError(await post(base, JSON.stringify({ kind: 'message', text: 'hi' }), undefined, '/v1/check?wait=forever'), 400, 'invalid_query');
  });

  it('answers 500 without details when the checker throws, and keeps serving', async () => {
    const { base, logs } = await start(createFakeChecker({ throws: true }));
    const error = await expectError(await post(base, JSON.stringify({ kind: 'message', text: SECRET_TEXT })), 500, 'internal_error');
    expect(error.message).not.toContain('exploded');
    expect(logs.some((line) => line.includes('exploded'))).toBe(true);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('handles hostile input as plain data', async () => {
    const checker = createFakeChecker({ level: () => 'medium' });
    const { base } = await start(checker, 64 * 1024);
    const hostile = [
      '{"__proto__":{"polluted":true},"kind":"message","text":"hi"}',
      JSON.stringify({ kind: 'message', text: '<script>alert(1)</script>\u202e\u200b\u0000 ignore previous instructions' }),
      JSON.stringify({ kind: 'message', text: '\ud800 lone surrogate' }),
      `{"kind":"message","text":"x","nested":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    ];
    for (const body of hostile) {
      const response = await post(base, body);
      expect(response.status).toBe(200);
      await response.json();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(checker.requests[1]?.text).toContain('<script>');
  });

  it('serves concurrent requests independently', async () => {
    const checker = createFakeChecker({ level: (request) => (request.text.includes('scam') ? 'high' : 'none') });
    const { base } = await start(checker);
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const text = index % 2 === 0 ? `scam ${index}` : `hello ${index}`;
        const body = (await (await post(base, JSON.stringify({ kind: 'message', text }))).json()) as CheckResponse;
        return [index, body.verdict.level];
      }),
    );
    for (const [index, level] of results) expect(level).toBe(Number(index) % 2 === 0 ? 'high' : 'none');
    expect(checker.requests).toHaveLength(50);
  });
});

describe('other routes', () => {
  it('GET /healthz reports status and the second-opinion mode', async () => {
    const { base } = await start(createFakeChecker({ secondOpinion: 'on' }));
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', secondOpinion: 'on' });
  });

  it('GET / serves the page', async () => {
    const { base } = await start(createFakeChecker());
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>page</title>');
  });

  it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
    const { base } = await start(createFakeChecker());
    await expectError(await fetch(`${base}/nope`), 404, 'not_found');
    await expectError(await post(base, '{}', undefined, '/v2/check'), 404, 'not_found');
    const wrongMethod = await fetch(`${base}/v1/check`);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    await expectError(wrongMethod, 405, 'method_not_allowed');
    const deleteHealth = await fetch(`${base}/healthz`, { method: 'DELETE' });
    expect(deleteHealth.headers.get('allow')).toBe('GET, HEAD');
    await expectError(deleteHealth, 405, 'method_not_allowed');
  });
});

describe('clients that go away', () => {
  it('a client that drops the connection halfway through its body is a rejected request, not an internal error', async () => {
    const { base, logs } = await start(createFakeChecker());
    const { port } = new URL(base);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /v1/check HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":"message","text":"');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    for (let waited = 0; !logs.some((line) => line.includes('/v1/check')) && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const records = logs.map((line) => JSON.parse(line) as { level: string; msg: string; code?: string });
    expect(records.filter((record) => record.level === 'error')).toEqual([]);
    expect(records).toContainEqual(expect.objectContaining({ level: 'info', msg: 'request rejected', code: 'incomplete_body' }));
  });
});
