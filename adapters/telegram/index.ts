import type { UserFromGetMe } from 'grammy/types';
import { SOURCE_LANGUAGES, type Adapter, type AdapterDeps } from '../../src/core/index.ts';
import { createTelegramBot, type TelegramBot } from './bot.ts';
import { errorFields } from './check-reply.ts';
import { privateCommandMenu } from './commands.ts';
import type { TelegramConfig } from './config.ts';
import type { TelegramClock } from './context.ts';
import { groupCommands } from './group/index.ts';
import type { RetryOptions } from './retry.ts';
import type { Transcriber } from './transcriber.ts';
import type { ScreenshotService } from './screenshots.ts';
import { startWebhookServer, type WebhookServer } from './webhook.ts';

export { loadTelegramConfig, type TelegramConfig } from './config.ts';
export type { Transcriber } from './transcriber.ts';

/** Optional extras for {@link createTelegramAdapter} (transcription, and test hooks). */
export interface TelegramAdapterExtras {
  transcriber?: Transcriber;
  /** Screenshot reading for photos and image documents. */
  images?: ScreenshotService;
  /** The bot's own user; skips getMe (tests). */
  botInfo?: UserFromGetMe;
  clock?: Partial<TelegramClock>;
  retry?: RetryOptions;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
}

/** A Telegram adapter, with the built bot exposed for tests and the webhook address once started. */
export interface TelegramAdapter extends Adapter {
  readonly telegram: TelegramBot;
  /** The local webhook listener (webhook mode, after start). */
  webhookUrl(): string | undefined;
}

/**
 * The Telegram adapter: builds the bot, registers the command menus (en and zh, private and group chats)
 * and runs long polling, or a webhook server plus setWebhook when TELEGRAM_WEBHOOK_URL is configured.
 */
export function createTelegramAdapter(config: TelegramConfig, deps: AdapterDeps, extras: TelegramAdapterExtras = {}): TelegramAdapter {
  const telegram = createTelegramBot({
    token: config.token,
    checker: deps.checker,
    store: deps.store,
    ...(deps.claims ? { claims: deps.claims } : {}),
    ...(deps.peers ? { peers: deps.peers } : {}),
    logger: deps.logger,
    holdUntilAnswered: config.webhook !== undefined,
    config: config.features,
    retry: { maxAttempts: config.retry.maxAttempts, maxDelayMs: config.retry.maxDelayMs, ...extras.retry },
    ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
    ...(extras.botInfo ? { botInfo: extras.botInfo } : {}),
    ...(extras.transcriber ? { transcriber: extras.transcriber } : {}),
    ...(extras.images ? { images: extras.images } : {}),
    ...(extras.clock ? { clock: extras.clock } : {}),
  });
  const { bot } = telegram;
  const logger = deps.logger;
  let webhook: WebhookServer | undefined;
  let polling: Promise<void> | undefined;

  async function registerCommands(): Promise<void> {
    // Telegram menus are per two-letter language_code: en (default), zh for both scripts (short, in Simplified), es.
    for (const language of SOURCE_LANGUAGES) {
      const languageOption = language === 'en' ? {} : { language_code: language };
      const privateMenu = privateCommandMenu(deps.checker.ruleset.t, language);
      await bot.api.setMyCommands(privateMenu, { scope: { type: 'all_private_chats' }, ...languageOption });
      await bot.api.setMyCommands([...groupCommands(deps.checker.ruleset.t, language), ...privateMenu.filter((item) => item.command !== 'start')], {
        scope: { type: 'all_group_chats' },
        ...languageOption,
      });
    }
  }

  return {
    name: 'telegram',
    telegram,
    webhookUrl: () => webhook?.url,
    async start() {
      await bot.init();
      await registerCommands().catch((error: unknown) => logger.warn('telegram: could not set the command menu', errorFields(error)));
      if (config.webhook) {
        webhook = await startWebhookServer(bot, { ...config.webhook, logger, ...(deps.maxInFlight ? { maxInFlight: deps.maxInFlight } : {}) });
        await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret });
        logger.info('telegram: webhook mode', { listen: webhook.url, path: config.webhook.path });
        return;
      }
      polling = bot
        .start({ timeout: extras.pollTimeoutSeconds ?? 30 })
        .catch((error: unknown) => logger.error('telegram: long polling stopped', errorFields(error)));
      logger.info('telegram: long polling');
    },
    async stop() {
      if (polling) {
        await bot.stop().catch((error: unknown) => logger.warn('telegram: could not confirm the last update', errorFields(error)));
        await polling;
        polling = undefined;
      }
      await webhook?.close();
      webhook = undefined;
      telegram.stopTimers();
      await telegram.drain();
    },
  };
}
