import { request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checker, CheckOptions } from '../../src/core/checker.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/service/config.ts';
import { closeServer, listen } from '../../src/core/listen.ts';
import { createHttpServer, type HttpServerOptions } from '../../adapters/http/server.ts';
import { createLogger } from '../../src/service/logger.ts';
import { createMetrics } from '../../src/service/metrics.ts';
import { createFakeChecker } from './fake-checker.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

async function start(checker: Checker, extra: Partial<HttpServerOptions> = {}): Promise<{ port: number; logs: string[] }> {
  const logs: string[] = [];
  const server = createHttpServer({ checker, logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }), maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ...extra });
  servers.push(server);
  const address = await listen(server, '127.0.0.1', 0);
  return { port: address.port, logs };
}

/** A raw request with any Host and Origin (fetch would set its own Host). */
function send(port: number, options: { method?: string; path?: string; host?: string; origin?: string; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/v1/check',
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          'content-type': 'application/json',
          ...(options.origin ? { origin: options.origin } : {}),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const BODY = JSON.stringify({ kind: 'message', text: 'hello there' });

describe('Host and Origin allow-list', () => {
  it('answers localhost names and IP addresses, and the configured public host', async () => {
    const { port } = await start(createFakeChecker(), { publicHosts: ['safeword.example.org'] });
    for (const host of [`localhost:${port}`, 'app.localhost', `127.0.0.1:${port}`, `[::1]:${port}`, '10.0.0.5', 'SAFEWORD.example.org', 'safeword.example.org:443']) {
      expect((await send(port, { host, body: BODY })).status, host).toBe(200);
    }
    expect((await send(port, { host: 'localhost', origin: 'https://safeword.example.org', body: BODY })).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403, for the API and the page', async () => {
    const checker = createFakeChecker();
    const { port } = await start(checker, { publicHosts: ['safeword.example.org'] });
    const refused = await send(port, { host: 'attacker.example', body: BODY });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('forbidden_host');
    expect((await send(port, { host: 'localhost.attacker.example', body: BODY })).status).toBe(403);
    expect((await send(port, { host: 'localhost', origin: 'https://attacker.example', body: BODY })).status).toBe(403);
    expect((await send(port, { host: 'localhost', origin: 'null', body: BODY })).status).toBe(403);
    expect((await send(port, { method: 'GET', path: '/', host: 'attacker.example' })).status).toBe(403);
    expect(checker.requests).toHaveLength(0);
  });
});

describe('body limit', () => {
  it('takes 200,000 characters of Chinese with the default MAX_BODY_BYTES', async () => {
    const checker = createFakeChecker();
    const { port } = await start(checker);
    const body = JSON.stringify({ kind: 'transcript', text: '你'.repeat(200_000), language: 'zh' });
    expect(Buffer.byteLength(body)).toBeGreaterThan(600_000);
    expect((await send(port, { body })).status).toBe(200);
    expect(checker.requests[0]?.text.length).toBe(200_000);
  });
});

describe('/healthz', () => {
  it('answers 200 with the state in the body: ok, or degraded with the reason', async () => {
    let state: { status: 'ok' } | { status: 'degraded'; reason: string } = { status: 'ok' };
    const { port } = await start(createFakeChecker(), { health: () => state });
    const ok = await send(port, { method: 'GET', path: '/healthz' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok' });
    state = { status: 'degraded', reason: 'store: disk_full' };
    const degraded = await send(port, { method: 'GET', path: '/healthz' });
    expect(degraded.status).toBe(200);
    expect(JSON.parse(degraded.body)).toMatchObject({ status: 'degraded', reason: 'store: disk_full' });
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After beyond the in-flight cap, and again 200 once checks finish', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const checker = createFakeChecker({ secondOpinion: 'on', refine: async (instant) => (await gate, instant) });
    const metrics = createMetrics({ processMetrics: false });
    const { port } = await start(metrics.meter(checker), { maxInFlight: 2, metrics });
    const waiting = [send(port, { path: '/v1/check?wait=refined', body: BODY }), send(port, { path: '/v1/check?wait=refined', body: BODY })];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const shed = await send(port, { body: BODY });
    expect(shed.status).toBe(503);
    expect(shed.headers['retry-after']).toBe('1');
    release();
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual([200, 200]);
    expect((await send(port, { body: BODY })).status).toBe(200);
    expect((await metrics.render()).body).toMatch(/safeword_shed_requests_total\{reason="overloaded"\} 1/);
  });

  it('drops the work of a client that left: the second-opinion wait is aborted, the slot freed', async () => {
    const signals: AbortSignal[] = [];
    const base = createFakeChecker({ secondOpinion: 'on', refine: () => new Promise(() => undefined) });
    const checker: Checker = {
      ruleset: base.ruleset,
      secondOpinion: 'on',
      check(request: CheckRequest, options?: CheckOptions) {
        if (options?.signal) signals.push(options.signal);
        return base.check(request);
      },
    };
    const { port, logs } = await start(checker, { maxInFlight: 1 });
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /v1/check?wait=refined HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`);
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
    });
    for (let waited = 0; !logs.some((line) => line.includes('client_gone')) && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signals[0]?.aborted).toBe(true);
    // The slot is free again: the next check is answered, not shed.
    expect((await send(port, { body: BODY })).status).toBe(200);
  });
});

describe('/metrics', () => {
  it('serves Prometheus text with checks by platform, kind, level and language, and never the text', async () => {
    const metrics = createMetrics({ processMetrics: false, breakerState: () => 'closed' });
    const { port } = await start(metrics.meter(createFakeChecker({ level: () => 'high' })), { metrics });
    const secret = 'my bank PIN is 4321';
    await send(port, { body: JSON.stringify({ kind: 'message', text: secret, source: { platform: 'web', userId: '987654321' } }) });
    const response = await send(port, { method: 'GET', path: '/metrics' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/plain/);
    expect(response.body).toMatch(/safeword_checks_total\{platform="web",kind="message",level="high",language="en"\} 1/);
    expect(response.body).toMatch(/safeword_check_duration_seconds_bucket\{le="0.001",phase="instant"\}/);
    expect(response.body).toMatch(/safeword_llm_breaker_state\{state="closed"\} 1/);
    expect(response.body).not.toContain('4321');
    expect(response.body).not.toContain('987654321');
  });
});
