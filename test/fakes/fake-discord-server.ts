import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody } from './read-body.ts';

/** One REST call the fake received. */
export interface DiscordCall {
  method: string;
  /** Decoded path after /api/v10, e.g. /interactions/1/tok/callback. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when there is none). */
  body: unknown;
  authorization: string | undefined;
}

/** What the fake gateway received in IDENTIFY. */
export interface IdentifyPayload {
  token: string;
  intents: number;
}

/** Options of {@link startFakeDiscordServer}. */
export interface FakeDiscordOptions {
  /** The application id sent in READY. */
  applicationId?: string;
  /** heartbeat_interval sent in HELLO (ms). */
  heartbeatIntervalMs?: number;
  /** Status for PUT …/commands (to script a failed registration). */
  commandsStatus?: number;
}

/** A fake Discord on 127.0.0.1: REST API under /api/v10 and a JSON gateway (HELLO, HEARTBEAT_ACK, READY, dispatches). */
export interface FakeDiscordServer {
  /** REST root for discord.js `rest.api`, e.g. http://127.0.0.1:1234/api. */
  apiUrl: string;
  gatewayUrl: string;
  applicationId: string;
  botToken: string;
  calls: DiscordCall[];
  /** Requests to routes the fake does not know. */
  unexpected: DiscordCall[];
  identifies: IdentifyPayload[];
  heartbeats: number;
  /** Open gateway connections. */
  openConnections(): number;
  /** Keeps `message` (raw API JSON) for `GET /channels/:channel/messages/:id`; unknown ones answer 404 (Unknown Message). */
  setMessage(message: { id: string; channel_id: string } & Record<string, unknown>): void;
  /** Sends a dispatch (op 0) to every identified session. */
  dispatch(event: string, data: unknown): void;
  /** Waits until `count` calls match `predicate`, then returns them. */
  waitForCalls(predicate: (call: DiscordCall) => boolean, count?: number, timeoutMs?: number): Promise<DiscordCall[]>;
  close(): Promise<void>;
}

/** The bot user the fake reports in READY. */
export const FAKE_BOT_USER = { id: '200000000000000001', username: 'safeword', discriminator: '0', global_name: null, avatar: null, bot: true };

function sendJson(response: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts the fake Discord on a free port of 127.0.0.1. */
export async function startFakeDiscordServer(options: FakeDiscordOptions = {}): Promise<FakeDiscordServer> {
  const applicationId = options.applicationId ?? '100000000000000001';
  const botToken = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfAkE1.fake-token-for-tests-only-0000000000';
  const calls: DiscordCall[] = [];
  const unexpected: DiscordCall[] = [];
  const identifies: IdentifyPayload[] = [];
  const waiters = new Set<() => void>();
  const sessions = new Set<{ socket: WebSocket; sequence: number }>();
  const sockets = new Set<WebSocket>();
  let heartbeats = 0;
  let gatewayUrl = '';
  let messageCounter = 0;
  const messages = new Map<string, unknown>();

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const raw = (await readBody(request)).toString('utf8');
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
      const call: DiscordCall = {
        method: request.method ?? 'GET',
        path,
        query: url.searchParams,
        body: raw === '' ? undefined : (JSON.parse(raw) as unknown),
        authorization: request.headers.authorization,
      };
      calls.push(call);
      for (const wake of [...waiters]) wake();
      const method = call.method;
      // Interaction callbacks and webhook edits authenticate by the interaction token in the path.
      const tokenInPath = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
      if (!tokenInPath && call.authorization !== `Bot ${botToken}`) {
        sendJson(response, 401, { message: '401: Unauthorized', code: 0 });
      } else if (method === 'GET' && path === '/gateway/bot') {
        sendJson(response, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
      } else if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
        const status = options.commandsStatus ?? 200;
        if (status !== 200) sendJson(response, status, { message: 'scripted failure', code: 0 });
        else sendJson(response, 200, (call.body as object[]).map((command, index) => ({ id: `30000000000000000${index}`, application_id: applicationId, version: '1', ...command })));
      } else if (method === 'GET' && /^\/channels\/\d+\/messages\/\d+$/.test(path)) {
        const message = messages.get(path);
        if (message) sendJson(response, 200, message);
        else sendJson(response, 404, { message: 'Unknown Message', code: 10008 });
      } else if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
        sendJson(response, 204);
      } else if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
        messageCounter += 1;
        const body = call.body as Record<string, unknown>;
        sendJson(response, 200, {
          id: `40000000000000000${messageCounter}`, type: 20, channel_id: '500000000000000001', content: '', embeds: body.embeds ?? [],
          author: FAKE_BOT_USER, attachments: [], mentions: [], mention_roles: [], mention_everyone: false, pinned: false, tts: false,
          timestamp: new Date().toISOString(), edited_timestamp: new Date().toISOString(), flags: 64, components: [],
        });
      } else {
        unexpected.push(call);
        sendJson(response, 404, { message: 'Unknown route (fake Discord)', code: 0 });
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { message: String(error), code: 0 });
    });
  });

  const gateway = new WebSocketServer({ server });
  gateway.on('connection', (socket) => {
    sockets.add(socket);
    const session = { socket, sequence: 0 };
    socket.on('close', () => {
      sockets.delete(socket);
      sessions.delete(session);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 45_000 }, s: null, t: null }));
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        heartbeats += 1;
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (payload.op === 2) {
        identifies.push({ token: String(payload.d.token), intents: Number(payload.d.intents) });
        sessions.add(session);
        session.sequence += 1;
        socket.send(
          JSON.stringify({
            op: 0,
            s: session.sequence,
            t: 'READY',
            d: {
              v: 10, user: FAKE_BOT_USER, guilds: [], session_id: 'fake-session', resume_gateway_url: gatewayUrl,
              shard: [0, 1], application: { id: applicationId, flags: 0 },
            },
          }),
        );
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    applicationId,
    botToken,
    calls,
    unexpected,
    identifies,
    get heartbeats() {
      return heartbeats;
    },
    openConnections: () => sockets.size,
    setMessage(message) {
      messages.set(`/channels/${message.channel_id}/messages/${message.id}`, message);
    },
    dispatch(event, data) {
      for (const session of sessions) {
        session.sequence += 1;
        session.socket.send(JSON.stringify({ op: 0, s: session.sequence, t: event, d: data }));
      }
    },
    waitForCalls(predicate, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const matched = calls.filter(predicate);
          if (matched.length < count) return false;
          waiters.delete(check as () => void);
          clearTimeout(timer);
          resolve(matched);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check as () => void);
          reject(new Error(`fake Discord: expected ${count} matching calls within ${timeoutMs} ms, got ${calls.filter(predicate).length}: ${calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
        }, timeoutMs);
        if (!check()) waiters.add(check as () => void);
      });
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
