import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { BodyTooLargeError, closeServer, listen, listenUrl, readLimitedBody, type Logger } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';
import type { TelegramContext } from './context.ts';
import { WebhookReplyLost, withWebhookReply, type WebhookReplySlot } from './update-guard.ts';

/** Options for {@link startWebhookServer}. */
export interface WebhookServerOptions {
  host: string;
  port: number;
  /** The only path updates are accepted on. */
  path: string;
  /** Expected X-Telegram-Bot-Api-Secret-Token; anything else gets 401. */
  secret: string;
  logger: Logger;
  /**
   * Largest accepted update body, in bytes (default 1 MiB). Telegram's largest update is a message of
   * 4096 characters with entities and a reply: well under 100 KB, so 1 MiB leaves room for any update.
   */
  maxBodyBytes?: number;
  /**
   * How long one update may run before Telegram gets an answer, in ms (default 9 s, below Telegram's timeout):
   * a 503 then, so Telegram delivers it again (see {@link startWebhookServer}).
   */
  timeoutMs?: number;
  /** Updates in flight at once (default 64, like the HTTP API's checks); beyond it 503 with Retry-After, which Telegram retries. */
  maxInFlight?: number;
}

/** A running webhook server. */
export interface WebhookServer {
  server: Server;
  /** http://host:port of the local listener. */
  url: string;
  close(): Promise<void>;
}

function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Writes the 200 carrying the update's answer (a webhook reply, update-guard.ts): resolves on 'finish' (the
 * last bytes handed to the OS, Node's documented meaning), after which the update may be marked done; rejects
 * when the connection closed before that (Telegram never got it; the call is made again over HTTP).
 */
function writeWebhookReply(response: ServerResponse, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!responseOpen(response)) return reject(new WebhookReplyLost());
    response.once('finish', resolve);
    response.once('close', () => reject(new WebhookReplyLost()));
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}

/** Whether the webhook's response is still unwritten and its connection open: it can still carry the answer. */
function responseOpen(response: ServerResponse): boolean {
  return !response.headersSent && !response.destroyed;
}

function answer(response: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(status === 200 ? '{}' : undefined);
}

/**
 * Serves Telegram webhook calls on node:http: POST to `path` only; the secret token compared in constant
 * time before the body is read (401 when wrong); the body read as it streams and cut off past the limit
 * (413 and the connection closed, also for a chunked body without Content-Length); 400 for a body that is
 * not JSON. Each update goes to bot.handleUpdate (its error boundary answers failures, so Telegram does
 * not retry them). Its answer, when it is one call whose result nobody needs (a check reply, a check-in
 * question, a button's answer), rides in the 200 as a webhook reply, written the moment the handler makes
 * that call; the update is marked done only after it was handed to the OS (why, kill point by kill point:
 * update-guard.ts, WEBHOOK_REPLY_METHODS). Otherwise the 200 (`{}`) comes once the handlers finished: the
 * update's reply has left over HTTP and it is marked done. An update still running after `timeoutMs`
 * without an answer gets 503 with Retry-After: 1 and goes on (its answer then goes over HTTP, the webhook
 * reply being gone with the 503); Telegram's next delivery of it finds it done, or waits for this process's lease, or takes it over
 * if this process died meanwhile (a 200 there would lose it to a crash before its reply). Beyond `maxInFlight`
 * updates at once the answer is 503 with Retry-After: 1, before the body is read; Telegram delivers the
 * update again later instead of it piling up here.
 */
export async function startWebhookServer(bot: Bot<TelegramContext>, options: WebhookServerOptions): Promise<WebhookServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 9_000;
  const maxInFlight = options.maxInFlight ?? 64;
  let inFlight = 0;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.path) return answer(response, 404);
    if (request.method !== 'POST') return answer(response, 405, { allow: 'POST' });
    if (!secretMatches(request.headers['x-telegram-bot-api-secret-token'], options.secret)) return answer(response, 401, { connection: 'close' });
    if (inFlight >= maxInFlight) {
      options.logger.warn('telegram: webhook overloaded', { status: 503, inFlight });
      return answer(response, 503, { 'retry-after': '1', connection: 'close' });
    }
    inFlight += 1;
    try {
      await handleUpdate(request, response);
    } finally {
      inFlight -= 1;
    }
  }

  async function handleUpdate(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let update: Update;
    try {
      const body = await readLimitedBody(request, maxBodyBytes, request.headers['content-length']);
      update = JSON.parse(body.toString('utf8')) as Update;
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        options.logger.warn('telegram: webhook body too large', { limit: maxBodyBytes });
        return answer(response, 413, { connection: 'close' });
      }
      // Not JSON, or the client went away before the whole body arrived.
      options.logger.warn('telegram: webhook request failed', { status: 400, ...errorFields(error) });
      return answer(response, 400);
    }
    if (typeof update !== 'object' || update === null) return answer(response, 400);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const slot: WebhookReplySlot = {
      updateId: update.update_id,
      open: () => responseOpen(response),
      send: (body) => writeWebhookReply(response, body),
    };
    const handled = withWebhookReply(slot, (envelope) => bot.handleUpdate(update, envelope));
    try {
      if ((await Promise.race([handled, timedOut])) === 'timeout') {
        // Answered already when the reply rode in the response: the rest of the work carries on unseen.
        if (!response.headersSent) {
          options.logger.warn('telegram: update still running at the webhook timeout; Telegram will deliver it again', { status: 503, updateId: update.update_id });
          answer(response, 503, { 'retry-after': '1' });
        }
      } else answer(response, 200);
    } catch (error) {
      options.logger.warn('telegram: webhook request failed', { status: 500, ...errorFields(error) });
      answer(response, 500);
    } finally {
      clearTimeout(timer);
    }
    handled.catch(() => undefined);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.warn('telegram: webhook request failed', { status: 500, ...errorFields(error) });
      answer(response, 500);
    });
    // Stop reading a refused body once the answer is out.
    response.on('finish', () => {
      if (response.getHeader('connection') === 'close') request.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const address = await listen(server, options.host, options.port);
  return {
    server,
    url: listenUrl(address),
    close: () => closeServer(server).catch(() => undefined),
  };
}
