import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createHttpServer } from '../../adapters/http/server.ts';
import { createWebPage } from '../../adapters/http/page.ts';
import type { Adapter, AdapterDeps } from '../core/adapter.ts';
import { closeServer, listen, listenUrl } from '../core/listen.ts';
import type { Logger } from '../core/logger.ts';
import type { Peers } from '../core/peers.ts';
import { optionalSetting, SettingError } from '../core/settings.ts';
import type { Transcriber } from '../llm/transcribe.ts';
import { createChecker } from './checker-factory.ts';
import { loadConfig } from './config.ts';
import { warmLanguageDetector } from '../core/language.ts';
import { warmTraditional } from '../core/traditional.ts';
import type { ScreenshotService } from '../../adapters/telegram/screenshots.ts';
import { OcrPool } from '../image/ocr-pool.ts';
import { createLogger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { secretsFromEnv } from './secrets.ts';
import { createStorage, type Storage, type StorageOptions } from './storage.ts';
import { createWorkerPeers, WORKER_INDEX } from './worker-peers.ts';
import { releaseStartupMemory } from './startup-memory.ts';

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
  /**
   * `all` (default) runs every configured adapter; `http` (the extra worker processes) runs only what is
   * served over HTTP: the API, the Telegram webhook and the Slack HTTP receiver. Long polling, the Discord
   * gateway and Slack Socket Mode stay in one process.
   */
  role?: 'all' | 'http';
  /** The other workers of a cluster (WEB_CONCURRENCY > 1), handed to the adapters; none in one process. */
  peers?: Peers;
  /** Passed to the store (tests: a tiny SQLite page limit stands in for a full disk). */
  storageOptions?: Pick<StorageOptions, 'sqliteMaxPageCount' | 'retryDelayMs' | 'timeoutMs'>;
}

/** What a platform's settings make: its adapter, once the checker, store and logger exist. */
type MakeAdapter = (deps: AdapterDeps, extras: { transcriber?: Transcriber; images: ScreenshotService }) => Adapter;

/** A configured platform in this process: its adapter maker, or why it runs in the first worker only. */
type LoadedPlatform = { make: MakeAdapter; firstWorkerOnly?: undefined } | { make?: undefined; firstWorkerOnly: string };

/**
 * The platforms, in start order. Each one's settings are parsed (from its small config module) only when its
 * token variable is set, so a bad value fails the start before anything runs; its adapter, and with it its SDK
 * (grammY, discord.js, Bolt), is imported only when it runs in this process: with no tokens the service idles
 * at about 90 MB instead of 180 MB. HTTP-only cluster workers (`role: 'http'`) run the webhook-mode adapters
 * only; long polling, gateways and socket mode stay in the first worker. A new platform is one row here.
 */
const PLATFORMS: { name: string; token: string; load(env: NodeJS.ProcessEnv, role: 'all' | 'http'): Promise<LoadedPlatform | undefined> }[] = [
  {
    name: 'telegram',
    token: 'TELEGRAM_BOT_TOKEN',
    async load(env, role) {
      const config = (await import('../../adapters/telegram/config.ts')).loadTelegramConfig(env);
      if (!config) return undefined;
      if (role === 'http' && !config.webhook) return { firstWorkerOnly: 'long polling' };
      const { createTelegramAdapter } = await import('../../adapters/telegram/index.ts');
      return { make: (deps, extras) => createTelegramAdapter(config, deps, { images: extras.images, ...(extras.transcriber ? { transcriber: extras.transcriber } : {}) }) };
    },
  },
  {
    name: 'discord',
    token: 'DISCORD_BOT_TOKEN',
    async load(env, role) {
      const config = (await import('../../adapters/discord/config.ts')).loadDiscordConfig(env);
      if (!config) return undefined;
      if (role === 'http') return { firstWorkerOnly: 'gateway connection' };
      const { createDiscordAdapter } = await import('../../adapters/discord/index.ts');
      return { make: (deps, extras) => createDiscordAdapter(config, deps, { images: extras.images }) };
    },
  },
  {
    name: 'slack',
    token: 'SLACK_BOT_TOKEN',
    async load(env, role) {
      const config = (await import('../../adapters/slack/config.ts')).loadSlackConfig(env);
      if (!config) return undefined;
      if (role === 'http' && config.connection.mode !== 'http') return { firstWorkerOnly: 'socket mode' };
      const { createSlackAdapter } = await import('../../adapters/slack/index.ts');
      return { make: (deps, extras) => createSlackAdapter(config, deps, { images: extras.images }) };
    },
  },
];

/** The configured platforms (settings parsed; adapters imported when they run in this process). */
async function loadPlatforms(env: NodeJS.ProcessEnv, role: 'all' | 'http'): Promise<{ name: string; loaded: LoadedPlatform | undefined; token: string }[]> {
  const platforms = [];
  for (const platform of PLATFORMS) {
    const loaded = optionalSetting.parse(env[platform.token]) === undefined ? undefined : await platform.load(env, role);
    platforms.push({ name: platform.name, loaded, token: platform.token });
  }
  return platforms;
}

/**
 * Starts Safeword with no platform tokens needed: config, logger, store, checker (rules, plus the LLM
 * second opinion when configured), the HTTP API and web page, and whichever adapters have tokens.
 */
