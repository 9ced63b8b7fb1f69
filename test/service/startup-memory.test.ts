import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKER_V8_FLAGS } from '../../src/service/cluster.ts';
import { releaseStartupMemory } from '../../src/service/startup-memory.ts';

const run = promisify(execFile);
const MODULE = fileURLToPath(new URL('../../src/service/startup-memory.ts', import.meta.url));

describe('releaseStartupMemory', () => {
  const original = (globalThis as { gc?: unknown }).gc;
  afterEach(() => {
    (globalThis as { gc?: unknown }).gc = original;
  });

  it('does nothing without --expose-gc', () => {
    (globalThis as { gc?: unknown }).gc = undefined;
    expect(releaseStartupMemory()).toBeUndefined();
  });

  it('runs one last-resort collection and leaves no gc behind for other code', () => {
    const calls: unknown[] = [];
    (globalThis as { gc?: unknown }).gc = (options: unknown) => calls.push(options);
    expect(releaseStartupMemory()).toBeGreaterThanOrEqual(0);
    expect(calls).toEqual([{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    expect(releaseStartupMemory()).toBeUndefined();
  });

  it('gives freed heap pages back to the system in a real process', async () => {
    // 60 MB of short-lived objects, as start-up's YAML and rule compilation leave behind; an ordinary full
    // collection first (what V8 would do anyway), then the release. Resident memory is read from /proc.
    const script = `
      import { readFileSync } from 'node:fs';
      const { releaseStartupMemory } = await import(${JSON.stringify(MODULE)});
      const rss = () => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
      let garbage = [];
      for (let i = 0; i < 400000; i += 1) garbage.push({ a: i, b: 'x' + i, c: [i] });
      garbage = null;
      globalThis.gc();
      const before = rss();
      releaseStartupMemory();
      console.log(JSON.stringify({ before, after: rss() }));
    `;
    const { stdout } = await run(process.execPath, ['--expose-gc', '--max-semi-space-size=2', '--input-type=module', '-e', script]);
    const { before, after } = JSON.parse(stdout) as { before: number; after: number };
    expect(before - after).toBeGreaterThan(20);
  });

  it('is switched on for npm start and every cluster worker', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start.split(' ')).toContain('--expose-gc');
    expect(WORKER_V8_FLAGS).toContain('--expose-gc');
  });
});
