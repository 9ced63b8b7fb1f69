import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.ts';

/** One recorded Web API call (POST /api/<method>). */
export interface RecordedApiCall {
  method: string;
  params: Record<string, unknown>;
}

/** One recorded post to a response_url (POST /respond/<id>). */
export interface RecordedResponse {
  /** The id in the response_url path, e.g. "c1" for …/respond/c1. */
  id: string;
  body: Record<string, unknown>;
}

/** A fake Slack Web API and response_url receiver on 127.0.0.1 that records every call. */
export interface FakeSlackServer {
  /** Pass as WebClient `slackApiUrl` (SLACK_API_URL), ends with /api/. */
  apiUrl: string;
  /** A response_url the fake accepts; posts to it are recorded under `id`. */
  responseUrl(id: string): string;
  apiCalls: RecordedApiCall[];
  /** Locales users.info reports (with include_locale) by user id; an unknown user gets `missing_scope`. */
  userLocales: Record<string, string>;
  /**
   * Messages conversations.replies returns, by `<channel>:<ts>`, as Slack gives them to an app with the history
   * scopes; any other message answers `missing_scope`, as Slack does without them.
   */
  messages: Record<string, Record<string, unknown>>;
  responses: RecordedResponse[];
  responsesTo(id: string): RecordedResponse[];
  /** Resolves with the posts to response_url `id` once there are at least `count`; rejects after timeoutMs (default 2000). */
  waitForResponses(id: string, count?: number, timeoutMs?: number): Promise<RecordedResponse[]>;
  close(): Promise<void>;
}

/** What the fake answers to auth.test: the bot it pretends to be. */
export const FAKE_SLACK_BOT = { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'safeword', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0BOT' };

function parseBody(request: IncomingMessage, body: string): Record<string, unknown> {
  if (body === '') return {};
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

/** Starts a {@link FakeSlackServer} on 127.0.0.1 (a free port). */
export async function startFakeSlackServer(): Promise<FakeSlackServer> {
  const apiCalls: RecordedApiCall[] = [];
  const responses: RecordedResponse[] = [];
  const userLocales: Record<string, string> = {};
  const messages: Record<string, Record<string, unknown>> = {};
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const waiter of [...waiters]) waiter();
  };

  const server: Server = createServer((request, response) => {
    void readBody(request).then((bytes) => {
      const body = bytes.toString('utf8');
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
      const respond = /^\/respond\/([\w-]+)$/.exec(url.pathname);
      if (request.method === 'POST' && api?.[1]) {
        const method = api[1];
        const params = parseBody(request, body);
        apiCalls.push({ method, params });
        notify();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(method === 'auth.test' ? FAKE_SLACK_BOT : method === 'users.info' ? usersInfo(params) : method === 'conversations.replies' ? replies(params) : { ok: true }));
        return;
      }
      if (request.method === 'POST' && respond?.[1]) {
        responses.push({ id: respond[1], body: parseBody(request, body) });
        notify();
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('ok');
        return;
      }
      response.writeHead(404).end();
    });
  });
  function replies(params: Record<string, unknown>): Record<string, unknown> {
    const message = messages[`${String(params.channel)}:${String(params.latest)}`];
    return message ? { ok: true, messages: [message], has_more: false } : { ok: false, error: 'missing_scope', needed: 'channels:history' };
  }
  function usersInfo(params: Record<string, unknown>): Record<string, unknown> {
    const locale = userLocales[String(params.user)];
    if (locale === undefined) return { ok: false, error: 'missing_scope' };
    return { ok: true, user: { id: params.user, ...(params.include_locale === 'true' || params.include_locale === true ? { locale } : {}) } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const responsesTo = (id: string): RecordedResponse[] => responses.filter((item) => item.id === id);

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    apiCalls,
    userLocales,
    messages,
    responses,
    responsesTo,
    waitForResponses(id, count = 1, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (responsesTo(id).length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(responsesTo(id));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} response(s) to ${id}, got ${responsesTo(id).length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
