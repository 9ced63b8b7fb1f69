import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES, runCli } from '../../adapters/cli/index.ts';
import { CHAT_LAYOUTS } from '../screenshots/chat-layouts.ts';
import { CHAT_SCRIPTS } from '../screenshots/chat-scripts.ts';
import { renderChat } from '../screenshots/render-chat.ts';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const sink = (chunks: Buffer[]) => new Writable({ write: (chunk: Buffer, _encoding, callback) => (chunks.push(Buffer.from(chunk)), callback()) });
  const code = await runCli(argv, { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err), env: { LANG: 'en_US.UTF-8', ...env } });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

const dir = mkdtempSync(join(tmpdir(), 'safeword-cli-image-'));

describe('safeword check --image', () => {
  it('reads a screenshot and prints the verdict with what was read as JSON (extracted text and turns)', async () => {
    const script = CHAT_SCRIPTS.find((candidate) => candidate.id === 'zh-hans-police');
    const layout = CHAT_LAYOUTS.find((candidate) => candidate.app === 'imessage' && candidate.mode === 'dark');
    if (!script || !layout) throw new Error('fixture missing');
    const path = join(dir, 'chat.png');
    writeFileSync(path, renderChat(script, layout).png);
    const { code, stdout } = await run(['check', '--image', path, '--json']);
    expect(code).toBe(EXIT_CODES.high);
    const body = JSON.parse(stdout) as { verdict: { level: string }; reply: { language: string; notes: string[] }; extracted: { text: string; turns: Array<{ speaker: string; text: string }> } };
    expect(body.verdict.level).toBe('high');
    expect(body.reply.language).toBe('zh');
    expect(body.extracted.turns.map((turn) => turn.speaker)).toEqual(['other', 'user', 'other', 'user']);
    expect(body.extracted.text).toContain('安全账户');
    expect(body.reply.notes[0]).toContain('对方：您好，我是上海市公安局的李警官');
  }, 120_000);

  it('refuses a HEIC file and a missing file with exit code 2 and a clear note', async () => {
    const heic = join(dir, 'IMG_0001.HEIC');
    writeFileSync(heic, Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]));
    const refused = await run(['check', '--image', heic]);
    expect(refused.code).toBe(EXIT_CODES.usage);
    expect(refused.stderr).toContain('HEIC');
    const missing = await run(['check', '--image', join(dir, 'nope.png')]);
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect((await run(['check', '--image', heic, 'some text'])).code).toBe(EXIT_CODES.usage);
  }, 60_000);

  it('takes its limits from the environment: IMAGE_MAX_BYTES refuses a larger file, a malformed value names the setting', async () => {
    const path = join(dir, 'big.png');
    writeFileSync(path, Buffer.alloc(4096, 1));
    const refused = await run(['check', '--image', path], { IMAGE_MAX_BYTES: '2k' });
    expect(refused.code).toBe(EXIT_CODES.usage);
    expect(refused.stderr).toMatch(/too large|larger/i);
    const malformed = await run(['check', '--image', path], { IMAGE_CONCURRENCY: 'many' });
    expect(malformed.code).toBe(EXIT_CODES.usage);
    expect(malformed.stderr).toContain('IMAGE_CONCURRENCY');
  });
});
