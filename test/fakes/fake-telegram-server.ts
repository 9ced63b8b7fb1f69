import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Message, MessageOrigin, Update, User, UserFromGetMe } from 'grammy/types';
import { readBody } from './read-body.ts';

/** One recorded Bot API call. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Milliseconds since the fake started, when the call arrived. */
  at: number;
  /** The result the fake answered with (a sent or edited message), once answered successfully. */
  result?: unknown;
  /** Set when the call came as a webhook reply (the body of a 200 to a webhook call), not over HTTP. */
  viaWebhookReply?: true;
}

/** A scripted failure for the next call(s) of one method. */
export interface ScriptedFailure {
  status: 429 | 400 | 403 | 500 | 502;
  /** For 429: seconds in `parameters.retry_after`. */
  retryAfter?: number;
  description?: string;
  /** How many consecutive calls fail (default 1). */
  times?: number;
}

/** Options for {@link startFakeTelegramServer}. */
export interface FakeTelegramOptions {
  /** Longest a getUpdates call is held open when no update is queued, in ms (default 100). */
  maxPollMs?: number;
  botInfo?: Partial<UserFromGetMe>;
}

/** A fake Telegram Bot API on 127.0.0.1 that records calls and serves queued updates. */
export interface FakeTelegramServer {
  /** Pass as grammY `client.apiRoot`. */
  apiRoot: string;
  /** A token the fake accepts (any token is accepted). */
  token: string;
  /** The bot the fake pretends to be (answer of getMe); pass as grammY `botInfo` to skip getMe. */
  botInfo: UserFromGetMe;
  calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** Resolves with the calls of `method` once at least `count` (default 1) were made; rejects after timeoutMs (default 2000). */
  waitForCall(method: string, options?: { count?: number; timeoutMs?: number }): Promise<RecordedCall[]>;
  pushUpdate(update: Update): void;
  pushUpdates(updates: Update[]): void;
  /** Updates queued and not yet confirmed by an offset. */
  pendingUpdates(): number;
  failNext(method: string, failure: ScriptedFailure): void;
  /**
   * The next call of `method` (whose params `which` accepts, when given) is neither executed nor recorded nor
   * answered: it stands for a request its process was about to make when it died (kill it once `reached`
   * resolved, with the call's params). Telegram never got it; a later call is served as usual.
   */
  holdNext(method: string, which?: (params: Record<string, unknown>) => boolean): { reached: Promise<Record<string, unknown>> };
  setChatMember(chatId: number, userId: number, member: Record<string, unknown>): void;
  addFile(fileId: string, content: Buffer | string, filePath?: string): void;
  /**
   * What Telegram does with the body of a 200 answering a webhook call: a body naming a `method` is executed as
   * if the bot had called it (recorded the same way; its answer goes nowhere); any other body is ignored.
   */
  webhookReply(body: string): void;
  /** Forgets the recorded calls (not the queued updates or scripted failures). */
  clearCalls(): void;
  close(): Promise<void>;
}

function parseParams(request: IncomingMessage, body: Buffer, url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = request.headers['content-type'] ?? '';
  if (body.length === 0) return params;
  if (type.includes('application/json')) return { ...params, ...(JSON.parse(body.toString('utf8')) as Record<string, unknown>) };
  if (type.includes('multipart/form-data')) {
    // grammY sends multipart only when uploading files; keep the text fields.
    const boundary = /boundary=([^;]+)/.exec(type)?.[1];
    if (boundary) {
      for (const part of body.toString('latin1').split(`--${boundary}`)) {
        const match = /name="([^"]+)"(?:[^\r\n]*)\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
        if (match?.[1] && match[2] !== undefined) {
          const raw = Buffer.from(match[2], 'latin1').toString('utf8');
          try {
            params[match[1]] = JSON.parse(raw);
          } catch {
            params[match[1]] = raw;
          }
        }
      }
    }
    return params;
  }
  return params;
}

