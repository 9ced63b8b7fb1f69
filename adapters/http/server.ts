import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { HttpError, type FieldIssue } from './http-errors.ts';
import { readScreenshots, withReadNote } from '../../src/image/image-check.ts';
import type { ExtractedConversation } from '../../src/image/conversation.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { imageBodyLimit, imageInputFromJson, imageInputFromMultipart, imageProblemError, isMultipart, requireSameOrigin, type ImageCheckInput } from './image-request.ts';
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
}

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

const API_ROUTES: Record<string, string[]> = { '/v1/check': ['POST'], '/healthz': ['GET', 'HEAD'] };

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
 * both, one JSON line each, as they become ready. `GET /healthz` reports liveness; other GET paths go to
 * the page handler. Errors are JSON `{ error: { code, message, field? } }` with 400/404/405/413/415/422.
 * Message text is never logged.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const { checker, logger, maxBodyBytes, images } = options;

  async function handleCheck(request: IncomingMessage, response: ServerResponse, url: URL): Promise<Record<string, unknown>> {
    const query = QuerySchema.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      throw new HttpError(400, 'invalid_query', `wait must be "instant" or "refined" (got "${url.searchParams.get('wait')}")`);
    }
    const started = performance.now();
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
    const outcome = checker.check(checkRequest);
    const rulesOnly = checker.secondOpinion === 'off';
    const fields: Record<string, unknown> = { kind: read ? 'image' : checkRequest.kind, bytes, instantLevel: outcome.instant.level };

    if (acceptsNdjson(request)) {
      response.writeHead(200, { 'content-type': `${NDJSON}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      response.write(`${JSON.stringify(checkResponse(outcome.instant, 'instant', rulesOnly, checkRequest, checker.ruleset, read))}\n`);
      if (!rulesOnly) {
        const refined = await outcome.refined;
        fields.refinedLevel = refined.level;
        if (!response.destroyed) response.write(`${JSON.stringify(checkResponse(refined, 'refined', true, checkRequest, checker.ruleset, read))}\n`);
      }
      response.end();
      return { ...fields, mode: 'stream', ms: Math.round(performance.now() - started) };
    }
    if (query.data.wait === 'refined' && !rulesOnly) {
      const refined = await outcome.refined;
      sendJson(response, 200, checkResponse(refined, 'refined', true, checkRequest, checker.ruleset, read));
      return { ...fields, refinedLevel: refined.level, mode: 'refined', ms: Math.round(performance.now() - started) };
    }
    sendJson(response, 200, checkResponse(outcome.instant, 'instant', rulesOnly, checkRequest, checker.ruleset, read));
    return { ...fields, mode: 'instant', ms: Math.round(performance.now() - started) };
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const allowed = API_ROUTES[url.pathname];
    if (allowed && !allowed.includes(method)) {
      throw new HttpError(405, 'method_not_allowed', `${url.pathname} accepts ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } });
    }
    if (url.pathname === '/v1/check') {
      const fields = await handleCheck(request, response, url);
      logger.info('check', { status: 200, ...fields });
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(response, 200, { status: 'ok', secondOpinion: checker.secondOpinion });
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
