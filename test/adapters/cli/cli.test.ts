import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, runCli, type CliIo } from '../../../adapters/cli/index.ts';
import { countHanScripts } from '../../../src/core/chinese-script.ts';
import { detectLanguage } from '../../../src/core/language.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { runNode } from '../../fakes/run-node.ts';
import { LANGUAGE_SAMPLES } from '../../fixtures/language-samples.ts';

const LAUNCHER = fileURLToPath(new URL('../../../bin/safeword.js', import.meta.url));
const SCAM_EN =
  'This is the police. Your bank account is linked to money laundering. Transfer all your savings to a safe account today and tell no one, or you will be arrested.';
const SCAM_ZH = '我是公安局的，你的账户涉嫌洗钱，必须把存款转到安全账户，不要告诉任何人，否则立即逮捕你。';
const BENIGN = 'Hi, dinner is at seven tonight. Can you bring some bread?';
// An unusual TLD (.top) now adds link-unusual-tld and makes the same text high; a .com link keeps it medium.
const SMISHING = 'Your parcel is held at the depot. Pay the 1.99 fee at https://parcel-redelivery.com to release it.';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Collects what is written to it. */
function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

interface InProcessOptions {
  /** Piped standard input; undefined is an interactive terminal (isTTY). */
  stdin?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  stdout?: Writable;
}

