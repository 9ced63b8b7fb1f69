import { request } from 'node:http';

/**
 * POSTs up to `totalBytes` as a chunked body (no Content-Length) in 64 KiB chunks, stopping as soon as the
 * server answers or closes. Resolves with the status (0 when the connection was cut without one) and how
 * many bytes were written before that: a server that buffers everything reads all of them.
 */
export function chunkedFlood(url: string, headers: Record<string, string>, totalBytes: number): Promise<{ status: number; bytesSent: number }> {
  return new Promise((resolve) => {
    let bytesSent = 0;
    let done = false;
    let status = 0;
    const finish = (): void => {
      if (done) return;
      done = true;
      outgoing.destroy();
      resolve({ status, bytesSent });
    };
    const outgoing = request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (response) => {
      status = response.statusCode ?? 0;
      response.resume();
      finish();
    });
    outgoing.on('error', finish);
    outgoing.on('close', finish);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = (): void => {
      while (!done && bytesSent < totalBytes) {
        bytesSent += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once('drain', pump);
          return;
        }
      }
      if (!done) outgoing.end();
    };
    pump();
  });
}
