/**
 * `npm run bench:ack`: the window in which a kill -9 answers a Telegram update wrongly (update-guard.ts), for
 * 3,000 requests on keep-alive connections to a local server, 10 at a time, each followed by 1-2 ms of
 * synchronous work queued as other checks would be; the mark is an SQLite write on the project's store (WAL):
 * - `finish`: mark written at the request's 'finish' event, after the write (the acknowledgement before
 *   commit 039f87d): from the write (the `http.client.request.start` publish) to the mark; a kill there
 *   sends the reply twice;
 * - `same stack`: mark written in that publish when `handedToKernel` says the kernel took every byte, else at
 *   'finish': what the bot does (update-guard.ts);
 * - `before`: mark written just before the write (the request's 'socket' event, or its socket's 'connect'):
 *   from the end of the mark to the publish after the write; a kill there loses the reply (not adopted: a
 *   lost answer is the worse mistake, see update-guard.ts).
 * The mean is what the chance of a kill landing in the window follows; the tail is the process descheduled
 * (writing to a local peer wakes it, and the scheduler often runs it at once; the tail grows with the load).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, Agent, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handedToKernel } from '../adapters/telegram/update-guard.ts';
import { SqliteDatabase } from '../src/service/sqlite-store.ts';

const REQUESTS = 3000;
const AT_ONCE = 10;

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

type Mode = 'finish' | 'same stack' | 'before';

async function measure(mode: Mode): Promise<number[]> {
  const directory = mkdtempSync(join(tmpdir(), 'safeword-ack-'));
  const database = new SqliteDatabase(join(directory, 'store.sqlite'));
  const gaps: number[] = [];
  let written = 0;
  const markedAt = new WeakMap<ClientRequest, bigint>();
  const onCreated = (message: unknown): void => {
    if (mode !== 'before') return;
    const request = (message as { request: ClientRequest }).request;
    request.once('socket', (socket) => {
      const mark = (): void => {
        database.putClaim(`dedup:${written++}`, '1', 60_000);
        markedAt.set(request, process.hrtime.bigint());
      };
      if (socket.connecting) socket.once('connect', mark);
      else mark();
    });
  };
  const onStart = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request;
    const started = process.hrtime.bigint();
    if (mode === 'before') {
      // On a new connection the publish comes before the connect: measured at the write callback then.
      const measureFrom = (): void => void gaps.push(Number(process.hrtime.bigint() - (markedAt.get(request) ?? process.hrtime.bigint())) / 1000);
      if (markedAt.has(request)) measureFrom();
      else request.once('finish', measureFrom);
      return;
    }
    const commit = (): void => {
      database.putClaim(`dedup:${written++}`, '1', 60_000);
      gaps.push(Number(process.hrtime.bigint() - started) / 1000);
    };
    if (mode === 'same stack' && handedToKernel(request)) commit();
    else request.once('finish', commit);
  };
  const server = createServer((incoming, response) => {
    incoming.resume();
    incoming.on('end', () => response.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true });
  subscribe('http.client.request.created', onCreated);
  subscribe('http.client.request.start', onStart);
  const one = (index: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const sent = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/sendMessage', agent, headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        response.on('end', () => resolve());
      });
      sent.end(JSON.stringify({ chat_id: index, text: 'x'.repeat(300) }));
    }).then(() => {
      setImmediate(() => busy(2));
      void Promise.resolve().then(() => busy(1));
    });
  try {
    for (let round = 0; round < REQUESTS / AT_ONCE; round += 1) await Promise.all(Array.from({ length: AT_ONCE }, (_, index) => one(index)));
  } finally {
    unsubscribe('http.client.request.created', onCreated);
    unsubscribe('http.client.request.start', onStart);
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
  return gaps.sort((a, b) => a - b);
}

const at = (sorted: number[], fraction: number): string => (sorted[Math.floor(fraction * (sorted.length - 1))] ?? 0).toFixed(0);
const mean = (values: number[]): string => (values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)).toFixed(0);
console.log('window between the mark and the write, µs  median    p90    p99   mean');
// Alternated, so all see the same load.
for (let pass = 0; pass < 2; pass += 1) {
  for (const mode of ['finish', 'same stack', 'before'] as const) {
    const gaps = await measure(mode);
    console.log(`${mode.padEnd(42)}${at(gaps, 0.5).padStart(7)}${at(gaps, 0.9).padStart(7)}${at(gaps, 0.99).padStart(7)}${mean(gaps).padStart(7)}`);
  }
}
