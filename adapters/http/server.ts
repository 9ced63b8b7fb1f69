import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  buildReply,
  CheckRequestSchema,
  renderJson,
  secondOpinionState,
  type Checker,
  type CheckRequest,
  type Logger,
  type Ruleset,
  type SecondOpinionState,
  type Verdict,
} from '../../src/core/index.ts';
import { createHostCheck, originHost } from './host-check.ts';
import { HttpError, type FieldIssue } from './http-errors.ts';
import { readScreenshots, withReadNote } from '../../src/image/image-check.ts';
import type { ExtractedConversation } from '../../src/image/conversation.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { imageBodyLimit, imageInputFromJson, imageInputFromMultipart, imageProblemError, isMultipart, requireSameOrigin, type ImageCheckInput } from './image-request.ts';
import type { Metrics } from '../../src/service/metrics.ts';
import { parseJsonBody, readTextBody, requireJsonContentType } from './request-body.ts';

/** Serves extra GET routes (the web page); returns false when the path is not its own. */
export type PageHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean | Promise<boolean>;

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  checker: Checker;
  logger: Logger;
  /** Largest accepted body in bytes (413 above). */
  maxBodyBytes: number;
  /** The web page and its assets, served for GET requests the API does not own. */
  page?: PageHandler;
  /** Screenshot checks (`kind: "image"`, multipart uploads); without it they are refused as unsupported. */
  images?: { reader: ImageReader; limits: ImageLimits };
  /** The service's state for /healthz (default: always ok). */
  health?: () => { status: 'ok' } | { status: 'degraded'; reason: string };
  /** Host names besides localhost and IP addresses that the API and page answer to (others get 403). */
  publicHosts?: readonly string[];
  /** Checks in flight at once in this process; beyond it 503 with Retry-After (default 64). */
  maxInFlight?: number;
  /** Counts checks and shed requests, and serves GET /metrics. */
  metrics?: Metrics;
}

/** Default cap on checks in flight per process (each waits at most for the LLM's timeout). */
export const DEFAULT_MAX_IN_FLIGHT = 64;

/** Which phase of a check a response carries. */
export type CheckPhase = 'instant' | 'refined';

/** Body of a successful `POST /v1/check` response (one line of it when streaming). */
export interface CheckResponse {
  phase: CheckPhase;
  /** True when no better answer will follow (rules-only, or the refined phase). */
  final: boolean;
  verdict: Verdict;
  reply: ReturnType<typeof buildReply>;
  /** For a screenshot: what was read from it. */
  extracted?: ExtractedConversation;
}

const NDJSON = 'application/x-ndjson';
const QuerySchema = z.object({ wait: z.enum(['instant', 'refined']).default('instant') });

const API_ROUTES: Record<string, string[]> = { '/v1/check': ['POST'], '/healthz': ['GET', 'HEAD'], '/metrics': ['GET'] };

/** The value at `path` inside `body`, or undefined when any step is missing. */
function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function issuesOf(error: z.ZodError, body: unknown): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.path.length > 0 && valueAt(body, issue.path) === undefined ? 'is required' : issue.message,
  }));
}

/** Validates a parsed body as a CheckRequest (422 naming the field) and fills the default source. */
function toCheckRequest(body: unknown): CheckRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(422, 'invalid_request', 'the body must be a JSON object like {"kind":"message","text":"..."}', {
      issues: [{ field: '', message: 'expected an object' }],
    });
  }
  const parsed = CheckRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error, body);
    const first = issues[0] as FieldIssue;
    throw new HttpError(422, 'invalid_request', `${first.field || 'body'}: ${first.message}`, { issues });
  }
  return { ...parsed.data, source: parsed.data.source ?? { platform: 'api' } };
}

