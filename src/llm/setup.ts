import type Keyv from 'keyv';
import type OpenAI from 'openai';
import type { Logger } from '../core/logger.ts';
import type { Checker } from '../core/checker.ts';
import type { LocalModel } from '../core/model/local-model.ts';
import type { Ruleset } from '../core/ruleset.ts';
import { createClassifier, type Classifier } from './classifier.ts';
import type { LlmConfig } from './config.ts';
import { createLlmChecker } from './llm-checker.ts';
import { createOpinionCache } from './opinion-cache.ts';
import { loadPromptSet } from './prompts.ts';
import { createLlmClient, transcriberFromConfig, type Transcriber } from './transcribe.ts';

/** Everything the LLM settings turn on. */
export interface LlmServices {
  checker: Checker;
  classifier: Classifier;
  /** Undefined when LLM_TRANSCRIBE_MODEL is not set. */
  transcriber: Transcriber | undefined;
}

/** What {@link createLlmServices} needs besides the settings. */
export interface LlmServicesOptions {
  ruleset: Ruleset;
  /** Keyv area for cached second opinions. */
  store: Keyv;
  /** Key for the cache's keyed hashes. */
  secret: string;
  logger: Logger;
  country?: string | undefined;
  /** The local model for the instant verdict; rules only when absent. */
  localModel?: LocalModel | undefined;
  /** An OpenAI client to use instead of one built from the settings (tests). */
  client?: OpenAI;
  /** Prompts folder (tests); default prompts/classifier/. */
  promptsDir?: string;
  /** Pause before the classifier's one retry, in ms (tests). */
  retryDelayMs?: number;
}

/**
 * Builds the LLM-backed checker, its classifier and the voice-note transcriber from parsed LLM settings.
 * Loads and checks the prompt files (throws PromptFileError naming the file when one is broken).
 */
export function createLlmServices(config: LlmConfig, options: LlmServicesOptions): LlmServices {
  const client = options.client ?? createLlmClient(config);
  const prompts = loadPromptSet({ version: config.promptVersion, ...(options.promptsDir ? { dir: options.promptsDir } : {}) });
  const classifier = createClassifier({
    client,
    model: config.model,
    prompts,
    timeoutMs: config.timeoutMs,
    responseFormat: config.responseFormat,
    maxConcurrency: config.maxConcurrency,
    maxQueue: config.maxQueue,
    breakerFailures: config.breakerFailures,
    breakerCooldownMs: config.breakerCooldownMs,
    logger: options.logger,
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
  });
  const checker = createLlmChecker({
    ruleset: options.ruleset,
    classifier,
    cache: config.cacheTtlMs > 0 ? createOpinionCache({ store: options.store, ttlMs: config.cacheTtlMs, logger: options.logger }) : undefined,
    secret: options.secret,
    maxInputTokens: config.maxInputTokens,
    country: options.country,
    localModel: options.localModel,
    logger: options.logger,
  });
  return { checker, classifier, transcriber: transcriberFromConfig(config, client) };
}
