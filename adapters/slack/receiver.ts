import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HTTPReceiver } from '@slack/bolt';
import { BodyTooLargeError, createMemoryClaims, readLimitedBody, type Claims, type Logger } from '../../src/core/index.ts';

/** Slack signs a request with its time; one more than 5 minutes off (either way) is refused. */
export const SLACK_MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Largest request body accepted, in bytes. The biggest Slack sends us is a message shortcut carrying the
 * message: at most 40,000 characters of text (Slack's limit; ≤ 160 KB in UTF-8) plus its blocks, form-encoded
 * (up to 3× for escapes). 512 KiB holds that; Bolt's own default would buffer megabytes before checking.
 */
export const SLACK_MAX_BODY_BYTES = 512 * 1024;

/** Options for {@link startSlackReceiver}. */
export interface SlackReceiverOptions {
  host: string;
  port: number;
  path: string;
  signingSecret: string;
  logger: Logger;
  /** Remembers signatures already seen, across every process on the store (default: this process). */
  claims?: Claims;
  maxBodyBytes?: number;
  /** Current time in ms (tests). */
  now?: () => number;
}

/** A running Slack receiver. */
export interface SlackReceiverServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

type RefusalReason = 'too_large' | 'no_timestamp' | 'stale' | 'bad_signature' | 'replayed';

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Slack's v0 signature of `body` at `timestamp`, compared in constant time. */
export function slackSignatureValid(signingSecret: string, timestamp: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The HTTP front of the Slack adapter, in front of Bolt's HTTPReceiver: the body is read as it streams
 * and cut off past the limit (413, before any signature work), the timestamp must be within ±5 minutes,
 * the signature must match, and each signature is accepted once (a replayed request gets 401). Only then
 * does Bolt see the request, already buffered.
 */
export async function startSlackReceiver(receiver: HTTPReceiver, options: SlackReceiverOptions): Promise<SlackReceiverServer> {
  const limit = options.maxBodyBytes ?? SLACK_MAX_BODY_BYTES;
  const claims = options.claims ?? createMemoryClaims();
  const now = options.now ?? Date.now;

  function refuse(response: ServerResponse, status: number, reason: RefusalReason): void {
    options.logger.info('slack: request refused', { status, reason });
    response.writeHead(status, { connection: 'close' }).end();
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.path) {
      response.writeHead(404).end();
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readLimitedBody(request, limit, header(request, 'content-length'));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(response, 413, 'too_large');
      response.writeHead(400).end();
      return;
    }
    const timestamp = header(request, 'x-slack-request-timestamp');
    const signature = header(request, 'x-slack-signature');
    if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp) || signature === undefined) return refuse(response, 401, 'no_timestamp');
    if (Math.abs(now() / 1000 - Number(timestamp)) > SLACK_MAX_CLOCK_SKEW_S) return refuse(response, 401, 'stale');
    if (!slackSignatureValid(options.signingSecret, timestamp, body, signature)) return refuse(response, 401, 'bad_signature');
    // A signature is only valid for ±5 minutes, so remembering it for 10 covers its whole life.
    if (!(await claims.claim(`replay:${signature}`, 2 * SLACK_MAX_CLOCK_SKEW_S * 1000))) return refuse(response, 401, 'replayed');
    (request as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    receiver.requestListener(request, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.warn('slack: request failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) response.writeHead(500).end();
    });
    response.on('finish', () => {
      if (response.getHeader('connection') === 'close') request.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}${options.path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeIdleConnections();
        server.close(() => resolve());
      }),
  };
}
