import type Keyv from 'keyv';
import type { Logger } from '../core/adapter.ts';
import type { Checker } from '../core/checker.ts';
import { createRulesChecker } from '../core/rules-checker.ts';
import { loadRuleset } from '../core/ruleset.ts';
import { parseLlmConfig } from '../llm/config.ts';

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

/** The checker and, when there is no LLM second opinion, why. */
export interface CheckerSetup {
  checker: Checker;
  /** Why the second opinion is off (for the start-up log), or undefined when it is on. */
  offReason: string | undefined;
}

/**
 * Builds the checker: the rules-only checker, upgraded to the LLM-backed one when LLM_* settings are
 * present. Throws the LLM module's configuration error (LlmConfigError, naming the variable) when its
 * settings are malformed.
 */
export async function createChecker(options: CheckerFactoryOptions): Promise<CheckerSetup> {
  const ruleset = loadRuleset(options.rulesDir);
  const rulesChecker = createRulesChecker(ruleset, options.country ? { country: options.country } : {});
  const llmConfig = parseLlmConfig(options.env);
  if (!llmConfig) return { checker: rulesChecker, offReason: 'LLM_BASE_URL and LLM_MODEL not set' };
  // ── LLM WIRING POINT ─────────────────────────────────────────────────────────────────────────────
  // When src/llm/llm-checker.ts lands, wrap rulesChecker here, e.g.:
  //   const { createLlmChecker } = await import('../llm/llm-checker.ts');
  //   return { checker: createLlmChecker({ config: llmConfig, ruleset, rules: rulesChecker,
  //            cache: options.cache, secret: options.secret, logger: options.logger }), offReason: undefined };
  // ──────────────────────────────────────────────────────────────────────────────────────────────────
  options.logger.warn('LLM settings found but the LLM checker is not wired yet', { model: llmConfig.model });
  return { checker: rulesChecker, offReason: 'LLM_* is set, but this build has no LLM checker yet' };
}