/** Runs runCli in this process with a fake terminal: most cases go through here (no process start-up). */
async function runInProcess(args: string[], options: InProcessOptions = {}): Promise<Run> {
  const stdout = sink();
  const stderr = sink();
  const stdin: CliIo['stdin'] = options.stdin === undefined ? Object.assign(Readable.from([]), { isTTY: true }) : Readable.from([Buffer.from(options.stdin)]);
  const code = await runCli(args, {
    stdin,
    stdout: options.stdout ?? stdout.stream,
    stderr: stderr.stream,
    env: { LANG: 'en_US.UTF-8', ...options.env },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Runs the real launcher with the Node running vitest; `stdin` is piped (or closed when undefined). */
function runProcess(args: string[], stdin?: string | Buffer, env: NodeJS.ProcessEnv = {}, node?: string): Promise<Run> {
  return runNode(LAUNCHER, args, { env: { LANG: 'en_US.UTF-8', ...env }, ...(stdin === undefined ? {} : { stdin }), ...(node ? { node } : {}) });
}

function file(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'safeword-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe.concurrent('safeword check (in process)', () => {
  it('flags a scam given as an argument with exit code 3 and a plain-text reply', async () => {
    const result = await runInProcess(['check', SCAM_EN]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
    expect(result.stdout).toMatch(/What to do now/);
    expect(result.stdout).not.toMatch(/\bsafe\b(?! account)/i);
  });

  it('reads stdin when no text is given', async () => {
    const result = await runInProcess(['check'], { stdin: SCAM_EN });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
  });

  it('answers a benign message with exit code 0 and never calls it safe', async () => {
    const result = await runInProcess(['check', BENIGN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No warning signs found/);
    expect(result.stdout).toMatch(/cannot prove a message is genuine/);
    expect(result.stdout).not.toMatch(/\bsafe\b/i);
  });

  it('exits with 1 for warning signs of medium level', async () => {
    // The rules alone rate this parcel text medium; the local model (on by default) may lift it further.
    const result = await runInProcess(['check', '--json', SMISHING], { env: { LOCAL_MODEL: 'off' } });
    expect(JSON.parse(result.stdout).verdict.level).toBe('medium');
    expect(result.code).toBe(EXIT_CODES.medium);
    const withModel = await runInProcess(['check', '--json', SMISHING]);
    const level = JSON.parse(withModel.stdout).verdict.level as keyof typeof EXIT_CODES;
    expect(['medium', 'high']).toContain(level);
    expect(withModel.code).toBe(EXIT_CODES[level]);
  });

  it('prints JSON with --json and replies in Chinese for Chinese text', async () => {
    const result = await runInProcess(['check', '--json', SCAM_ZH]);
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(body.verdict.level).toBe('high');
    expect(body.verdict.language).toBe('zh');
    expect(body.reply.language).toBe('zh');
    expect(body.reply.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('replies in the language --lang asks for', async () => {
    const result = await runInProcess(['check', '--json', '--lang', 'zh', SCAM_EN]);
    expect(JSON.parse(result.stdout).reply.language).toBe('zh');
    const equals = await runInProcess(['check', '--json', '--lang=zh', SCAM_EN]);
    expect(JSON.parse(equals.stdout).reply.language).toBe('zh');
  });

  it('replies in Traditional characters with --lang zh-Hant (or zh-TW), and to a text written in them', async () => {
    const asked = await runInProcess(['check', '--lang', 'zh-Hant', SCAM_EN]);
    expect(asked.code).toBe(EXIT_CODES.high);
    expect(asked.stdout).toContain('高風險');
    expect(countHanScripts(asked.stdout).simplified).toBe(0);
    const regional = await runInProcess(['check', '--json', '--lang=zh-TW', SCAM_EN]);
    expect(JSON.parse(regional.stdout).reply.language).toBe('zh-Hant');
    const byText = await runInProcess(['check', '--json', '您好，這裡是警察局，您的帳戶涉嫌洗錢，請把資金轉入安全帳戶。']);
    expect(JSON.parse(byText.stdout).verdict).toMatchObject({ language: 'zh', replyLanguage: 'zh-Hant', rulesCoverLanguage: true });
    const help = await runInProcess(['--help'], { env: { LANG: 'zh_TW.UTF-8' } });
    expect(help.stdout).toContain('用法');
    expect(countHanScripts(help.stdout).simplified).toBe(0);
  });

  it('says plainly that the rules cannot read a Japanese or Portuguese text, in the locale language, with exit code 4', async () => {
    const japanese = await runInProcess(['check', 'お母さん、私だよ。携帯をなくして番号が変わったの。今日お金を振り込んでくれる？']);
    expect(japanese.code).toBe(EXIT_CODES.unread);
    expect(japanese.stdout).toContain('Safeword cannot read this language (Japanese)');
    expect(japanese.stdout).toContain('nobody has checked what this text says');
    expect(japanese.stdout).not.toContain('No warning signs found');
    const portuguese = await runInProcess(['check', '--json', LANGUAGE_SAMPLES.pt![0]!], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(portuguese.code).toBe(EXIT_CODES.unread);
    const json = JSON.parse(portuguese.stdout);
    expect(json.verdict).toMatchObject({ language: 'pt', rulesCoverLanguage: false, replyLanguage: 'zh' });
    expect(json.reply.title).toBe('Safeword 看不懂这种语言（葡萄牙语）');
  });

  it('replies in Spanish with --lang es (or es-MX), with Mexico\'s numbers for --country MX, and no English or Chinese left in it', async () => {
    const asked = await runInProcess(['check', '--lang', 'es', SCAM_EN]);
    expect(asked.code).toBe(EXIT_CODES.high);
    expect(asked.stdout).toContain('Riesgo alto');
    expect(asked.stdout).not.toMatch(/\p{Script=Han}/u);
    // The plain reply quotes nothing (evidence is in --details): every line is Spanish.
    for (const line of asked.stdout.split('\n').filter((text) => text.trim().split(/\s+/).length >= 4)) expect(detectLanguage(line), line).not.toBe('en');
    const chinese = await runInProcess(['check', '--json', '--lang=es-MX', '--country', 'MX', SCAM_ZH]);
    const json = JSON.parse(chinese.stdout);
    expect(json.verdict).toMatchObject({ language: 'zh', replyLanguage: 'es' });
    expect(json.reply.language).toBe('es');
    expect(json.reply.steps.at(-1)).toContain('089');
    const help = await runInProcess(['--help'], { env: { LANG: 'es_MX.UTF-8' } });
    expect(help.stdout).toContain('Uso: safeword check');
    const wrong = await runInProcess(['check', '--lang', 'esperanto', SCAM_EN], { env: { LANG: 'es_ES.UTF-8' } });
    expect(wrong.code).toBe(EXIT_CODES.usage);
    expect(wrong.stderr).toContain('--lang debe ser en, zh, zh-Hant, es o fr');
  });

  it('answers a Spanish text in Spanish without --lang, read by the Spanish rules', async () => {
    const result = await runInProcess(['check', '--json', LANGUAGE_SAMPLES.es![2]!], { env: { LANG: 'en_US.UTF-8' } });
    const json = JSON.parse(result.stdout);
    expect(json.verdict).toMatchObject({ language: 'es', replyLanguage: 'es', rulesCoverLanguage: true });
    expect(json.reply.title).not.toContain('no puede leer');
  });

  it('checks a transcript file as a transcript', async () => {
    const path = file('call.txt', `Caller: ${SCAM_EN}\nMe: Oh no, what should I do?\nCaller: Stay on the line and do not tell your family.\n`);
    const result = await runInProcess(['check', '--json', '--transcript', path]);
    expect(result.code).toBe(3);
    const body = JSON.parse(result.stdout);
    expect(body.verdict.signals.some((signal: { speaker?: string }) => signal.speaker === 'caller')).toBe(true);
  });

  it('checks a message file as a message, not a transcript', async () => {
    const path = file('message.txt', `Caller: ${SCAM_EN}\n`);
    const body = JSON.parse((await runInProcess(['check', '--json', '--file', path])).stdout);
    expect(body.verdict.signals.length).toBeGreaterThan(0);
    expect(body.verdict.signals.some((signal: { speaker?: string }) => signal.speaker === 'caller')).toBe(false);
  });

  it('reads a transcript from stdin with --transcript -', async () => {
    const result = await runInProcess(['check', '--json', '--transcript', '-'], { stdin: `Caller: ${SCAM_EN}\n` });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).verdict.signals.some((signal: { speaker?: string }) => signal.speaker === 'caller')).toBe(true);
  });

  it('prints help with exit code 0', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['check', '--help']]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/Usage: safeword check/);
      expect(result.stdout).toMatch(/Exit codes/);
      expect(result.stderr).toBe('');
    }
  });

  it.each([
    [[], /no command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['check', '--bogus', 'x'], /bogus/],
    [['check', '--lang', 'de', 'x'], /--lang must be en, zh, zh-Hant, es or fr/],
    [['check', '--country', 'China', 'x'], /--country/],
    [['check', '--file', 'a.txt', 'text'], /one way only/],
    [['check', '--transcript', '/definitely/not/here.txt'], /no such file/],
    [['check', '--transcript', tmpdir()], /folder/],
    [['check'], /no text to check/],
  ])('reports usage errors on stderr with exit code 2: %j', async (args, message) => {
    const result = await runInProcess(args as string[]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.startsWith('safeword: ')).toBe(true);
  });

  it('refuses a malformed COUNTRY setting and uses a valid one', async () => {
    const bad = await runInProcess(['check', 'x'], { env: { COUNTRY: 'China' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--country/);
    const unknown = await runInProcess(['check', 'x', '--country', 'zz']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/CN, US, GB, AU/);
    const good = await runInProcess(['check', '--json', SCAM_EN], { env: { COUNTRY: 'gb' } });
    expect(good.code).toBe(3);
  });

  it('refuses binary input, from a file and from stdin', async () => {
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]);
    const fromFile = await runInProcess(['check', '--file', file('photo.png', binary)]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/binary/);
    const fromStdin = await runInProcess(['check'], { stdin: Buffer.from('hello\u0000world') });
    expect(fromStdin.code).toBe(2);
    expect(fromStdin.stderr).toMatch(/standard input looks like a binary file/);
  });

  it('refuses empty and oversized input', async () => {
    const empty = await runInProcess(['check'], { stdin: '   \n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/standard input is empty/);
    const big = await runInProcess(['check', '--file', file('big.txt', 'a'.repeat(200_001))]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(/too large \(200001 characters; the limit is 200000\)/);
    const bigStdin = await runInProcess(['check'], { stdin: 'a'.repeat(200_001) });
    expect(bigStdin.code).toBe(2);
    expect(bigStdin.stderr).toMatch(/standard input is too large/);
  });

  it('writes errors in Chinese under a Chinese locale, and in the language --lang asks for', async () => {
    const result = await runInProcess(['check', '--transcript', '/nope.txt'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/文件不存在/);
    const english = await runInProcess(['check', '--lang', 'en', '--transcript', '/nope.txt'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(english.stderr).toMatch(/no such file/);
  });

  it('explains option mistakes in the interface language only', async () => {
    const cases: Array<[string[], RegExp, RegExp]> = [
      [['check', '--bogus', 'x'], /未知选项 "--bogus"/, /unknown option "--bogus"/],
      [['check', 'x', '--lang'], /--lang 后面需要一个值/, /--lang needs a value/],
      [['check', '--json=yes', 'x'], /--json 不接受值/, /--json takes no value/],
    ];
    for (const [args, chinese, english] of cases) {
      const zh = await runInProcess(args, { env: { LANG: 'zh_CN.UTF-8' } });
      expect(zh.code).toBe(2);
      expect(zh.stderr).toMatch(chinese);
      // Nothing English but the command and option names.
      expect(zh.stderr.replace(/safeword|--?[a-z]+/g, '')).not.toMatch(/[A-Za-z]{2,}/);
      expect((await runInProcess(args)).stderr).toMatch(english);
    }
  });

  it('names a malformed setting and exits with 2', async () => {
    const result = await runInProcess(['check', 'hello'], { env: { LLM_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/LLM_MODEL: is not set/);
  });

  it('reports an internal failure with exit code 70', async () => {
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        callback();
      },
    });
    broken.write = () => {
      throw new Error('output closed');
    };
    const result = await runInProcess(['check', BENIGN], { stdout: broken });
    expect(result.code).toBe(EXIT_CODES.internal);
    expect(result.stderr).toMatch(/^safeword: the check failed: output closed/);
  });
});

// A few runs of the real launcher: it loads adapters/cli/index.ts, pipes stdin and sets the process exit code.
// Generous limits: starting Node and loading the rules takes seconds on a loaded machine.
describe.concurrent('safeword launcher (bin/safeword.js, real processes)', { timeout: 60_000 }, () => {
  it('flags a scam given as an argument with exit code 3', async () => {
    const result = await runProcess(['check', SCAM_EN]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
  });

  it('reads piped stdin and prints JSON', async () => {
    const result = await runProcess(['check', '--json'], SCAM_ZH);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).reply.language).toBe('zh');
  });

  it('exits with 0 for a benign message and 2 for a usage error', async () => {
    const [benign, usage] = await Promise.all([runProcess(['check', BENIGN]), runProcess(['frobnicate'])]);
    expect(benign.code).toBe(0);
    expect(benign.stdout).toMatch(/No warning signs found/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "frobnicate"/);
  });

  // The system Node of Debian 12/13 is older than the project's: the launcher must hand over to the Node 24
  // in node_modules instead of failing to load. Skipped only where no older Node is installed at /usr/bin/node.
  const systemNode = '/usr/bin/node';
  const systemMajor = existsSync(systemNode) ? Number(execFileSync(systemNode, ['-p', 'process.versions.node.split(".")[0]']).toString()) : undefined;
  it.skipIf(systemMajor === undefined || systemMajor >= 22)(`hands over to the project's Node when started by an older one (${systemNode})`, async () => {
    const result = await runProcess(['check', SCAM_EN], undefined, {}, systemNode);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/High risk/);
  });
});
