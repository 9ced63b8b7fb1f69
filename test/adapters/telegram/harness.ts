import Keyv from 'keyv';
import type { Update } from 'grammy/types';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from '../../../adapters/telegram/bot.ts';
import { startFakeTelegramServer, type FakeTelegramServer, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/recording-logger.ts';
export { createRecordingLogger, type RecordingLogger } from '../../fakes/recording-logger.ts';

/** A running test bot against a fake Bot API. */
export interface Harness extends TelegramBot {
  fake: FakeTelegramServer;
  store: Keyv;
  logger: RecordingLogger;
  /** Feeds one update through bot.handleUpdate (errors go to the bot's error boundary). */
  handle(update: Update): Promise<void>;
  /** Starts long polling against the fake. */
  startPolling(): void;
  /** Texts of sendMessage calls, in order. */
  sentTexts(): string[];
  close(): Promise<void>;
}

/** Options for {@link createHarness}. */
export type HarnessOptions = Partial<Omit<TelegramBotOptions, 'token' | 'apiRoot' | 'botInfo' | 'logger' | 'store'>> & {
  checker?: Checker;
};

/** Starts a fake Bot API and builds the real bot against it (short burst window and retry delays). */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeTelegramServer();
  const store = new Keyv();
  const logger = createRecordingLogger();
  const built = createTelegramBot({
    checker: createRulesChecker(loadRuleset()),
    ...options,
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    store,
    logger,
    config: { burstWindowMs: 40, ...options.config },
    retry: { secondMs: 5, serverErrorDelayMs: 5, ...options.retry },
  });
  let polling: Promise<void> | undefined;
  return {
    ...built,
    fake,
    store,
    logger,
    async handle(update) {
      await built.bot.handleUpdate(update).catch(() => undefined);
    },
    startPolling() {
      polling = built.bot.start({ timeout: 1 });
    },
    sentTexts: () => fake.callsOf('sendMessage').map((call: RecordedCall) => String(call.params.text)),
    async close() {
      built.stopTimers(); // check-in deadlines of this bot must not fire after the test
      if (polling) {
        await built.bot.stop();
        await polling.catch(() => undefined);
      }
      await built.drain();
      await fake.close();
    },
  };
}
