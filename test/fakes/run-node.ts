import { spawn } from 'node:child_process';

/** What a finished child process printed and its exit code. */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script with the Node that runs vitest (Node 24) or `options.node`, with only PATH and `env` in its environment;
 * `stdin` is piped in, or standard input is closed when it is undefined.
 */
export function runNode(
  script: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin?: string | Buffer; /** Another Node binary (default: vitest's). */ node?: string } = {},
): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [script, ...args], { env: { PATH: process.env.PATH, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);
  });
}
