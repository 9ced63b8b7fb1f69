import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-errors.ts';

/** Media types the JSON API accepts. */
const JSON_TYPES = new Set(['application/json']);

/**
 * Checks that the request declares a JSON body in UTF-8 (415 otherwise). Requiring application/json also
 * keeps other web sites from posting here without a CORS preflight, which this server never grants.
 */
export function requireJsonContentType(request: IncomingMessage): void {
  const header = request.headers['content-type'];
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!JSON_TYPES.has(type)) {
    throw new HttpError(415, 'unsupported_media_type', `send the body as JSON with "Content-Type: application/json" (got ${header ? `"${header}"` : 'no content type'})`);
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpError(415, 'unsupported_media_type', `the body must be UTF-8 (got charset=${charset})`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'payload_too_large', `the body is larger than ${limit} bytes; send a shorter text or raise MAX_BODY_BYTES`, {
    headers: { connection: 'close' },
  });
}

/**
 * Reads the whole body as UTF-8 text, refusing more than `limit` bytes (413, checked against
 * Content-Length first and while reading), bytes that are not valid UTF-8 (400) and a body cut short by
 * the client going away (400 incomplete_body, logged as a rejected request rather than a server failure).
 */
export async function readTextBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client closed the connection (or it broke) before the whole body arrived: its mistake, not ours.
    throw new HttpError(400, 'incomplete_body', 'the connection closed before the whole body arrived');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'invalid_encoding', 'the body is not valid UTF-8 text');
  }
}

/** Parses JSON text, answering 400 with the parser's reason when it is malformed. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpError(400, 'malformed_json', 'the body is empty; send a JSON object like {"kind":"message","text":"..."}');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `the body is not valid JSON (${(error as Error).message})`);
  }
}
