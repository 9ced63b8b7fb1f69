import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadError, fetchLimited } from '../../src/core/limited-fetch.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const code = async (promise: Promise<unknown>): Promise<string> => promise.then(() => 'ok', (error: unknown) => (error instanceof DownloadError ? error.code : String(error)));

describe('fetchLimited', () => {
  it('fetches a file within the limit from an allowed origin, with the given headers', async () => {
    let seen: string | undefined;
    const origin = await serve((request, response) => {
      seen = request.headers.authorization;
      response.end('12345');
    });
    const bytes = await fetchLimited(`${origin}/f`, { maxBytes: 5, allowedOrigins: [origin], headers: { authorization: 'Bearer t' }, timeoutMs: 2_000 });
    expect(bytes.toString()).toBe('12345');
    expect(seen).toBe('Bearer t');
  });

  it('refuses other origins, a redirect, an error status, and a body over the limit (declared or not)', async () => {
    const origin = await serve((request, response) => {
      if (request.url === '/redirect') response.writeHead(302, { location: 'http://example.invalid/' }).end();
      else if (request.url === '/missing') response.writeHead(404).end();
      else if (request.url === '/declared') response.writeHead(200, { 'content-length': '6' }).end('123456');
      else {
        // Written in two pieces: chunked, no Content-Length.
        response.write('123');
        response.end('456');
      }
    });
    const options = { maxBytes: 5, allowedOrigins: [origin], timeoutMs: 2_000 };
    expect(await code(fetchLimited('http://127.0.0.2:1/f', options))).toBe('host');
    expect(await code(fetchLimited('not a url', options))).toBe('host');
    expect(await code(fetchLimited(`${origin}/redirect`, options))).toBe('status');
    expect(await code(fetchLimited(`${origin}/missing`, options))).toBe('status');
    expect(await code(fetchLimited(`${origin}/declared`, options))).toBe('too_large');
    expect(await code(fetchLimited(`${origin}/chunked`, options))).toBe('too_large');
  });
});
