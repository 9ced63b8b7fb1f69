import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LAUNCHER = fileURLToPath(new URL('../../bin/safeword.js', import.meta.url));
const SCAM_EN =
  'This is the police. Your bank account is linked to money laundering. Transfer all your savings to a safe account today and tell no one, or you will be arrested.';
const SCAM_ZH = '我是公安局的，你的账户涉嫌洗钱，必须把存款转到安全账户，不要告诉任何人，否则立即逮捕你。';
const BENIGN = 'Hi, dinner is at seven tonight. Can you bring some bread?';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher with the Node running vitest; `stdin` is piped (or closed when undefined). */
function run(args: string[], stdin?: string | Buffer, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
  });
}

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'safeword-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe.concurrent('safeword check', () => {
  it('flags a scam given as an argument with exit code 3 and a plain-text reply', async () => {
    const result = await run(['check', SCAM_EN]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
    expect(result.stdout).toMatch(/What to do now/);
    expect(result.stdout).not.toMatch(/\bsafe\b(?! account)/i);
  });

  it('reads stdin when no text is given', async () => {
    const result = await run(['check'], SCAM_EN);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
  });

  it('answers a benign message with exit code 0 and never calls it safe', async () => {
    const result = await run(['check', BENIGN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No warning signs found/);
    expect(result.stdout).toMatch(/cannot prove a message is genuine/);
  });

  it('prints JSON with --json and replies in Chinese for Chinese text', async () => {
    const result = await run(['check', '--json', SCAM_ZH]);
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(body.verdict.level).toBe('high');
    expect(body.verdict.language).toBe('zh');
    expect(body.reply.language).toBe('zh');
    expect(body.reply.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('replies in the language --lang asks for', async () => {
    const result = await run(['check', '--json', '--lang', 'zh', SCAM_EN]);
    expect(JSON.parse(result.stdout).reply.language).toBe('zh');
  });

  it('checks a transcript file as a transcript', async () => {
    const path = file('call.txt', `Caller: ${SCAM_EN}\nMe: Oh no, what should I do?\nCaller: Stay on the line and do not tell your family.\n`);
    const result = await run(['check', '--json', '--transcript', path]);
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(body.verdict.signals.some((signal: { speaker?: string }) => signal.speaker === 'caller')).toBe(true);
  });

  it('reads a transcript from stdin with --transcript -', async () => {
    const result = await run(['check', '--transcript', '-'], `Caller: ${SCAM_EN}\n`);
    expect(result.code).toBe(3);
  });

  it('prints help with exit code 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: safeword check/);
    expect(result.stdout).toMatch(/Exit codes/);
    expect((await run(['check', '--help'])).stdout).toMatch(/Usage: safeword check/);
  });

  it.each([
    [[], /no command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--bogus', 'x'], /bogus/],
    [['check', '--lang', 'fr', 'x'], /--lang must be en or zh/],
    [['check', '--country', 'China', 'x'], /--country/],
    [['check', '--file', 'a.txt', 'text'], /one way only/],
    [['check', '--transcript', '/definitely/not/here.txt'], /no such file/],
    [['check', '--transcript', tmpdir()], /folder/],
  ])('reports usage errors on stderr with exit code 2: %j', async (args, message) => {
    const result = await run(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.startsWith('safeword: ')).toBe(true);
  });

  it('refuses binary input, from a file and from stdin', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]);
    const fromFile = await run(['check', '--file', file('photo.png', binary)]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/binary/);
    const fromStdin = await run(['check'], Buffer.from('hello\u0000world'));
    expect(fromStdin.code).toBe(2);
    expect(fromStdin.stderr).toMatch(/standard input looks like a binary file/);
  });

  it('refuses empty and oversized input', async () => {
    expect((await run(['check'], '   \n')).stderr).toMatch(/empty/);
    const big = await run(['check', '--file', file('big.txt', 'a'.repeat(200_001))]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/too large \(200001 characters; the limit is 200000\)/);
  });

  it('writes errors in Chinese under a Chinese locale', async () => {
    const result = await run(['check', '--transcript', '/nope.txt'], undefined, { LANG: 'zh_CN.UTF-8' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/文件不存在/);
  });
});

describe('safeword check with a malformed setting', () => {
  it('names the variable and exits with 2', async () => {
    const result = await run(['check', 'hello'], undefined, { LLM_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/LLM_MODEL: is not set/);
  });
});
