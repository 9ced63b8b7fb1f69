import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect } from 'vitest';

const MAIN = fileURLToPath(new URL('../../src/service/main.ts', import.meta.url));

/** One log line of the service (JSON, fields flattened). */
export type LogRecord = { level: string; msg: string } & Record<string, unknown>;

/** A service started as its own process (`node src/service/main.ts`), so it can be killed with SIGKILL. */
export interface ServiceProcess {
  child: ChildProcess;
  /** The HTTP API base URL. */
  url: string;
  /** The Telegram webhook listener (when in webhook mode). */
  webhookUrl: string | undefined;
  logs: LogRecord[];
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL (no shutdown at all) and wait for the exit. */
  kill9(): Promise<void>;
}

/** Starts the service in a child process with only PATH and `env`; resolves once it is listening (and the webhook is set, if configured). */
export function startServiceProcess(env: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', WEB_CONCURRENCY: '1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs: LogRecord[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const webhook = env.TELEGRAM_WEBHOOK_URL !== undefined;
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let webhookUrl: string | undefined;
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`service did not start in time:\n${stderr.slice(-2000)}`)), options.timeoutMs ?? 30_000);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line) as LogRecord;
        logs.push(record);
        if (record.msg === 'http server listening') url = String(record.url);
        if (record.msg === 'telegram: webhook mode') webhookUrl = String(record.listen);
        if (url && (!webhook || webhookUrl) && (record.msg === 'adapter on' || !webhook)) {
          clearTimeout(timer);
          resolve({
            child,
            url,
            webhookUrl,
            logs,
            async stop() {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              await exited;
            },
            async kill9() {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
              await exited;
            },
          });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code} before it started:\n${stderr.slice(-2000)}`)));
  });
}

/**
 * A SIGKILL timed on its own thread: the worker sleeps in Atomics.wait (a futex with a timeout) and kills
 * `pid` when it expires, so the moment of the crash does not depend on when the test's event loop runs (that
 * loop also serves the fakes the service writes to, and under load it runs mostly when their requests wake
 * it: a setTimeout there might aim at the instant right after a request arrived). With it the kill -9 test
 * saw 4 replies twice in 7 runs, about as many as with a setTimeout (6 in 9): the doubles come from the gap
 * itself, not from the timer. `armKiller()` resolves once the worker waits; `fireAfter(ms)` starts its clock;
 * `done` resolves after the kill.
 */
export interface Killer {
  fireAfter(ms: number): void;
  done: Promise<void>;
}

export async function armKiller(pid: number): Promise<Killer> {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const control = workerData.control;
     Atomics.wait(control, 0, 0);
     Atomics.wait(control, 1, 0, Atomics.load(control, 0));
     try { process.kill(workerData.pid, 'SIGKILL'); } catch {}`,
    { eval: true, workerData: { control, pid } },
  );
  const done = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', () => resolve());
  });
  await new Promise<void>((resolve) => worker.once('online', () => resolve()));
  return {
    fireAfter(ms: number) {
      Atomics.store(control, 0, Math.max(1, Math.round(ms)));
      Atomics.notify(control, 0);
    },
    done,
  };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The Redis URL for tests that need one: REDIS_URL (.ci/run starts a redis-server and sets it). In CI a
 * missing Redis fails the test; locally, without REDIS_URL, the caller skips.
 */
export function redisUrlForTests(): string | undefined {
  const url = process.env.REDIS_URL;
  if (!url && process.env.CI) expect.fail('REDIS_URL is not set: .ci/run starts redis-server and exports it; Redis tests must not pass without Redis in CI');
  return url;
}

/** Whether a redis-server binary is installed (CI installs it; without CI, tests needing it skip). */
export function redisServerInstalled(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found && process.env.CI) expect.fail('redis-server is not installed: .ci/run installs it (apt-get install redis-server)');
  return found;
}
