// Idle resident memory of `npm start` with no platform tokens (issue 10: ≤ 120 MB a process).
// Starts the real entry as `npm start` does (the node flags of package.json's start script, src/service/start.js,
// the compile cache on)
// with WEB_CONCURRENCY workers on one fresh data folder (kept across this bench's starts, as `.data` is across
// restarts), waits until every worker listens and a few seconds more for start-up garbage to be collected, then
// reads VmRSS of the primary and of each worker from /proc.
// The first start only warms the compile cache and the data folder's rules cache (not counted); then RUNS
// starts are measured.
// Usage: node bench/idle-rss.ts [--runs 3] [--workers 2] [--settle-ms 5000] [--flags='--a --b'] [--json]
// (--flags: the primary's node flags instead of the start script's; workers get them through node:cluster's
// execArgv, plus cluster.ts's own.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    'settle-ms': { type: 'string', default: '5000' },
    flags: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const workers = Number(values.workers);
const settleMs = Number(values['settle-ms']);
const entry = fileURLToPath(new URL('../src/service/start.js', import.meta.url));
const startScript = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
const nodeFlags = (values.flags || startScript).split(' ').filter((word) => word.startsWith('--'));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return children.sort((a, b) => a - b);
}

interface Sample {
  primary: number;
  workers: number[];
}

const dataDir = mkdtempSync(join(tmpdir(), 'safeword-idle-'));

async function measure(): Promise<Sample> {
  const child = spawn(process.execPath, [...nodeFlags, entry], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', WEB_CONCURRENCY: String(workers), LOG_LEVEL: 'info', SAFEWORD_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let listening = 0;
      let stderr = '';
      const timer = setTimeout(() => reject(new Error(`not listening in time:\n${stderr.slice(-2000)}`)), 60_000);
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk;
        listening += chunk.split('"http server listening"').length - 1;
        if (listening >= Math.max(1, workers)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${stderr.slice(-2000)}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const pid = child.pid!;
    return { primary: rssMb(pid), workers: workers > 1 ? childrenOf(pid).map(rssMb) : [] };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

await measure(); // warms the compile cache and the rules cache
const samples: Sample[] = [];
try {
  for (let run = 0; run < runs; run += 1) samples.push(await measure());
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
process.stdout.write(`node flags: ${nodeFlags.join(' ')}\n`);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ workers, samples })}\n`);
} else {
  for (const [run, sample] of samples.entries()) {
    process.stdout.write(`run ${run + 1}: primary ${sample.primary} MB, workers ${sample.workers.map((mb) => `${mb} MB`).join(', ') || '(none)'}\n`);
  }
  const all = samples.flatMap((sample) => sample.workers);
  if (all.length > 0) process.stdout.write(`workers: min ${Math.min(...all)} MB, max ${Math.max(...all)} MB; primary max ${Math.max(...samples.map((sample) => sample.primary))} MB\n`);
}