function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Starts a fake Bot API on 127.0.0.1 (port 0). */
export async function startFakeTelegramServer(options: FakeTelegramOptions = {}): Promise<FakeTelegramServer> {
  const started = performance.now();
  const maxPollMs = options.maxPollMs ?? 100;
  const botInfo: UserFromGetMe = {
    id: 7_000_001,
    is_bot: true,
    first_name: 'Safeword',
    username: 'safeword_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    ...options.botInfo,
  } as UserFromGetMe;
  const calls: RecordedCall[] = [];
  const callWaiters = new Set<() => void>();
  let queue: Update[] = [];
  const pollWaiters = new Set<() => void>();
  const failures = new Map<string, ScriptedFailure[]>();
  const holds: { method: string; which: ((params: Record<string, unknown>) => boolean) | undefined; reach: (params: Record<string, unknown>) => void }[] = [];
  const members = new Map<string, Record<string, unknown>>();
  const files = new Map<string, { content: Buffer; path: string }>();
  let nextMessageId = 100_000;

  const botUser: User = { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username };

  function chatFor(chatId: unknown): Chat {
    const id = Number(chatId);
    return id > 0 ? { id, type: 'private', first_name: 'User' } : { id, type: 'supergroup', title: 'Group' };
  }

  function sentMessage(params: Record<string, unknown>, messageId?: number): Message {
    return {
      message_id: messageId ?? nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: chatFor(params.chat_id),
      from: botUser,
      text: typeof params.text === 'string' ? params.text : '',
    } as Message;
  }

  function answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return botInfo;
      case 'sendMessage':
        return sentMessage(params);
      case 'editMessageText':
        return params.inline_message_id ? true : sentMessage(params, Number(params.message_id));
      case 'getChatMember': {
        const member = members.get(`${String(params.chat_id)}:${String(params.user_id)}`);
        return { status: 'member', user: { id: Number(params.user_id), is_bot: false, first_name: 'Member' }, ...member };
      }
      case 'getFile': {
        const file = files.get(String(params.file_id));
        if (!file) return undefined;
        return { file_id: params.file_id, file_unique_id: `u${String(params.file_id)}`, file_size: file.content.length, file_path: file.path };
      }
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: queue.length };
      default:
        return true;
    }
  }

  function record(method: string, params: Record<string, unknown>, viaWebhookReply = false): RecordedCall {
    const call: RecordedCall = { method, params, at: performance.now() - started, ...(viaWebhookReply ? { viaWebhookReply: true as const } : {}) };
    calls.push(call);
    for (const wake of [...callWaiters]) wake();
    return call;
  }

  async function getUpdates(params: Record<string, unknown>, request: IncomingMessage): Promise<Update[]> {
    const offset = Number(params.offset ?? 0);
    if (offset > 0) queue = queue.filter((update) => update.update_id >= offset);
    const limit = Number(params.limit ?? 100) || 100;
    const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, maxPollMs);
    if (queue.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          pollWaiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        pollWaiters.add(wake);
        request.once('close', wake);
      });
    }
    return queue.slice(0, limit);
  }

  /** Records a call and answers it: a scripted failure, else the fake's result (as the HTTP answer's status and body). */
  function execute(method: string, params: Record<string, unknown>, viaWebhookReply = false): { status: number; body: Record<string, unknown> } {
    const call = record(method, params, viaWebhookReply);
    const scripted = failures.get(method);
    const failure = scripted?.[0];
    if (failure && scripted) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) scripted.shift();
      if (failure.status === 429) {
        const retryAfter = failure.retryAfter ?? 1;
        return {
          status: 429,
          body: { ok: false, error_code: 429, description: failure.description ?? `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } },
        };
      }
      return { status: failure.status, body: { ok: false, error_code: failure.status, description: failure.description ?? 'Internal Server Error' } };
    }
    const result = answer(method, params);
    call.result = result;
    if (result === undefined) return { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } };
    return { status: 200, body: { ok: true, result } };
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const fileMatch = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
      if (fileMatch) {
        const wanted = decodeURIComponent(fileMatch[1] ?? '');
        const file = [...files.values()].find((candidate) => candidate.path === wanted);
        record('downloadFile', { file_path: wanted });
        if (!file) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
        response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.content.length });
        response.end(file.content);
        return;
      }
      const match = /^\/bot[^/]+\/(\w+)$/.exec(url.pathname);
      if (!match?.[1]) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      const method = match[1];
      let params: Record<string, unknown>;
      try {
        params = parseParams(request, await readBody(request), url);
      } catch {
        return sendJson(response, 400, { ok: false, error_code: 400, description: 'Bad Request: cannot parse body' });
      }
      if (method === 'getUpdates' && !failures.get(method)?.length) {
        record(method, params);
        const updates = await getUpdates(params, request);
        if (!response.destroyed) sendJson(response, 200, { ok: true, result: updates });
        return;
      }
      const hold = holds.findIndex((candidate) => candidate.method === method && (candidate.which?.(params) ?? true));
      if (hold >= 0) {
        holds.splice(hold, 1)[0]!.reach(params);
        return; // never answered: the connection ends with its process
      }
      const { status, body } = execute(method, params);
      sendJson(response, status, body);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { ok: false, error_code: 500, description: String(error) });
    });
  });

  // Idle connections stay open for a minute (Node closes them after 5 s): a client that reuses one just as the
  // server closes it gets ECONNRESET, grammY an HttpError, which failed 1 run in 3 of the two-worker test under load.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token: '123456:TEST-TOKEN',
    botInfo,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    webhookReply(body) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
      const { method, ...params } = parsed as Record<string, unknown>;
      if (typeof method === 'string' && /^\w+$/.test(method) && method !== 'getUpdates') execute(method, params, true);
    },
    waitForCall(method, waitOptions = {}) {
      const count = waitOptions.count ?? 1;
      const timeoutMs = waitOptions.timeoutMs ?? 2000;
      const matching = (): RecordedCall[] => calls.filter((call) => call.method === method);
      if (matching().length >= count) return Promise.resolve(matching());
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (matching().length < count) return;
          clearTimeout(timer);
          callWaiters.delete(check);
          resolve(matching());
        };
        const timer = setTimeout(() => {
          callWaiters.delete(check);
          reject(new Error(`fake Telegram: expected ${count} ${method} call(s) within ${timeoutMs} ms, got ${matching().length}`));
        }, timeoutMs);
        callWaiters.add(check);
      });
    },
    pushUpdate(update) {
      queue.push(update);
      for (const wake of [...pollWaiters]) wake();
    },
    pushUpdates(updates) {
      queue.push(...updates);
      for (const wake of [...pollWaiters]) wake();
    },
    pendingUpdates: () => queue.length,
    failNext(method, failure) {
      const list = failures.get(method) ?? [];
      list.push({ ...failure });
      failures.set(method, list);
    },
    holdNext(method, which) {
      let reach!: (params: Record<string, unknown>) => void;
      const reached = new Promise<Record<string, unknown>>((resolve) => (reach = resolve));
      holds.push({ method, which, reach });
      return { reached };
    },
    setChatMember(chatId, userId, member) {
      members.set(`${chatId}:${userId}`, member);
    },
    addFile(fileId, content, filePath) {
      files.set(fileId, { content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), path: filePath ?? `documents/${fileId}` });
    },
    clearCalls() {
      calls.length = 0;
    },
    close() {
      for (const wake of [...pollWaiters]) wake();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ── Update builders ─────────────────────────────────────────────────────────────────────────────────

let nextUpdateId = 1;
let nextIncomingMessageId = 1;

/** A Telegram user for tests. */
export function testUser(id = 1001, overrides: Partial<User> = {}): User {
  return { id, is_bot: false, first_name: `User${id}`, language_code: 'en', ...overrides };
}

/** Options shared by the message builders. */
export interface MessageOptions {
  from?: User;
  chat?: Chat;
  /** Extra message fields (forward_origin, reply_to_message, entities, document, voice, …). */
  extra?: Record<string, unknown>;
  updateId?: number;
  messageId?: number;
}

/** Wraps a message into an update with the next update_id. */
export function messageUpdate(message: Record<string, unknown>, options: MessageOptions = {}): Update {
  const from = options.from ?? testUser();
  const chat = options.chat ?? ({ id: from.id, type: 'private', first_name: from.first_name } as Chat);
  return {
    update_id: options.updateId ?? nextUpdateId++,
    message: {
      message_id: options.messageId ?? nextIncomingMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      ...message,
      ...options.extra,
    } as Message,
  } as Update;
}

/** A text message in a private chat (or in options.chat). */
export function privateText(text: string, options: MessageOptions = {}): Update {
  return messageUpdate({ text }, options);
}

/** A text message in a group chat (default chat id -100200). */
export function groupText(text: string, options: MessageOptions & { chatId?: number } = {}): Update {
  const chat = options.chat ?? ({ id: options.chatId ?? -100200, type: 'supergroup', title: 'Family' } as Chat);
  return messageUpdate({ text }, { ...options, chat });
}

/** A forwarded text message in a private chat. */
export function forwardedText(text: string, origin: MessageOrigin, options: MessageOptions = {}): Update {
  return messageUpdate({ text, forward_origin: origin }, options);
}

/** A bot command message (with its bot_command entity). */
export function commandText(command: string, options: MessageOptions & { group?: boolean } = {}): Update {
  const name = command.split(' ')[0] ?? command;
  const message = { text: command, entities: [{ type: 'bot_command', offset: 0, length: name.length }] };
  if (options.group) {
    const chat = options.chat ?? ({ id: -100200, type: 'supergroup', title: 'Family' } as Chat);
    return messageUpdate(message, { ...options, chat });
  }
  return messageUpdate(message, options);
}

/** A callback query (button press) on a message the bot sent. */
export function callbackQuery(
  data: string,
  options: { from?: User; chat?: Chat; messageId?: number; updateId?: number; /** Fields of the tapped message (text, reply_to_message). */ message?: Partial<Message> } = {},
): Update {
  const from = options.from ?? testUser();
  const chat = options.chat ?? ({ id: from.id, type: 'private', first_name: from.first_name } as Chat);
  return {
    update_id: options.updateId ?? nextUpdateId++,
    callback_query: {
      id: `cq${nextUpdateId}`,
      from,
      chat_instance: `ci${chat.id}`,
      data,
      message: { message_id: options.messageId ?? 1, date: Math.floor(Date.now() / 1000), chat, text: '', ...options.message } as Message,
    },
  } as Update;
}
