import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import { closeServer, listen, listenUrl, type Logger } from '../../src/core/index.ts';
import { errorFields } from './check-reply.ts';
import type { TelegramContext } from './context.ts';

/** Options for {@link startWebhookServer}. */
export interface WebhookServerOptions {
  host: string;
  port: number;
  /** The only path updates are accepted on. */
  path: string;
  /** Expected X-Telegram-Bot-Api-Secret-Token; anything else gets 401. */
  secret: string;
  logger: Logger;
  /** Largest accepted update body, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** How long one update may run before Telegram gets its answer, in ms (default 9 s, below Telegram's timeout). */
  timeoutMs?: number;
}

/** A running webhook server. */
export interface WebhookServer {
  server: Server;
  /** http://host:port of the local listener. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves Telegram webhook calls with grammY's webhookCallback on node:http: POST to `path` only, the secret
 * token compared in constant time by grammY (401 when wrong), 413 above the size limit, 400 for a body that
 * is not JSON. Middleware errors are handled by the bot's error boundary, so Telegram does not retry them.
 */
export async function startWebhookServer(bot: Bot<TelegramContext>, options: WebhookServerOptions): Promise<WebhookServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const handle = webhookCallback(bot, 'http', {
    secretToken: options.secret,
    onTimeout: 'return',
    timeoutMilliseconds: options.timeoutMs ?? 9_000,
  });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.path) {
      response.writeHead(404).end();
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) {
      response.writeHead(413).end();
      request.resume();
      return;
    }
    handle(request, response).catch((error: unknown) => {
      const badJson = error instanceof SyntaxError;
      options.logger.warn('telegram: webhook request failed', { status: badJson ? 400 : 500, ...errorFields(error) });
      if (!response.headersSent) response.writeHead(badJson ? 400 : 500).end();
    });
  });
  const address = await listen(server, options.host, options.port);
  return {
    server,
    url: listenUrl(address),
    close: () => closeServer(server).catch(() => undefined),
  };
}
