import type { Server } from 'node:http';
import { createHttpServer } from '../../adapters/http/server.ts';
import { createWebPage } from '../../adapters/http/page.ts';
import type { Adapter, AdapterDeps } from '../core/adapter.ts';
import { closeServer, listen, listenUrl } from '../core/listen.ts';
import type { Logger } from '../core/logger.ts';
import { optionalSetting, SettingError } from '../core/settings.ts';
import type { Transcriber } from '../llm/transcribe.ts';
import { createChecker } from './checker-factory.ts';
import { loadConfig } from './config.ts';
import { warmLanguageDetector } from '../core/language.ts';
import { warmTraditional } from '../core/traditional.ts';
import type { ScreenshotService } from '../../adapters/telegram/screenshots.ts';
import { DEFAULT_IMAGE_LIMITS } from '../image/image-limits.ts';
import { OcrPool } from '../image/ocr-pool.ts';
import { createLogger } from './logger.ts';
import { secretsFromEnv } from './secrets.ts';
import { createStorage, type Storage } from './storage.ts';

/** A running service, as returned by {@link startService}. */
export interface RunningService {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8787. */
  url: string;
  server: Server;
  adapters: Adapter[];
  /** Stops adapters, the HTTP server and the store, in that order. */
  stop(): Promise<void>;
}

/** Options for {@link startService}, mostly for tests. */
export interface StartOptions {
  /** Where log lines go (default stderr). */
  logWrite?: (line: string) => void;
  /** Working directory for relative data paths. */
  cwd?: string;
}

/** What a platform's settings make: its adapter, once the checker, store and logger exist. */
type MakeAdapter = (deps: AdapterDeps, extras: { transcriber?: Transcriber; images: ScreenshotService }) => Adapter;

/**
 * The platforms, in start order. Each is imported only when its token variable is set, and its settings are
 * parsed then (a bad value fails the start before anything runs); a new platform is one row here.
 */
const PLATFORMS: { name: string; token: string; load(env: NodeJS.ProcessEnv): Promise<MakeAdapter | undefined> }[] = [
  {
    name: 'telegram',
    token: 'TELEGRAM_BOT_TOKEN',
    async load(env) {
      const { createTelegramAdapter, loadTelegramConfig } = await import('../../adapters/telegram/index.ts');
      const config = loadTelegramConfig(env);
      return config && ((deps, extras) => createTelegramAdapter(config, deps, { images: extras.images, ...(extras.transcriber ? { transcriber: extras.transcriber } : {}) }));
    },
  },
  {
    name: 'discord',
    token: 'DISCORD_BOT_TOKEN',
    async load(env) {
      const { createDiscordAdapter, loadDiscordConfig } = await import('../../adapters/discord/index.ts');
      const config = loadDiscordConfig(env);
      return config && ((deps) => createDiscordAdapter(config, deps));
    },
  },
  {
    name: 'slack',
    token: 'SLACK_BOT_TOKEN',
    async load(env) {
      const { createSlackAdapter, loadSlackConfig } = await import('../../adapters/slack/index.ts');
      const config = loadSlackConfig(env);
      return config && ((deps) => createSlackAdapter(config, deps));
    },
  },
];

/** The configured platforms (imported and their settings parsed); logs why each other one is off. */
async function loadPlatforms(env: NodeJS.ProcessEnv): Promise<{ name: string; make: MakeAdapter | undefined; token: string }[]> {
  const loaded = [];
  for (const platform of PLATFORMS) {
    const make = optionalSetting.parse(env[platform.token]) === undefined ? undefined : await platform.load(env);
    loaded.push({ name: platform.name, make, token: platform.token });
  }
  return loaded;
}

/**
 * Starts Safeword with no platform tokens needed: config, logger, store, checker (rules, plus the LLM
 * second opinion when configured), the HTTP API and web page, and whichever adapters have tokens.
 */
