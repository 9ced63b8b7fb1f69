/** Why a second opinion could not be had. */
export type LlmErrorCode =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'client_error'
  | 'connection_error'
  | 'invalid_output'
  | 'circuit_open'
  | 'overloaded'
  | 'aborted';

/** Codes worth one more attempt: the next try may well succeed. */
const RETRYABLE: ReadonlySet<LlmErrorCode> = new Set(['timeout', 'rate_limited', 'server_error', 'connection_error', 'invalid_output']);

/**
 * A failed LLM call, with a code the caller can act on and the underlying error as `cause`. The message
 * never contains message text, prompt text or credentials.
 */
export class LlmError extends Error {
  readonly code: LlmErrorCode;
  /** HTTP status when the server answered with an error. */
  readonly status: number | undefined;
  constructor(code: LlmErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.code = code;
    this.status = options.status;
  }

  /** Whether one more attempt is worthwhile. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

