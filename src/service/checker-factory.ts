import type Keyv from 'keyv';
import type { Logger } from '../core/adapter.ts';
import type { Checker } from '../core/checker.ts';
import { createRulesChecker } from '../core/rules-checker.ts';
import { loadRuleset } from '../core/ruleset.ts';
import { parseLlmConfig } from '../llm/config.ts';
import type { Transcriber } from '../llm/transcribe.ts';

/** What the service and the CLI need to build a checker. */
export interface CheckerFactoryOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Keyv area for the LLM result cache. */
  cache: Keyv;
  /** Key for the cache's keyed hashes. */
  secret: string;
  /** Country code for report contacts. */
  country?: string | undefined;
  /** Rules folder; defaults to rules/. */
  rulesDir?: string;
}

/** The checker, the voice-note transcriber and, when there is no LLM second opinion, why. */
export interface CheckerSetup {
  checker: Checker;
  /** Why the second opinion is off (for the start-up log), or undefined when it is on. */
  offReason: string | undefined;
  /** What the second opinion uses when it is on (model and endpoint, no credentials), for the start-up log. */
  details: Record<string, string>;
  /** Voice-note transcription for adapters; undefined when LLM_TRANSCRIBE_MODEL is not set. */
  transcriber: Transcriber | undefined;
  /** Why transcription is off, or undefined when it is on. */
  transcriberOffReason: string | undefined;
  /** The LLM circuit breaker's state (metrics), when the second opinion is on. */
  breakerState?: () => 'closed' | 'open' | 'half_open';
}

/** Where the second opinion is asked, without credentials or paths. */
function describeEndpoint(baseUrl: string | undefined): string {
  if (!baseUrl) return 'api.openai.com';
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host}`;
}

/**
 * Builds the checker: the rules-only checker, or the LLM-backed one (rules verdict at once, refined by the
 * model's second opinion, cached by keyed hash in `cache`) when LLM_* settings are present. Throws the LLM
 * module's configuration error (LlmConfigError, naming the variable) when its settings are malformed, and a
 * PromptFileError naming the file when a prompt file is broken.
 */
export async function createChecker(options: CheckerFactoryOptions): Promise<CheckerSetup> {
  const ruleset = loadRuleset(options.rulesDir);
  const llmConfig = parseLlmConfig(options.env);
  if (!llmConfig) {
    return {
      checker: createRulesChecker(ruleset, options.country ? { country: options.country } : {}),
      offReason: 'LLM_MODEL not set (set LLM_MODEL, plus LLM_BASE_URL or LLM_API_KEY, to turn it on)',
      details: {},
      transcriber: undefined,
      transcriberOffReason: 'LLM_TRANSCRIBE_MODEL not set',
    };
  }
  // Loaded only when needed, so a rules-only start (and the CLI) does not load the openai SDK.
  const { createLlmServices } = await import('../llm/setup.ts');
  const services = createLlmServices(llmConfig, {
    ruleset,
    store: options.cache,
    secret: options.secret,
    logger: options.logger,
    country: options.country,
  });
  return {
    checker: services.checker,
    offReason: undefined,
    details: {
      model: llmConfig.model,
      endpoint: describeEndpoint(llmConfig.baseUrl),
      prompts: services.classifier.promptVersion,
      cache: llmConfig.cacheTtlMs > 0 ? `${Math.round(llmConfig.cacheTtlMs / 1000)} s` : 'off',
    },
    transcriber: services.transcriber,
    transcriberOffReason: services.transcriber ? undefined : 'LLM_TRANSCRIBE_MODEL not set',
    breakerState: () => services.classifier.breakerState,
  };
}
