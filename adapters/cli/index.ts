import { readFileSync, statSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import {
  CheckRequestSchema,
  COUNTRIES,
  languageFromTag,
  loadTexts,
  MAX_TEXT_LENGTH,
  parseCountryCode,
  SettingError,
  translator,
  type CheckRequest,
  type Language,
  type Level,
} from '../../src/core/index.ts';
import type { LogLevel } from '../../src/service/config.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import { loadImageLimits } from '../../src/image/image-settings.ts';

/** Exit codes of `safeword check`, documented in `--help` and the README. */
export const EXIT_CODES = { ok: 0, medium: 1, usage: 2, high: 3, unread: 4, internal: 70 } as const;

/** Most bytes read from a file or stdin: enough for MAX_TEXT_LENGTH characters of any UTF-8 text. */
const MAX_INPUT_BYTES = MAX_TEXT_LENGTH * 4;

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** A usage or input problem, reported on stderr with exit code 2. */
class UsageError extends Error {
  readonly key: string;
  readonly vars: Record<string, string | number>;
  readonly hint: boolean;
  constructor(key: string, vars: Record<string, string | number> = {}, hint = false) {
    super(key);
    this.key = key;
    this.vars = vars;
    this.hint = hint;
  }
}

/**
 * The exit code for a verdict level; `rulesCoverLanguage: false` with no warning found is 4 ("not checked":
 * a script must not read a text nobody could read as "no warning signs").
 */
export function exitCodeFor(level: Level, rulesCoverLanguage = true): number {
  if (!rulesCoverLanguage && (level === 'none' || level === 'low')) return EXIT_CODES.unread;
  if (level === 'high') return EXIT_CODES.high;
  if (level === 'medium') return EXIT_CODES.medium;
  return EXIT_CODES.ok;
}

function isLanguage(value: string): boolean {
  return languageFromTag(value) !== undefined;
}

/** The locale's language: zh_TW, zh_HK and zh-Hant locales are Traditional Chinese, other zh* Simplified, es* Spanish, else English. */
function localeLanguage(env: NodeJS.ProcessEnv): Language {
  const locale = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').split('.')[0] ?? '';
  const language = languageFromTag(locale);
  if (language) return language;
  if (/^zh[-_]hant/i.test(locale)) return 'zh-Hant';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Language for help and errors: --lang when valid, else the locale, else English. */
function interfaceLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = index >= 0 ? (argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1]) : undefined;
  return (value && languageFromTag(value)) || localeLanguage(env);
}

/** Decodes input bytes as text, refusing binary data, oversized and empty input. */
function decodeInput(bytes: Buffer, source: string): string {
  if (bytes.length > MAX_INPUT_BYTES) throw new UsageError('cli.error_too_large', { source, size: `>${MAX_TEXT_LENGTH}`, limit: MAX_TEXT_LENGTH });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError('cli.error_binary', { source });
  }
  if (text.includes('\u0000')) throw new UsageError('cli.error_binary', { source });
  if (text.length > MAX_TEXT_LENGTH) throw new UsageError('cli.error_too_large', { source, size: text.length, limit: MAX_TEXT_LENGTH });
  if (text.trim() === '') throw new UsageError('cli.error_empty', { source });
  return text;
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    chunks.push(buffer);
    if (size > MAX_INPUT_BYTES) break;
  }
  return Buffer.concat(chunks);
}

/** A text of the interface language. */
type Say = (key: string, vars?: Record<string, string | number>) => string;

function readFile(path: string, say: Say): Buffer {
  const source = say('cli.source_file', { path });
  let size: number;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new UsageError('cli.error_file_directory', { source });
    size = stats.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('cli.error_file_missing', { source });
    throw new UsageError('cli.error_file_unreadable', { source, reason: code ?? (error as Error).message });
  }
  if (size > MAX_INPUT_BYTES) throw new UsageError('cli.error_too_large', { source, size: `>${MAX_TEXT_LENGTH}`, limit: MAX_TEXT_LENGTH });
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError('cli.error_file_unreadable', { source, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
}

/** A usage error in the interface language for what parseArgs refused (its own message is English only). */
function optionError(error: unknown): UsageError {
  const { code, message } = error as NodeJS.ErrnoException;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError('cli.error_unknown_option', { option }, true);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/does not take/.test(message) ? 'cli.error_option_no_value' : 'cli.error_option_needs_value', { option }, true);
  }
  return new UsageError('cli.error_options', { reason: message }, true);
}

