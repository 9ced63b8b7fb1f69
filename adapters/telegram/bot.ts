import { Bot, type BotError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type Keyv from 'keyv';
import { createMemoryClaims, createTaskTracker, type Checker, type Claims, type Logger, type Peers } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';
import { createCommands } from './commands.ts';
import { createCountryCommand } from './country.ts';
import { createDetailsButtons } from './details-buttons.ts';
import { DEFAULT_TELEGRAM_FEATURES } from './config.ts';
import type { TelegramClock, TelegramContext, TelegramFeatureConfig, TelegramShared } from './context.ts';
import { createFileDownloader } from './files.ts';
import { buildGroupFeatures, type GroupFeatures } from './group/index.ts';
import { languageOf } from './language.ts';
import { createPrivateChat } from './private-chat.ts';
import { createScreenshots, type ScreenshotService } from './screenshots.ts';
import { createRateLimiter } from './rate-limit.ts';
import { ChatPace } from './chat-pace.ts';
import { ReplyDetails } from './reply-details.ts';
import { createRetryTransformer, type RetryOptions } from './retry.ts';
import type { Transcriber } from './transcriber.ts';
import { canUseWebhookReply, createAcknowledgeTransformer, createDeduplicator, createUpdateGuard } from './update-guard.ts';

/** The default Bot API root. */
export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** Options for {@link createTelegramBot}. */
export interface TelegramBotOptions {
  token: string;
  checker: Checker;
  /** Adapter state (language choices, de-duplication, rate counters, group settings). Never message text. */
  store: Keyv;
  /** Atomic claims shared by every process on the store (default: this process only). */
  claims?: Claims;
  logger: Logger;
  /** Bot API root (a self-hosted Bot API server or a test fake). */
  apiRoot?: string;
  /** The bot's own user; skips getMe (tests). */
  botInfo?: UserFromGetMe;
  transcriber?: Transcriber;
  /** Screenshot reading (photos, image documents, albums); without it a photo without a caption asks for text. */
  images?: ScreenshotService;
  config?: Partial<TelegramFeatureConfig>;
  clock?: Partial<TelegramClock>;
  retry?: RetryOptions;
  /** The other workers of a cluster: a Details tap that reaches this one for a reply another holds is handed over. */
  peers?: Peers;
  /**
   * Webhook mode: a forward (or album photo) whose answer comes with its burst's finishes only once that
   * answer has left, so Telegram gets its 200 after it and delivers the burst again after a crash. Off for
   * long polling (grammY handles one update at a time there, so a burst could never gather; its updates are
   * confirmed by the next getUpdates whatever the handler does).
   */
  holdUntilAnswered?: boolean;
}

/** A built bot: the grammY Bot, the shared helpers, and ways to wait for or end background work. */
export interface TelegramBot {
  bot: Bot<TelegramContext>;
  shared: TelegramShared;
  /** The family-group features (their check-in timers can be re-armed or disarmed). */
  group: GroupFeatures;
  /** Resolves when no forward burst is waiting and every reply edit has finished. */
  idle(): Promise<void>;
  /** Checks waiting forward bursts now and waits for background work (call on stop). */
  drain(): Promise<void>;
  /** Disarms the group features' timers (stored check-ins stay for the next start). */
  stopTimers(): void;
}

const systemClock: TelegramClock = {
  now: () => Date.now(),
  setTimeout: (callback, milliseconds) => {
    const timer = setTimeout(callback, milliseconds);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Builds the Safeword bot: error boundary, update guard, de-duplication, commands, family-group features
 * (adapters/telegram/group) and the private chat, with a retrying API client. Does not start it.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { logger, store, checker } = options;
  const claims = options.claims ?? createMemoryClaims();
  const config: TelegramFeatureConfig = { ...DEFAULT_TELEGRAM_FEATURES, ...options.config };
  const clock: TelegramClock = { ...systemClock, ...options.clock };
  const apiRoot = options.apiRoot ?? TELEGRAM_API_ROOT;
  const bot = new Bot<TelegramContext>(options.token, {
    // Webhook mode: the update's one answer may ride in the webhook's 200 (update-guard.ts, webhook.ts).
    client: { apiRoot, canUseWebhookReply },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // Acknowledges the update as its first visible call leaves (update-guard.ts); installed first, so it runs
  // inside the retries below, once per attempt: an attempt refused with 429/5xx takes the acknowledgement back.
  bot.api.config.use(createAcknowledgeTransformer());
  bot.api.config.use(
    createRetryTransformer({
      maxAttempts: 4,
      ...options.retry,
      onRetry: (info) => logger.warn('telegram: retrying API call', info),
    }),
  );
  // Outermost: a reply to a chat past Telegram's per-chat pace goes over HTTP, where a 429 is seen and waited out.
  bot.api.config.use(new ChatPace(() => clock.now()).transformer());

  const shared: TelegramShared = {
    api: bot.api,
    checker,
    store,
    claims,
    logger,
    tasks: createTaskTracker(logger, 'telegram'),
    t: checker.ruleset.t,
    limiter: createRateLimiter(claims, config, clock),
    config,
    clock,
    details: new ReplyDetails(() => clock.now(), options.peers ? { owner: options.peers.self } : {}),
  };
  const download = createFileDownloader(apiRoot, options.token);
  const screenshots = options.images ? createScreenshots(shared, { download, images: options.images, holdUntilAnswered: options.holdUntilAnswered === true }) : undefined;
  const privateChat = createPrivateChat(shared, {
    holdUntilAnswered: options.holdUntilAnswered === true,
    download,
    ...(options.transcriber ? { transcriber: options.transcriber } : {}),
    ...(screenshots ? { screenshots } : {}),
  });
  const group = buildGroupFeatures(shared);

  const onError = async (error: BotError<TelegramContext>): Promise<void> => {
    const ctx = error.ctx;
    logger.error('telegram: update failed', { updateId: ctx.update?.update_id, ...errorFields(error.error) });
    if (ctx.chat?.type === 'private' && ctx.message) {
      await ctx.reply(shared.t(await languageOf(store, ctx), 'telegram.check_failed')).catch(() => undefined);
    }
  };
  bot.catch((error) => void onError(error));

  const guarded = bot.errorBoundary(onError);
  guarded.use(createUpdateGuard(logger));
  guarded.use(createDeduplicator(claims, config.dedupTtlMs, logger));
  guarded.use(createCommands(shared, { voiceEnabled: options.transcriber !== undefined }));
  guarded.use(createCountryCommand(shared));
  guarded.use(createDetailsButtons(shared, options.peers));
  guarded.use(group.composer);
  guarded.use(privateChat.composer);
  // A button no feature knows (an old message, a changed format): answer it so the client stops waiting.
  guarded.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  return {
    bot,
    shared,
    group,
    idle: () => shared.tasks.drain(),
    async drain() {
      privateChat.burst.closeAll();
      await shared.tasks.drain();
    },
    stopTimers() {
      group.stop();
    },
  };
}
