import cluster, { type Worker } from 'node:cluster';
import { isPeerMessage, WORKER_INDEX } from './worker-peers.ts';

/**
 * V8's young generation per worker, in MB. Node 24's default lets it grow to 3 × 16 MB that stay resident;
 * at 2 MB an idle worker measured 137 → 118 MB RSS, and a check allocates far less than 2 MB.
 */
export const SEMI_SPACE_MB = 2;

/**
 * V8 flags every worker gets, besides the semi-space size. `--no-concurrent-recompilation`: TurboFan compiles
 * hot functions on the main thread instead of background threads, whose memory (compiler zones, their own
 * malloc arenas) stayed resident after start-up compiled the rules. Measured 2026-12-03, idle with no tokens,
 * 2 workers, warm cache, 6 samples each (bench/idle-rss.ts conditions): a worker 135–148 MB (mean 140) →
 * 129–132 MB (mean 130). Its cost, `node bench/run.ts --quick` interleaved twice in one session: throughput on
 * 500-byte messages 37,164 / 38,039 → 35,099 / 35,379 msg per CPU second (−6%), the eval corpora −1% to −8%
 * texts/s (bothbosu +3%), adversarial worst 13.9 / 14.3 → 15.7 / 15.8 ms. Measured and not kept (no gain
 * beyond ±1 MB on top of it): `--no-maglev`, `--no-sparkplug`, `--regexp-interpret-all`, `--v8-pool-size=1`,
 * `--max-semi-space-size=1`, `--gc-memory-reducer-start-delay-ms=1000`, MALLOC_ARENA_MAX=1, LOCAL_MODEL=off;
 * `--single-threaded-gc` costs 70 MB more. `--expose-gc`: for the one memory-reducing collection after start-up
 * (startup-memory.ts; 128–137 → 109–110 MB, measured 2026-12-04).
 */
export const WORKER_V8_FLAGS = ['--no-concurrent-recompilation', '--expose-gc'];


/**
 * `npm start`: with WEB_CONCURRENCY = 1 the service runs in this process. Above it (default: one per
 * core) this process only supervises: it forks that many workers, which share the HTTP ports (node:cluster
 * hands connections round-robin) and their state through the store. Worker 0 also runs what must stay in
 * one process (Telegram long polling, the Discord gateway, Slack Socket Mode); the others serve HTTP only.
 * A worker that dies is started again (after 1 s, growing to 30 s while they keep dying); SIGINT/SIGTERM
 * stop them all. The primary also relays the workers' questions to each other (worker-peers.ts: a Details
 * tap that reached a worker other than the one holding the reply), in memory, by worker index.
 */
export async function runCluster(env: NodeJS.ProcessEnv = process.env, entry?: Pick<typeof import('./main.ts'), 'runProcess'>): Promise<void> {
  // main.ts passes itself in: importing it from here while it is still loading would wait forever.
  const load = async (): Promise<Pick<typeof import('./main.ts'), 'runProcess'>> => entry ?? (await import('./main.ts'));
  const index = env[WORKER_INDEX];
  if (cluster.isWorker && index !== undefined) {
    const { runProcess } = await load();
    await runProcess(env, index === '0' ? 'all' : 'http');
    return;
  }
  // Parsed here once, before any worker exists: a bad setting fails fast, and a generated secret is
  // written by this process alone, so every worker hashes with the same key.
  const { loadConfig } = await import('./config.ts');
  let count: number;
  try {
    count = loadConfig(env).webConcurrency;
  } catch (error) {
    process.stderr.write(`safeword: configuration error: ${(error as Error).message}\n`);
    process.exitCode = 78;
    return;
  }
  if (count <= 1) {
    const { runProcess } = await load();
    await runProcess(env, 'all');
    return;
  }
  process.stderr.write(`safeword: starting ${count} worker processes (WEB_CONCURRENCY)\n`);
  cluster.setupPrimary({
    execArgv: [
      ...process.execArgv.filter((flag) => !flag.startsWith('--max-semi-space-size') && !WORKER_V8_FLAGS.includes(flag)),
      `--max-semi-space-size=${SEMI_SPACE_MB}`,
      ...WORKER_V8_FLAGS,
    ],
  });
  let stopping = false;
  let delay = 1000;
  const slots = new Map<string, Worker>();
  cluster.on('message', (sender, message: unknown) => {
    if (!isPeerMessage(message)) return;
    const target = slots.get(message.to);
    if (target?.isConnected()) target.send(message);
    // A question for a worker that is gone (restarting) is answered at once: nothing held there any more.
    else if (message.kind === 'ask') sender.send({ safeword: 'peers', kind: 'answer', id: message.id, from: message.to, to: message.from });
  });
  const fork = (slot: number): Worker => {
    const worker = cluster.fork({ [WORKER_INDEX]: String(slot) });
    slots.set(String(slot), worker);
    const started = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      if (code === 78) {
        // A configuration error: every worker would fail the same way.
        stopping = true;
        process.exitCode = 78;
        for (const other of Object.values(cluster.workers ?? {})) other?.kill('SIGTERM');
        return;
      }
      if (Date.now() - started > 60_000) delay = 1000;
      process.stderr.write(`safeword: worker ${slot} exited (${signal ?? code}); starting it again in ${delay} ms\n`);
      setTimeout(() => fork(slot), delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
    return worker;
  };
  for (let slot = 0; slot < count; slot += 1) fork(slot);
  const shutdown = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.main) await runCluster(process.env);