export async function startService(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningService> {
  const config = loadConfig(env, options.cwd ? { cwd: options.cwd } : {});
  const platforms = await loadPlatforms(env);
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.secret, ...secretsFromEnv(env)],
    ...(options.logWrite ? { write: options.logWrite } : {}),
  });
  let storage: Storage | undefined;
  try {
    storage = createStorage(config, { logger });
    logger.info('store ready', { store: storage.description });
    if (config.secretSource === 'generated') logger.info('generated a new hashing key', { path: `${config.dataDir}/secret` });

    const { checker, offReason, details, localModel, transcriber, transcriberOffReason } = await createChecker({
      env,
      logger,
      cache: storage.area('llm'),
      secret: config.secret,
      country: config.country,
    });
    if (localModel) logger.info('local model on', { file: localModel });
    else logger.info('local model off (LOCAL_MODEL=off)');
    if (offReason) logger.info('second opinion off: rules only', { reason: offReason });
    else logger.info('second opinion on', details);
    if (transcriber) logger.info('voice-note transcription on', { model: transcriber.model });
    else logger.info('voice-note transcription off', { reason: transcriberOffReason });

    // Screenshots: OCR worker threads start on the first image, not at start-up (the models take ~0.8 GB).
    const images: ScreenshotService = { reader: new OcrPool(DEFAULT_IMAGE_LIMITS), limits: DEFAULT_IMAGE_LIMITS };
    const server = createHttpServer({ checker, logger, maxBodyBytes: config.maxBodyBytes, page: createWebPage(), images });
    const url = listenUrl(await listen(server, config.host, config.port));
    logger.info('http server listening', { url, api: `${url}/v1/check` });

    const adapters: Adapter[] = [];
    for (const { name, make, token } of platforms) {
      // Each platform has its own store area.
      if (make) adapters.push(make({ checker, logger, store: storage.area(name) }, { images, ...(transcriber ? { transcriber } : {}) }));
      else logger.info('adapter off', { adapter: name, reason: `${token} not set` });
    }
    const started: Adapter[] = [];
    try {
      for (const adapter of adapters) {
        await adapter.start();
        started.push(adapter);
        logger.info('adapter on', { adapter: adapter.name });
      }
    } catch (error) {
      for (const adapter of started.reverse()) await adapter.stop().catch(() => undefined);
      await closeServer(server);
      await images.reader.close();
      throw error;
    }

    // The language detector (eld) and the Traditional converter (OpenCC) load on first use; load them now that
    // the server is up, so the first Spanish text or Traditional reply does not wait for them (~0.5–1 s of CPU).
    const warm = setTimeout(() => {
      const began = performance.now();
      warmLanguageDetector();
      warmTraditional();
      logger.debug('language data loaded', { ms: Math.round(performance.now() - began) });
    }, 0);
    warm.unref();

    const openStorage = storage;
    let stopping: Promise<void> | undefined;
    return {
      url,
      server,
      adapters,
      stop() {
        clearTimeout(warm);
        stopping ??= (async () => {
          for (const adapter of adapters) {
            await adapter.stop().catch((error: unknown) => logger.error('adapter stop failed', { adapter: adapter.name, error }));
          }
          await closeServer(server);
          await images.reader.close();
          await openStorage.close();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (error) {
    await storage?.close();
    throw error;
  }
}

/** `npm start`: runs the service until SIGINT or SIGTERM, then shuts down gracefully. */
async function main(): Promise<void> {
  let service: RunningService;
  try {
    service = await startService();
  } catch (error) {
    const configError = error instanceof SettingError;
    const message = configError ? `configuration error: ${(error as Error).message}` : `cannot start: ${(error as Error).message}`;
    process.stderr.write(`safeword: ${message}\n`);
    process.exitCode = configError ? 78 : 1;
    return;
  }
  process.stderr.write(`Safeword is running: open ${service.url} (Ctrl+C to stop)\n`);
  const shutdown = (signal: string): void => {
    process.stderr.write(`safeword: ${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    service.stop().then(
      () => clearTimeout(force),
      (error: unknown) => {
        process.stderr.write(`safeword: shutdown failed: ${(error as Error).message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.main) await main();