function checkResponse(verdict: Verdict, phase: CheckPhase, final: boolean, request: CheckRequest, ruleset: Ruleset, read?: { extracted: ExtractedConversation; images: number }): CheckResponse {
  const state: SecondOpinionState = final ? secondOpinionState(verdict) : 'pending';
  const forwardedFrom = request.source?.forwardedFrom;
  const built = buildReply(verdict, { secondOpinion: state, ruleset, ...(forwardedFrom ? { forwardedFrom } : {}) });
  const reply = read ? withReadNote(ruleset.t, built, read.extracted, read.images) : built;
  return { phase, final, ...renderJson(verdict, reply), ...(read ? { extracted: structuredClone(read.extracted) } : {}) };
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

function acceptsNdjson(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').split(',').some((part) => part.trim().toLowerCase().startsWith(NDJSON));
}

/**
 * The HTTP API on node:http. `POST /v1/check` takes a CheckRequest as JSON and answers
 * `{ phase, final, verdict, reply }`: by default the instant rules verdict (with `final: false` when an LLM
 * second opinion is on), with `?wait=refined` the refined verdict, and with `Accept: application/x-ndjson`
 * both, one JSON line each, as they become ready. `GET /healthz` answers 200 while the process lives, with
 * `{"status":"ok"}` or `{"status":"degraded","reason":…}` in the body; `GET /metrics` is Prometheus text;
 * other GET paths go to the page handler. A Host or Origin naming another site gets 403; more than
 * `maxInFlight` checks at once get 503 with Retry-After; a check whose client left is not run. Errors are
 * JSON `{ error: { code, message, field? } }` with 400/403/404/405/413/415/422/503. Message text is never logged.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { checker, logger, maxBodyBytes, metrics, images } = options;
  const hostAllowed = createHostCheck(options.publicHosts ?? []);
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  let inFlight = 0;

  /** True once the client closed its connection (it will not read an answer). */
  const clientGone = (request: IncomingMessage, response: ServerResponse): boolean =>
    request.socket.destroyed || response.destroyed || (request.destroyed && !request.complete);

  async function handleCheck(request: IncomingMessage, response: ServerResponse, url: URL): Promise<Record<string, unknown>> {
    const query = QuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      throw new HttpError(400, 'invalid_query', `wait must be "instant" or "refined" (got "${url.searchParams.get('wait')}")`);
    }
    let checkRequest: CheckRequest | undefined;
    let read: { extracted: ExtractedConversation; images: number } | undefined;
    let bytes: number;
    let imageInput: ImageCheckInput | undefined;
    if (isMultipart(request)) {
      if (!images) throw new HttpError(415, 'unsupported_media_type', 'screenshot checks are off on this server; send JSON text');
      requireSameOrigin(request);
      imageInput = await imageInputFromMultipart(request, imageBodyLimit(images.limits));
      bytes = imageInput.images.reduce((sum, image) => sum + image.length, 0);
    } else {
      requireJsonContentType(request);
      const text = await readTextBody(request, images ? Math.max(maxBodyBytes, imageBodyLimit(images.limits)) : maxBodyBytes);
      bytes = Buffer.byteLength(text);
      const body = parseJsonBody(text);
      if (images && typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'image') {
        imageInput = imageInputFromJson(body);
      } else {
        // Only a screenshot may use the larger image limit: text keeps MAX_BODY_BYTES.
        if (bytes > maxBodyBytes) throw new HttpError(413, 'payload_too_large', `the body is larger than ${maxBodyBytes} bytes; send a shorter text or raise MAX_BODY_BYTES`);
        checkRequest = toCheckRequest(body);
      }
    }
    if (imageInput && images) {
      const reading = await readScreenshots(imageInput.images, images.reader, images.limits, { ...(imageInput.language ? { language: imageInput.language } : {}), source: imageInput.source });
      if (!reading.ok) throw imageProblemError(checker.ruleset.t, reading.problem, imageInput.language ?? 'en', images.limits);
      checkRequest = reading.request;
      read = { extracted: reading.extracted, images: reading.images };
    }
    if (!checkRequest) throw new HttpError(422, 'invalid_request', 'nothing to check');
    if (clientGone(request, response)) {
      metrics?.shed('client_gone');
      return { kind: read ? 'image' : checkRequest.kind, bytes, mode: 'client_gone' };
    }
    const started = performance.now();
    // The client leaving aborts second-opinion work only this request waits for.
    const departure = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) departure.abort();
    });
    const outcome = checker.check(checkRequest, { signal: departure.signal });
    const rulesOnly = checker.secondOpinion === 'off';
    const fields: Record<string, unknown> = { kind: read ? 'image' : checkRequest.kind, bytes, instantLevel: outcome.instant.level };

    if (acceptsNdjson(request)) {
      response.writeHead(200, { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.write(`${JSON.stringify(checkResponse(outcome.instant, 'instant', rulesOnly, checkRequest, checker.ruleset, read))}\n`);
      if (!rulesOnly) {
        const refined = await untilClientLeaves(outcome.refined, request, response);
        if (refined === undefined) {
          metrics?.shed('client_gone');
          return { ...fields, mode: 'client_gone', ms: Math.round(performance.now() - started) };
        }
        fields.refinedLevel = refined.level;
        if (!response.destroyed) response.write(`${JSON.stringify(checkResponse(refined, 'refined', true, checkRequest, checker.ruleset, read))}\n`);
      }
      response.end();
      return { ...fields, mode: 'stream', ms: Math.round(performance.now() - started) };
    }
    if (query.data.wait === 'refined' && !rulesOnly) {
      const refined = await untilClientLeaves(outcome.refined, request, response);
      if (refined === undefined) {
        metrics?.shed('client_gone');
        return { ...fields, mode: 'client_gone', ms: Math.round(performance.now() - started) };
      }
      sendJson(response, 200, checkResponse(refined, 'refined', true, checkRequest, checker.ruleset, read));
      return { ...fields, refinedLevel: refined.level, mode: 'refined', ms: Math.round(performance.now() - started) };
    }
    sendJson(response, 200, checkResponse(outcome.instant, 'instant', rulesOnly, checkRequest, checker.ruleset, read));
    return { ...fields, mode: 'instant', ms: Math.round(performance.now() - started) };
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    if (!hostAllowed(request.headers.host) || (origin !== undefined && !hostAllowed(originHost(origin)))) {
      throw new HttpError(403, 'forbidden_host', 'this Host or Origin is not one Safeword answers to; add the name to PUBLIC_HOSTS', {
        headers: { connection: 'close' },
      });
    }
    const allowed = API_ROUTES[url.pathname];
    if (allowed && !allowed.includes(method)) {
      throw new HttpError(405, 'method_not_allowed', `${url.pathname} accepts ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } });
    }
    if (url.pathname === '/v1/check') {
      if (inFlight >= maxInFlight) {
        metrics?.shed('overloaded');
        throw new HttpError(503, 'overloaded', 'too many checks at once; try again in a moment', { headers: { 'retry-after': '1', connection: 'close' } });
      }
      inFlight += 1;
      try {
        const fields = await handleCheck(request, response, url);
        logger.info('check', { status: fields.mode === 'client_gone' ? 499 : 200, ...fields });
      } finally {
        inFlight -= 1;
      }
      return;
    }
    if (url.pathname === '/healthz') {
      // 200 while the process lives (liveness); the state is in the body.
      sendJson(response, 200, { ...(options.health?.() ?? { status: 'ok' }), secondOpinion: checker.secondOpinion });
      return;
    }
    if (url.pathname === '/metrics') {
      if (!metrics) throw new HttpError(404, 'not_found', 'metrics are off');
      const { contentType, body } = await metrics.render();
      response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
      response.end(body);
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && options.page && (await options.page(request, response, url))) return;
    throw new HttpError(404, 'not_found', `nothing at ${method} ${url.pathname}; the API is POST /v1/check`);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError ? error : new HttpError(500, 'internal_error', 'the check failed inside Safeword; see the server log');
      const path = (request.url ?? '/').split('?')[0];
      if (httpError.status >= 500) logger.error('request failed', { path, method: request.method, error });
      else logger.info('request rejected', { path, method: request.method, status: httpError.status, code: httpError.code });
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, httpError.status, httpError.toJson(), httpError.headers);
      if (httpError.headers.connection === 'close') {
        // Stop reading an oversized body once the answer is out.
        response.on('finish', () => request.destroy());
      }
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

/** Resolves with the value, or undefined as soon as the client closes the connection (the wait is dropped). */
function untilClientLeaves<T>(task: Promise<T>, request: IncomingMessage, response: ServerResponse): Promise<T | undefined> {
  if (request.socket.destroyed) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const left = (): void => resolve(undefined);
    response.once('close', left);
    task.then(
      (value) => {
        response.off('close', left);
        resolve(value);
      },
      (error: unknown) => {
        response.off('close', left);
        reject(error);
      },
    );
  });
}
