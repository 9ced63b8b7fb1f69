import Keyv from 'keyv';
import type { Chat, Update } from 'grammy/types';
import type { Checker } from '../../../src/core/checker.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import { loadRuleset } from '../../../src/core/ruleset.ts';
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from '../../../adapters/telegram/bot.ts';
import { callbackQuery, startFakeTelegramServer, testUser, type FakeTelegramServer, type RecordedCall } from '../../fakes/fake-telegram-server.ts';
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
  /** What each message of the bot shows now (its last sent or edited text; deleted ones left out), in order. */
  shownTexts(): string[];
  /** Taps the Details button under every check reply, then returns {@link Harness.shownTexts}. */
  expandReplies(): Promise<string[]>;
  close(): Promise<void>;
}

/** The callback data of a Details button on a sent or edited message, if it has one. */
export function detailsButton(call: RecordedCall): string | undefined {
  const markup = call.params.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  const data = markup?.inline_keyboard?.[0]?.[0]?.callback_data;
  return data !== undefined && /^rd:[^:]+:more(?::|$)/.test(data) ? data : undefined;
}

function messageIdOf(call: RecordedCall): number | undefined {
  if (call.method === 'editMessageText' || call.method === 'deleteMessage') return Number(call.params.message_id);
  const result = call.result as { message_id?: number } | undefined;
  return result?.message_id;
}

function shownTexts(calls: RecordedCall[]): string[] {
  const shown = new Map<number, string>();
  for (const call of calls) {
    const messageId = messageIdOf(call);
    if (messageId === undefined || call.result === undefined) continue;
    if (call.method === 'deleteMessage') shown.delete(messageId);
    else if (call.method === 'sendMessage' || call.method === 'editMessageText') shown.set(messageId, String(call.params.text));
  }
  return [...shown.values()];
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
    shownTexts: () => shownTexts(fake.calls),
    async expandReplies() {
      const tapped = new Set<string>();
      for (const call of fake.calls.filter((candidate) => candidate.method === 'sendMessage' || candidate.method === 'editMessageText')) {
        const data = detailsButton(call);
        const messageId = messageIdOf(call);
        if (!data || tapped.has(data) || messageId === undefined) continue;
        tapped.add(data);
        const chatId = Number(call.params.chat_id);
        const chat = (chatId > 0 ? { id: chatId, type: 'private', first_name: 'User' } : { id: chatId, type: 'supergroup', title: 'Family' }) as Chat;
        await built.bot.handleUpdate(callbackQuery(data, { chat, from: testUser(chatId > 0 ? chatId : 1001), messageId })).catch(() => undefined);
      }
      await built.shared.tasks.drain();
      return shownTexts(fake.calls);
    },
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
