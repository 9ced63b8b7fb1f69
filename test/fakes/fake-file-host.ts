import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the file host received. */
export interface FileRequest {
  path: string;
  authorization: string | undefined;
}

/** A fake platform file host (Discord's CDN, Slack's files.slack.com) on 127.0.0.1. */
export interface FakeFileHost {
  /** e.g. http://127.0.0.1:1234 */
  origin: string;
  /** Serves `bytes` at /files/<name> (with Content-Length unless `chunked`); returns its URL. */
  add(name: string, bytes: Uint8Array, options?: { chunked?: boolean }): string;
  /** When set, requests without exactly this Authorization header get 403. */
  requireAuthorization?: string;
  requests: FileRequest[];
  /** Bytes of file bodies the host managed to write before the client went away. */
  bytesSent(): number;
  close(): Promise<void>;
}

/** Starts a {@link FakeFileHost} on a free port. */
export async function startFakeFileHost(): Promise<FakeFileHost> {
  const files = new Map<string, { bytes: Uint8Array; chunked: boolean }>();
  const requests: FileRequest[] = [];
  let sent = 0;
  const host: FakeFileHost = {
    origin: '',
    requests,
    add(name, bytes, options = {}) {
      files.set(name, { bytes, chunked: options.chunked ?? false });
      return `${host.origin}/files/${name}`;
    },
    bytesSent: () => sent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ path, authorization: request.headers.authorization });
    const file = /^\/files\/([\w.-]+)$/.exec(path)?.[1];
    const entry = file === undefined ? undefined : files.get(file);
    if (host.requireAuthorization !== undefined && request.headers.authorization !== host.requireAuthorization) {
      response.writeHead(403).end();
      return;
    }
    if (!entry) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'image/png', ...(entry.chunked ? {} : { 'content-length': String(entry.bytes.length) }) });
    // Written in 64 KB pieces, so a client that stops early leaves most of a large body unsent.
    let offset = 0;
    const pump = (): void => {
      while (offset < entry.bytes.length) {
        const piece = entry.bytes.subarray(offset, offset + 65_536);
        offset += piece.length;
        sent += piece.length;
        if (!response.write(piece)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    response.on('close', () => response.removeAllListeners('drain'));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return host;
}
