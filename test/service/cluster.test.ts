import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLUSTER = fileURLToPath(new URL('../../src/service/start.js', import.meta.url));

describe('npm start with WEB_CONCURRENCY=2 (node:cluster)', () => {
  it('runs two workers on one port sharing the SQLite store, answering checks; SIGTERM stops all', { timeout: 90_000 }, async () => {
    const child = spawn(process.execPath, [CLUSTER], {
      env: { PATH: process.env.PATH, PORT: '0', WEB_CONCURRENCY: '2', SAFEWORD_DATA_DIR: mkdtempSync(join(tmpdir(), 'safeword-cluster-')) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const records: { msg: string; url?: string; pid?: number }[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      for (const line of chunk.split('\n')) if (line.startsWith('{')) records.push(JSON.parse(line) as { msg: string });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; records.filter((record) => record.msg === 'http server listening').length < 2 && waited < 60_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const listening = records.filter((record) => record.msg === 'http server listening');
      expect(listening, stderr.slice(-1000)).toHaveLength(2);
      expect(listening[0]?.url).toBe(listening[1]?.url); // one port, shared
      expect(stderr).toContain('starting 2 worker processes');
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${listening[0]!.url}/v1/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'message', text: 'Transfer the money to a safe account now' }) }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).not.toBeNull();
  });
});
