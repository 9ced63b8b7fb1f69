import type { Chat, Message, Update } from 'grammy/types';
import { callbackQuery, commandText, groupText, privateText, testUser, type FakeTelegramServer, type RecordedCall } from '../fakes/fake-telegram-server.ts';

/** Scam texts the rules rate high, and a benign one (none of them corpus sentences). */
export const SCAM = 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account today and tell no one, or you will be arrested.';
export const BENIGN = 'Dinner at 7 tonight?';
export const CHAT = { id: -100200, type: 'supergroup', title: 'Family' } as Chat;
export const ANNA = testUser(2001, { first_name: 'Anna', username: 'AnnaW' });
export const ADMIN = testUser(2003, { first_name: 'Mum' });
export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123456789';

/**
 * Posts one update to a webhook listener, as Telegram does: a 200 whose body names a Bot API method (a webhook
 * reply) has that method executed by `telegram`, as if the bot had called it; a body that did not arrive
 * whole (the process died mid-answer) executes nothing. Returns the status, 0 when no answer arrived.
 */
export async function deliver(webhookUrl: string, update: Update, telegram: Pick<FakeTelegramServer, 'webhookReply'>): Promise<number> {
  let status: number;
  let body: string;
  try {
    const response = await fetch(`${webhookUrl}/hook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    status = response.status;
    body = await response.text();
  } catch {
    return 0; // the process died mid-request (kill -9 tests)
  }
  if (status === 200) telegram.webhookReply(body);
  return status;
}

/** A group command with its entities (bot_command, and mentions). */
export function groupCommand(text: string, from = ADMIN, updateId?: number): Update {
  const update = commandText(text, { group: true, from, chat: CHAT, ...(updateId !== undefined ? { updateId } : {}) });
  const message = update.message as Message;
  for (const match of text.matchAll(/@\w+/g)) {
    if (match.index > 0) message.entities?.push({ type: 'mention', offset: match.index, length: match[0].length });
  }
  return update;
}

/** The workload: `privateCount` DMs (scam or benign, one user each), `checkins` /checkin @AnnaW (one requester each), `watched` scam texts in the watched group. */
export function workload(base: number, counts: { privateCount: number; checkins: number; watched: number }): Update[] {
  const updates: Update[] = [];
  let id = base;
  for (let index = 0; index < counts.privateCount; index += 1) {
    updates.push(privateText(index % 3 === 2 ? BENIGN : SCAM, { from: testUser(10_000 + base + index), updateId: id++, messageId: 1_000_000 + id }));
  }
  for (let index = 0; index < counts.checkins; index += 1) {
    updates.push(groupCommand('/checkin @AnnaW', testUser(20_000 + base + index, { first_name: `Req${base + index}` }), id++));
  }
  for (let index = 0; index < counts.watched; index += 1) {
    updates.push(groupText(SCAM, { chat: CHAT, from: testUser(30_000 + base + index), updateId: id++, messageId: 2_000_000 + id }));
  }
  return updates;
}

/** Sent messages that answer message `messageId` in chat `chatId`. */
export function repliesTo(calls: RecordedCall[], chatId: number, messageId: number): RecordedCall[] {
  return calls.filter((call) => Number(call.params.chat_id) === chatId && (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
}

/** The check-in questions sent, with their button data and message id (the fake numbers sent messages from 100000). */
export function checkinQuestions(fake: FakeTelegramServer): { requester: string; data: string; messageId: number }[] {
  return fake
    .callsOf('sendMessage')
    .map((call, index) => ({ call, index }))
    .filter(({ call }) => String(call.params.text).includes('are you safe?'))
    .map(({ call, index }) => {
      const markup = call.params.reply_markup as { inline_keyboard: { callback_data: string }[][] };
      return { requester: /Req\d+/.exec(String(call.params.text))?.[0] ?? '', data: markup.inline_keyboard[0]![0]!.callback_data, messageId: 100_000 + index };
    });
}

/** Anna's press on a check-in question's button. */
export function confirmPress(question: { data: string; messageId: number }, updateId: number): Update {
  return callbackQuery(question.data, { from: ANNA, chat: CHAT, messageId: question.messageId, updateId });
}

/** The answers to callback queries that thanked Anna for confirming (one per confirmed check-in). */
export function thanks(fake: FakeTelegramServer): RecordedCall[] {
  return fake.callsOf('answerCallbackQuery').filter((call) => /group can see your answer/.test(String(call.params.text)));
}

/** Environment for a service process in Telegram webhook mode against the fake Bot API. */
export function telegramEnv(fake: FakeTelegramServer, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_WEBHOOK_LISTEN: '127.0.0.1:0',
    SAFEWORD_SECRET: 'a-shared-secret-for-all-instances',
    ...extra,
  };
}
