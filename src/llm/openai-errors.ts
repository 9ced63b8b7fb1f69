import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError } from './errors.ts';

/**
 * Turns whatever an SDK call threw into an {@link LlmError}. `timedOut` says our own deadline fired (the SDK
 * then reports a user abort). The message names the failure, never the request content.
 */
export function toLlmError(error: unknown, timedOut: boolean): LlmError {
  if (error instanceof LlmError) return error;
  if (timedOut || error instanceof APIConnectionTimeoutError) return new LlmError('timeout', 'the LLM did not answer in time', { cause: error });
  if (error instanceof APIUserAbortError) return new LlmError('aborted', 'the LLM call was cancelled', { cause: error });
  if (error instanceof APIConnectionError) return new LlmError('connection_error', 'could not reach the LLM server', { cause: error });
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) return new LlmError('rate_limited', 'the LLM server is rate limiting (HTTP 429)', { cause: error, status });
    if (status === 408 || status >= 500) return new LlmError('server_error', `the LLM server failed (HTTP ${status})`, { cause: error, status });
    return new LlmError('client_error', `the LLM server refused the request (HTTP ${status})`, { cause: error, status });
  }
  return new LlmError('connection_error', `the LLM call failed (${error instanceof Error ? error.name : typeof error})`, { cause: error });
}
