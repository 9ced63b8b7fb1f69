import { readLimitedBody, BodyTooLargeError } from './limited-body.ts';

/** Why a download was refused or failed: a host not allowed, too large, an HTTP error status, or the network. */
export type DownloadFailure = 'host' | 'too_large' | 'status' | 'network';

/** A download that did not deliver the file, with its code (the URL is not in the message: it may hold a token). */
export class DownloadError extends Error {
  readonly code: DownloadFailure;
  readonly status?: number;
  constructor(code: DownloadFailure, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownloadError';
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Options of {@link fetchLimited}. */
export interface LimitedFetchOptions {
  /** Largest body accepted, in bytes; reading stops as soon as more arrived. */
  maxBytes: number;
  /** Origins (scheme, host and port, e.g. https://cdn.discordapp.com) the URL may point at; any other is refused. */
  allowedOrigins: readonly string[];
  /** Request headers (e.g. the Authorization a platform's file host wants). */
  headers?: Record<string, string>;
  /** Longest time the whole download may take. */
  timeoutMs: number;
}

/** True when `url` parses and its origin is one of `origins` (exactly). */
export function urlOnOrigins(url: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/**
 * Downloads a platform's file into memory with bounds: only from `allowedOrigins` (so a token in `headers`
 * can only go to the platform's own host), no redirects followed (a redirect could lead anywhere), a
 * Content-Length over `maxBytes` refused before reading, and the body read as it streams and dropped as soon as
 * it passes `maxBytes` (a body without a length costs at most `maxBytes`). Throws {@link DownloadError}.
 */
export async function fetchLimited(url: string, options: LimitedFetchOptions): Promise<Buffer> {
  if (!urlOnOrigins(url, options.allowedOrigins)) throw new DownloadError('host', 'the file is not on an allowed host');
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers: options.headers ?? {}, redirect: 'manual', signal });
  } catch (error) {
    throw new DownloadError('network', 'the file could not be fetched', { cause: error });
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError('status', `the file host answered ${response.status}`, { status: response.status });
  }
  const body = response.body;
  try {
    return await readLimitedBody(body, options.maxBytes, response.headers.get('content-length') ?? undefined);
  } catch (error) {
    await body.cancel().catch(() => undefined);
    if (error instanceof BodyTooLargeError) throw new DownloadError('too_large', `the file is larger than ${options.maxBytes} bytes`);
    throw new DownloadError('network', 'the file download was cut off', { cause: error });
  }
}
