import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.ts';

/** The two scripted endpoints the fake speaks (GET /v1/models answers a fixed list, unscripted). */
export type FakeRoute = 'chat' | 'transcription';

/**
 * One scripted answer, used by exactly one request, in order. The fake fails the request (HTTP 599 and a
 * recorded violation) when a request arrives for another route than the next step expects, or when the
 * script is used up.
 */
export type ScriptedStep =
  /** A chat completion whose message content is JSON.stringify(json). */
  | { kind: 'json'; json: unknown; delayMs?: number }
  /** A chat completion with this exact content (malformed JSON, prose, a fenced block…). */
  | { kind: 'content'; content: string | null; delayMs?: number }
  /** An OpenAI-style error answer (429, 500, 400…). */
  | { kind: 'error'; status: number; message?: string; route?: FakeRoute; delayMs?: number }
  /** 400 "json_schema not supported" — and a violation when the request did not ask for json_schema. */
  | { kind: 'reject-json-schema' }
  /** Never answers (the client must time out); the connection is dropped when the fake closes. */
  | { kind: 'hang'; route?: FakeRoute }
  /** An audio transcription answer ({"text": …}). */
  | { kind: 'transcription'; text: string; delayMs?: number };

/** One request the fake received. */
export interface RecordedRequest {
  route: FakeRoute | 'models' | 'unknown';
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body of a chat request. */
  body: Record<string, unknown> | undefined;
  /** Form fields of a transcription request (the file as its name, type and size). */
  form: Record<string, string> | undefined;
  file: { name: string; type: string; size: number } | undefined;
}

/** A fake OpenAI-compatible server on 127.0.0.1 that answers from a script and records every request. */
export interface FakeOpenAiServer {
  /** Pass as the openai SDK's `baseURL` (ends in /v1). */
  baseURL: string;
  requests: RecordedRequest[];
  /** Chat requests only, in arrival order. */
  chatRequests(): RecordedRequest[];
  /** Appends steps to the script. */
  script(...steps: ScriptedStep[]): void;
  /** Steps not used yet. */
  remaining(): number;
  /** Problems seen: unexpected requests, a used-up script, a json_schema rejection for a non-json_schema request. */
  violations: string[];
  /** Throws unless every scripted step was used and no violation happened. */
  assertScriptUsed(): void;
  close(): Promise<void>;
}

function routeOf(path: string): FakeRoute | 'models' | 'unknown' {
  if (path.endsWith('/models')) return 'models';
  if (path.endsWith('/chat/completions')) return 'chat';
  if (path.endsWith('/audio/transcriptions')) return 'transcription';
  return 'unknown';
}

function stepRoute(step: ScriptedStep): FakeRoute {
  if (step.kind === 'transcription') return 'transcription';
  if (step.kind === 'error' || step.kind === 'hang') return step.route ?? 'chat';
  return 'chat';
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function completion(model: unknown, content: string | null): Record<string, unknown> {
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof model === 'string' ? model : 'fake',
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content, refusal: null } }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function errorBody(status: number, message: string): Record<string, unknown> {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

async function parseForm(request: IncomingMessage, body: Buffer): Promise<Pick<RecordedRequest, 'form' | 'file'>> {
  const contentType = request.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return { form: undefined, file: undefined };
  const data = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  const form: Record<string, string> = {};
  let file: RecordedRequest['file'];
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') form[name] = value;
    else file = { name: value.name, type: value.type, size: value.size };
  }
  return { form, file };
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeOpenAiServer(initialScript: ScriptedStep[] = []): Promise<FakeOpenAiServer> {
  const steps: ScriptedStep[] = [...initialScript];
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const later = (milliseconds: number | undefined, action: () => void): void => {
    if (!milliseconds) return action();
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, milliseconds);
    timers.add(timer);
  };

  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://fake.invalid').pathname;
      const route = routeOf(path);
      const raw = await readBody(request);
      let body: Record<string, unknown> | undefined;
      if ((request.headers['content-type'] ?? '').includes('application/json')) {
        try {
          body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        } catch {
          violations.push(`${path}: request body is not JSON`);
        }
      }
      const form = route === 'transcription' ? await parseForm(request, raw) : { form: undefined, file: undefined };
      requests.push({ route, path, headers: request.headers, body, ...form });

      if (request.method === 'GET' && path.endsWith('/models')) {
        // Not scripted: the model list, for reachability probes.
        sendJson(response, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
        return;
      }
      if (request.method !== 'POST' || route === 'unknown') {
        violations.push(`unexpected ${request.method} ${path}`);
        sendJson(response, 404, errorBody(404, 'not found'));
        return;
      }
      const step = steps.shift();
      if (!step) {
        violations.push(`${route} request after the script was used up`);
        sendJson(response, 599, errorBody(599, 'script used up'));
        return;
      }
      if (stepRoute(step) !== route) {
        violations.push(`a ${route} request arrived where the script expected ${stepRoute(step)} (${step.kind})`);
        sendJson(response, 599, errorBody(599, 'unexpected route'));
        return;
      }
      switch (step.kind) {
        case 'json':
          later(step.delayMs, () => sendJson(response, 200, completion(body?.model, JSON.stringify(step.json))));
          return;
        case 'content':
          later(step.delayMs, () => sendJson(response, 200, completion(body?.model, step.content)));
          return;
        case 'error':
          later(step.delayMs, () => sendJson(response, step.status, errorBody(step.status, step.message ?? `scripted ${step.status}`)));
          return;
        case 'reject-json-schema': {
          const format = (body?.response_format as { type?: string } | undefined)?.type;
          if (format !== 'json_schema') violations.push(`reject-json-schema step got response_format ${String(format)}`);
          sendJson(response, 400, errorBody(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model."));
          return;
        }
        case 'hang':
          return;
        case 'transcription':
          later(step.delayMs, () => sendJson(response, 200, { text: step.text }));
          return;
      }
    })().catch((error: unknown) => {
      violations.push(`fake server failed: ${(error as Error).message}`);
      if (!response.headersSent) sendJson(response, 500, errorBody(500, 'fake failed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((request) => request.route === 'chat'),
    script: (...more) => void steps.push(...more),
    remaining: () => steps.length,
    violations,
    assertScriptUsed() {
      const problems = [...violations];
      if (steps.length > 0) problems.push(`${steps.length} scripted step(s) never used: ${steps.map((step) => step.kind).join(', ')}`);
      if (problems.length > 0) throw new Error(`fake OpenAI server: ${problems.join('; ')}`);
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