interface ParsedCheck {
  request: CheckRequest;
  json: boolean;
  details: boolean;
  country: string | undefined;
}

/** `check --image FILE…`: the screenshots' bytes, read in order, checked as one conversation. */
interface ParsedImageCheck {
  images: Buffer[];
  language: Language | undefined;
  json: boolean;
  details: boolean;
  country: string | undefined;
  /** The image limits from the environment (IMAGE_MAX_BYTES, …), as the service reads them. */
  limits: ImageLimits;
}

/** Reads one screenshot file, refusing it by its size (IMAGE_MAX_BYTES) before reading it. */
function readImageFile(path: string, say: Say, maxBytes: number): Buffer {
  const source = say('cli.source_file', { path });
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new UsageError('cli.error_file_directory', { source });
    if (stats.size > maxBytes) throw new UsageError('cli.error_image', { source, reason: say('image.refused_too_large', { limit: Math.floor(maxBytes / 1024 / 1024) }) });
    return readFileSync(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('cli.error_file_missing', { source });
    throw new UsageError('cli.error_file_unreadable', { source, reason: code ?? (error as Error).message });
  }
}

async function parseCheck(args: string[], io: CliIo, say: Say): Promise<ParsedCheck | ParsedImageCheck | 'help'> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        transcript: { type: 'string' },
        file: { type: 'string' },
        image: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        details: { type: 'boolean', default: false },
        lang: { type: 'string' },
        country: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw optionError(error);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.lang !== undefined && !isLanguage(values.lang)) throw new UsageError('cli.error_lang', { value: values.lang });
  const country = values.country ?? io.env.COUNTRY?.trim() ?? undefined;
  if (country && !parseCountryCode(country)) throw new UsageError('cli.error_country', { value: country, list: COUNTRIES.join(', ') });

  const sources = [positionals.length > 0, values.transcript !== undefined, values.file !== undefined, values.image !== undefined].filter(Boolean).length;
  if (sources > 1) throw new UsageError('cli.error_two_sources', {}, true);
  if (values.image !== undefined) {
    const limits = loadImageLimits(io.env);
    return {
      limits,
      images: values.image.map((path) => readImageFile(path, say, limits.maxBytes)),
      language: values.lang === undefined ? undefined : languageFromTag(values.lang),
      json: values.json,
      details: values.details,
      country: country ? country.toUpperCase() : undefined,
    };
  }

  let text: string;
  let source: string;
  const path = values.transcript ?? values.file;
  if (positionals.length > 0) {
    source = say('cli.source_arguments');
    text = decodeInput(Buffer.from(positionals.join(' ')), source);
  } else if (path !== undefined && path !== '-') {
    source = say('cli.source_file', { path });
    text = decodeInput(readFile(path, say), source);
  } else {
    if (io.stdin.isTTY) throw new UsageError('cli.error_no_text', {}, true);
    source = say('cli.source_stdin');
    text = decodeInput(await readStream(io.stdin), source);
  }
  const request = CheckRequestSchema.safeParse({
    kind: values.transcript !== undefined ? 'transcript' : 'message',
    text,
    ...(values.lang !== undefined ? { language: languageFromTag(values.lang) } : {}),
    // A text the rules cannot read is answered in the locale's language.
    interfaceLanguage: localeLanguage(io.env),
    source: { platform: 'cli' },
  });
  // Only control characters (spaces were refused above) is nothing to check either.
  if (!request.success) throw new UsageError('cli.error_empty', { source });
  return {
    request: request.data,
    json: values.json,
    details: values.details,
    country: country ? country.toUpperCase() : undefined,
  };
}