export async function startService(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningService> {
  const config = loadConfig(env, options.cwd ? { cwd: options.cwd } : {});
  const platforms = await loadPlatforms(env, options.role ?? 'all');
  const logger = createLogger({
    level: config.logLevel,
    secrets: [config.secret, ...secretsFromEnv(env)],
    ...(options.logWrite ? { write: options.logWrite } : {}),
  });
  let storage: Storage | undefined;
  let metrics: Metrics | undefined;
  try {
    storage = createStorage(config, { logger, onFault: (kind) => metrics?.storeFault(kind), ...options.storageOptions });
    await storage.ready();
    logger.info('store ready', { store: storage.description, ...storage.health() });
    if (config.secretSource === 'generated') logger.info('generated a new hashing key', { path: `${config.dataDir}/secret` });

    const { checker: ruleChecker, offReason, details, localModel, transcriber, transcriberOffReason, breakerState } = await createChecker({
      env,
      logger,
      cache: storage.area('llm'),
      secret: config.secret,
      country: config.country,
      // The rules' parsed YAML, kept beside the store (src/core/yaml-files.ts: ~16 MB less RSS per worker).
      yamlCache: join(config.dataDir, 'rules-cache.json'),
    });
    if (localModel) logger.info('local model on', { file: localModel });
    else logger.info('local model off (LOCAL_MODEL=off)');
    if (offReason) logger.info('second opinion off: rules only', { reason: offReason });
    else logger.info('second opinion on', details);
    if (transcriber) logger.info('voice-note transcription on', { model: transcriber.model });
    else logger.info('voice-note transcription off', { reason: transcriberOffReason });

    // Screenshots: OCR worker threads start on the first image, not at start-up (the models take ~0.8 GB).
    metrics = createMetrics(breakerState ? { breakerState } : {});
    // Every surface reads through one pool, timed once here (safeword_ocr_duration_seconds).
    const images: ScreenshotService = { reader: metrics.meterImages(new OcrPool(config.imageLimits)), limits: config.imageLimits };
    const checker = metrics.meter(ruleChecker);
    const openStore = storage;
    const server = createHttpServer({
      checker,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      page: createWebPage(),
      health: () => openStore.health(),
      publicHosts: config.publicHosts,
      maxInFlight: config.maxChecksInFlight,
      metrics,
      images,
    });
    const url = listenUrl(await listen(server, config.host, config.port));
    logger.info('http server listening', { url, api: `${url}/v1/check` });

    const adapters: Adapter[] = [];
    for (const { name, loaded, token } of platforms) {
      // Each platform has its own store area and its own claims.
      const deps: AdapterDeps = { checker, logger, store: storage.area(name), claims: storage.claims(name), maxInFlight: config.maxChecksInFlight, ...(options.peers ? { peers: options.peers } : {}) };
      if (loaded?.make) adapters.push(loaded.make(deps, { images, ...(transcriber ? { transcriber } : {}) }));
      else if (loaded) logger.info('adapter in the first worker only', { adapter: name, reason: loaded.firstWorkerOnly });
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

    // The language detector (eld) and the Traditional converter (OpenCC) load on first use: together they add
    // ~76 MB to an idle process (measured with one worker and no tokens: 243 MB with them, 167 MB without),
    // which is most of a small host's budget when nobody sends a Spanish or Traditional text. An operator who
    // prefers the first such text not to wait for them (~0.5–1 s of CPU once) sets PRELOAD_LANGUAGE_DATA=1.
    const warm = config.preloadLanguageData
      ? setTimeout(() => {
          const began = performance.now();
          warmLanguageDetector();
          warmTraditional();
          logger.debug('language data loaded', { ms: Math.round(performance.now() - began) });
        }, 0)
      : undefined;
    warm?.unref();
    // Start-up's freed heap pages back to the system (startup-memory.ts: ~20 MB of RSS a process).
    const released = releaseStartupMemory();
    if (released !== undefined) logger.debug('start-up memory released', { ms: Math.round(released) });

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

/** `npm start` in one process: runs the service until SIGINT or SIGTERM, then shuts down gracefully. */
export async function runProcess(env: NodeJS.ProcessEnv = process.env, role: 'all' | 'http' = 'all'): Promise<RunningService | undefined> {
  let service: RunningService;
  try {
    // A cluster worker reaches the others through the primary (cluster.ts relays, worker-peers.ts).
    const index = env[WORKER_INDEX];
    service = await startService(env, { role, ...(cluster.isWorker && index !== undefined ? { peers: createWorkerPeers(index) } : {}) });
  } catch (error) {
    const configError = error instanceof SettingError;
    const message = configError ? `configuration error: ${(error as Error).message}` : `cannot start: ${(error as Error).message}`;
    process.stderr.write(`safeword: ${message}\n`);
    process.exitCode = configError ? 78 : 1;
    return undefined;
  }
  if (role === 'all') process.stderr.write(`Safeword is running: open ${service.url} (Ctrl+C to stop)\n`);
  const shutdown = (signal: string): void => {
    process.stderr.write(`safeword: ${signal} received, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    service.stop().then(
      () => {
        clearTimeout(force);
        // A cluster worker exits once stopped (its IPC channel would keep it alive).
        if (process.connected) process.disconnect();
      },
      (error: unknown) => {
        process.stderr.write(`safeword: shutdown failed: ${(error as Error).message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return service;
}

if (import.meta.main) {
  const { runCluster } = await import('./cluster.ts');
  await runCluster(process.env, { runProcess });
}
