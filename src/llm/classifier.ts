import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Logger } from '../core/logger.ts';
import { pause } from '../core/settings.ts';
import { classificationJsonSchema, parseClassification, type Classification } from './classification.ts';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.ts';
import { ConcurrencyLimit, QueueFullError } from './concurrency-limit.ts';
import type { ResponseFormatMode } from './config.ts';
import { LlmError } from './errors.ts';
import { buildMessages, type ClassifyInput } from './messages.ts';
import { toLlmError } from './openai-errors.ts';
import type { PromptSet } from './prompts.ts';
import type { DelimiterSource } from './untrusted.ts';

export type { ClassifyInput } from './messages.ts';

/** Asks a model for a second opinion on one text. */
export interface Classifier {
  /** Model name, part of the cache key. */
  readonly model: string;
  /** Prompt version, part of the cache key. */
  readonly promptVersion: string;
  /** Breaker state, for health checks. */
  readonly breakerState: BreakerState;
  /** The model's answer, validated; rejects with an {@link LlmError} on any failure. */
  classify(input: ClassifyInput, options?: { signal?: AbortSignal }): Promise<Classification>;
}

/** Options for {@link createClassifier}. */
export interface ClassifierOptions {
  /** An OpenAI client pointing at any OpenAI-compatible server (create it with maxRetries: 0). */
  client: OpenAI;
  model: string;
  prompts: PromptSet;
  /** Time limit for one attempt, in ms. */
  timeoutMs: number;
  /** Default auto: json_schema, switching to JSON mode for good once the server refuses json_schema. */
  responseFormat?: ResponseFormatMode;
  /** Default 4. */
  maxConcurrency?: number;
  /** Default 64. */
  maxQueue?: number;
  /** Default 5. */
  breakerFailures?: number;
  /** Default 30 s. */
  breakerCooldownMs?: number;
  /** Pause before the one retry, in ms (default 250). */
  retryDelayMs?: number;
  logger?: Logger;
  /** Clock for the circuit breaker, for tests. */
  now?: () => number;
  /** Delimiter source, for tests. */
  delimiters?: DelimiterSource;
}

/** True when an error says the server does not support json_schema structured output. */
function refusesJsonSchema(error: LlmError): boolean {
  return error.code === 'client_error' && (error.status === 400 || error.status === 422 || error.status === 501);
}

/**
 * A classifier over the OpenAI chat completions API. Each call: circuit breaker check, a place under the
 * concurrency cap, then up to two attempts (one retry on timeouts, 429, 5xx, connection errors and output
 * that does not validate), each under its own deadline. The SDK's own retries must be off (maxRetries: 0)
 * so that exactly one retry happens.
 */
export function createClassifier(options: ClassifierOptions): Classifier {
  const breaker = new CircuitBreaker({
    failureThreshold: options.breakerFailures ?? 5,
    cooldownMs: options.breakerCooldownMs ?? 30_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const limit = new ConcurrencyLimit(options.maxConcurrency ?? 4, options.maxQueue ?? 64);
  const retryDelayMs = options.retryDelayMs ?? 250;
  let format: 'json_schema' | 'json_object' = options.responseFormat === 'json_object' ? 'json_object' : 'json_schema';
  const mayFallBack = (options.responseFormat ?? 'auto') === 'auto';

  function responseFormat(): ChatCompletionCreateParamsNonStreaming['response_format'] {
    if (format === 'json_object') return { type: 'json_object' };
    return { type: 'json_schema', json_schema: { name: 'scam_check', strict: true, schema: classificationJsonSchema() } };
  }

  async function attempt(input: ClassifyInput, signal: AbortSignal | undefined): Promise<Classification> {
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, options.timeoutMs);
    try {
      const completion = await options.client.chat.completions.create(
        { model: options.model, messages: buildMessages(options.prompts, input, options.delimiters), temperature: 0, response_format: responseFormat() },
        { timeout: options.timeoutMs, maxRetries: 0, signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal },
      );
      const answer = parseClassification(completion.choices?.[0]?.message?.content);
      if (!answer) throw new LlmError('invalid_output', 'the LLM answer did not match the expected JSON schema');
      return answer;
    } catch (error) {
      throw toLlmError(error, timedOut && !signal?.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  async function attemptWithFallback(input: ClassifyInput, signal: AbortSignal | undefined): Promise<Classification> {
    try {
      return await attempt(input, signal);
    } catch (error) {
      const failure = error as LlmError;
      if (mayFallBack && format === 'json_schema' && refusesJsonSchema(failure)) {
        format = 'json_object';
        options.logger?.warn('LLM server refused json_schema output; using JSON mode from now on', { status: failure.status });
        return attempt(input, signal);
      }
      throw failure;
    }
  }

  async function withRetry(input: ClassifyInput, signal: AbortSignal | undefined): Promise<Classification> {
    try {
      return await attemptWithFallback(input, signal);
    } catch (error) {
      const failure = error as LlmError;
      if (!failure.retryable || signal?.aborted) throw failure;
      options.logger?.debug('LLM call failed, retrying once', { code: failure.code, status: failure.status });
      await pause(retryDelayMs, signal);
      return attemptWithFallback(input, signal);
    }
  }

  return {
    model: options.model,
    promptVersion: options.prompts.version,
    get breakerState() {
      return breaker.state;
    },
    async classify(input, callOptions = {}) {
      if (!breaker.tryAcquire()) throw new LlmError('circuit_open', 'the LLM second opinion is paused after repeated failures');
      try {
        const answer = await limit.run(() => withRetry(input, callOptions.signal));
        breaker.recordSuccess();
        return answer;
      } catch (error) {
        if (error instanceof QueueFullError) {
          breaker.recordNeutral();
          throw new LlmError('overloaded', 'too many second opinions are waiting', { cause: error });
        }
        const failure = error instanceof LlmError ? error : toLlmError(error, false);
        if (failure.code === 'aborted') breaker.recordNeutral();
        else breaker.recordFailure();
        options.logger?.warn('LLM second opinion failed', { code: failure.code, status: failure.status, breaker: breaker.state });
        throw failure;
      }
    },
  };
}
