import type Keyv from 'keyv';
import type { Logger } from '../core/logger.ts';
import type { Checker } from '../core/checker.ts';
import type { LocalModel } from '../core/model/local-model.ts';
import { DEFAULT_MODEL_MANIFEST, loadLocalModel } from '../core/model/model-file.ts';
import { createRulesChecker } from '../core/rules-checker.ts';
import { loadRuleset } from '../core/ruleset.ts';
import { optionalSetting, SettingError } from '../core/settings.ts';
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
  /** JSON cache of the rule and text files' parsed YAML (loadRuleset's yamlCache); none: every file parsed. */
  yamlCache?: string;
}

/**
 * The local model the settings ask for: LOCAL_MODEL unset or `on` loads the shipped model (or the manifest
 * LOCAL_MODEL_PATH names) and a missing or corrupt file stops start-up (ModelFileError naming the file);
 * `off` runs rules only. Any other value is a SettingError.
 */
export function localModelFromEnv(env: NodeJS.ProcessEnv): LocalModel | undefined {
  const mode = optionalSetting.parse(env.LOCAL_MODEL)?.toLowerCase() ?? 'on';
  if (mode === 'off') return undefined;
  if (mode !== 'on') throw new SettingError('LOCAL_MODEL', `must be "on" or "off", not "${mode}"`);
  return loadLocalModel(optionalSetting.parse(env.LOCAL_MODEL_PATH) ?? DEFAULT_MODEL_MANIFEST);
}

/** The checker, the voice-note transcriber and, when there is no LLM second opinion, why. */
export interface CheckerSetup {
  checker: Checker;
  /** Why the second opinion is off (for the start-up log), or undefined when it is on. */
  offReason: string | undefined;
  /** What the second opinion uses when it is on (model and endpoint, no credentials), for the start-up log. */
  details: Record<string, string>;
  /** The local model's weights file, or undefined when LOCAL_MODEL=off (for the start-up log). */
  localModel: string | undefined;
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
 * module's configuration error (SettingError, naming the variable) when its settings are malformed, and a
 * PromptFileError naming the file when a prompt file is broken. The local model is loaded as
 * {@link localModelFromEnv} says (a ModelFileError names a missing or corrupt model file).
 */
export async function createChecker(options: CheckerFactoryOptions): Promise<CheckerSetup> {
  const ruleset = loadRuleset(options.rulesDir, options.yamlCache ? { yamlCache: options.yamlCache } : {});
  const localModel = localModelFromEnv(options.env);
  const llmConfig = parseLlmConfig(options.env);
  if (!llmConfig) {
    return {
      checker: createRulesChecker(ruleset, { ...(options.country ? { country: options.country } : {}), logger: options.logger, ...(localModel ? { model: localModel } : {}) }),
      localModel: localModel?.file,
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
    localModel,
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
    localModel: localModel?.file,
    transcriber: services.transcriber,
    transcriberOffReason: services.transcriber ? undefined : 'LLM_TRANSCRIBE_MODEL not set',
    breakerState: () => services.classifier.breakerState,
  };
}
