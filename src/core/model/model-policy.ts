import type { Framing } from '../context.ts';
import { levelRank, type Level } from '../verdict.ts';
import type { ModelThresholds } from './local-model.ts';

/** What the policy looks at. */
export interface ModelPolicyInput {
  /** The rules verdict's level. */
  rulesLevel: Level;
  /** Whether a rule combination fired (rules/scoring.yaml). */
  combination: boolean;
  /** The model's probability for this text. */
  probability: number;
  /** The calibrated thresholds for the text's language (from the model manifest). */
  thresholds: ModelThresholds;
  /** Advisories and reported speech (context.ts, the cues the rules use) keep the model from firing. */
  framing: Framing | undefined;
}

/** The policy's decision. */
export interface ModelDecision {
  level: Level;
  /** Whether the model's signal counts (it then adds its own explanation, no evidence span). */
  fired: boolean;
}

/**
 * The local model's policy, all of it:
 * 1. it never lowers the rules level;
 * 2. advisories and reported speech (`framing`) keep it silent;
 * 3. it fires at or above its medium threshold: `medium` when the rules found nothing, the lower
 *    `mediumWithRules` when they found something (low or above: two weak signals agreeing), and lifts
 *    none/low to medium;
 * 4. at or above the high threshold, together with a rule combination, it lifts to high;
 * 5. it never reaches high without a rule combination.
 */
export function modelDecision(input: ModelPolicyInput): ModelDecision {
  const rules = input.rulesLevel;
  const medium = rules === 'none' ? input.thresholds.medium : Math.min(input.thresholds.medium, input.thresholds.mediumWithRules);
  if (input.framing !== undefined || !(input.probability >= medium)) return { level: rules, fired: false };
  let proposal: Level = 'medium';
  if (input.combination && input.probability >= input.thresholds.high) proposal = 'high';
  return { level: levelRank(proposal) > levelRank(rules) ? proposal : rules, fired: true };
}