/**
 * Runs `safeword <command> [options]` and resolves with the exit code: 0 for no or weak warning signs,
 * 1 for medium, 3 for high risk, 4 for a text in a language the rules cannot read (nothing flagged), 2 for
 * usage and input errors, 70 for an internal failure.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const language = interfaceLanguage(argv, io.env);
  const t = translator(loadTexts());
  const say: Say = (key, vars) => t(language, key, vars);
  const fail = (key: string, vars: Record<string, string | number>, hint: boolean): void => {
    io.stderr.write(`${t(language, 'cli.error_prefix')}${t(language, key, vars)}\n`);
    if (hint) io.stderr.write(`${t(language, 'cli.error_usage_hint')}\n`);
  };
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(`${t(language, 'cli.usage')}\n`);
      return EXIT_CODES.ok;
    }
    if (command === undefined) throw new UsageError('cli.error_no_command', {}, true);
    if (command !== 'check') throw new UsageError('cli.error_unknown_command', { command }, true);
    const parsed = await parseCheck(rest, io, say);
    if (parsed === 'help') {
      io.stdout.write(`${t(language, 'cli.usage')}\n`);
      return EXIT_CODES.ok;
    }

    // Loaded only now, so help and usage errors answer without loading the rules, the settings schema or keyv.
    const [{ createChecker }, { buildReply, secondOpinionState, renderJson, renderText }, { LOG_LEVELS }, { createLogger }, { secretsFromEnv }, { default: Keyv }] =
      await Promise.all([
        import('../../src/service/checker-factory.ts'),
        import('../../src/core/index.ts'),
        import('../../src/service/config.ts'),
        import('../../src/service/logger.ts'),
        import('../../src/service/secrets.ts'),
        import('keyv'),
      ]);
    const logLevel = (LOG_LEVELS as readonly string[]).includes(io.env.LOG_LEVEL ?? '') ? (io.env.LOG_LEVEL as LogLevel) : 'warn';
    const logger = createLogger({ level: logLevel, secrets: secretsFromEnv(io.env), write: (line) => io.stderr.write(line) });
    const { checker } = await createChecker({
      env: io.env,
      logger,
      // One run, one process: an in-memory cache, keyed with a throw-away secret.
      cache: new Keyv({ namespace: 'llm' }),
      secret: crypto.randomUUID(),
      country: parsed.country,
    });
    if ('images' in parsed) {
      // Loaded only for --image: the OCR pool, and with it the worker thread and the models.
      const [{ readScreenshots, imageProblemText, withReadNote }, { OcrPool }] = await Promise.all([
        import('../../src/image/image-check.ts'),
        import('../../src/image/ocr-pool.ts'),
      ]);
      const limits = parsed.limits;
      const pool = new OcrPool(limits);
      try {
        const reading = await readScreenshots(parsed.images, pool, limits, {
          ...(parsed.language ? { language: parsed.language } : {}),
          source: { platform: 'cli' },
        });
        if (!reading.ok) throw new UsageError('cli.error_image', { source: say('cli.source_image'), reason: imageProblemText(t, language, reading.problem, limits) });
        const verdict = await checker.check(reading.request).refined;
        const reply = withReadNote(t, buildReply(verdict, { secondOpinion: secondOpinionState(verdict), ruleset: checker.ruleset }), reading.extracted, reading.images);
        if (parsed.json) {
          io.stdout.write(`${JSON.stringify({ ...renderJson(verdict, reply), extracted: reading.extracted }, null, 2)}\n`);
        } else {
          // What was read comes first, always: the short reply hides notes unless --details.
          const [readNote = '', ...otherNotes] = reply.notes;
          const rest = renderText({ ...reply, notes: otherNotes }, checker.ruleset.t, { details: parsed.details, detailsHint: t(reply.language, 'cli.details_hint') });
          io.stdout.write(`${readNote}\n\n${rest}\n`);
        }
        return exitCodeFor(verdict.level);
      } finally {
        await pool.close();
      }
    }
    const verdict = await checker.check(parsed.request).refined;
    const reply = buildReply(verdict, { secondOpinion: secondOpinionState(verdict), ruleset: checker.ruleset });
    const details = { details: parsed.details, detailsHint: t(reply.language, 'cli.details_hint') };
    io.stdout.write(parsed.json ? `${JSON.stringify(renderJson(verdict, reply), null, 2)}\n` : `${renderText(reply, checker.ruleset.t, details)}\n`);
    return exitCodeFor(verdict.level, verdict.rulesCoverLanguage);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(error.key, error.vars, error.hint);
      return EXIT_CODES.usage;
    }
    if (error instanceof SettingError) {
      // A malformed setting (e.g. LLM_MODEL): the message names the variable and the fix.
      fail('cli.error_options', { reason: error.message }, false);
      return EXIT_CODES.usage;
    }
    fail('cli.error_internal', { reason: (error as Error).message }, false);
    return EXIT_CODES.internal;
  }
}

if (import.meta.main) {
  // Run directly (`node adapters/cli/index.ts`): cache compiled code for the modules still to load; bin/safeword.js does it for all.
  enableCompileCache?.();
  process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
}
