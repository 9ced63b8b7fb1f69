import { buildAdvice } from '../core/advice.ts';
import type { Category } from '../core/categories.ts';
import type { Ruleset } from '../core/ruleset.ts';
import { levelFromRank, levelRank, type Level, type Verdict } from '../core/verdict.ts';
import type { Label, Opinion } from './classification.ts';
import { presentableExplanation } from './explanation.ts';

/** The level each model label proposes; `unclear` proposes nothing (the rules level stands). */
const LABEL_LEVELS: Record<Label, Level | undefined> = {
  scam: 'high',
  suspicious: 'medium',
  unclear: undefined,
  legitimate: 'none',
};

/** Below this confidence a `scam` label proposes medium, not high. */
const SCAM_HIGH_MIN_CONFIDENCE = 0.5;

/** The model must be at least this confident to lower a rules level at all. */
const LOWERING_MIN_CONFIDENCE = 0.7;

/** The combined level never goes below this when the text addresses an AI (the AI-instruction tactic). */
const AI_INSTRUCTION_FLOOR: Level = 'medium';
/** The combined level never goes below this when a strong rule combination fired. */
const STRONG_COMBINATION_FLOOR: Level = 'medium';

/** What {@link combineVerdict} needs besides the two opinions. */
export interface CombineOptions {
  /** The ruleset that made the rules verdict: it says which combinations are strong and holds the advice. */
  ruleset: Ruleset;
  /** Whether the opinion came from the model just now or from the cache. */
  status: 'ok' | 'cached';
  /** Country code for the report step. */
  country?: string | undefined;
}

/**
 * True when a strong rule combination fired: a combination whose configured level (rules/scoring.yaml) is
 * `high`. A combination name the ruleset does not know counts as strong, so a mismatch errs on the careful side.
 */
export function strongCombinationFired(verdict: Pick<Verdict, 'combinations'>, ruleset: Ruleset): boolean {
  return verdict.combinations.some((name) => {
    const combination = ruleset.scoring.combinations.find((candidate) => candidate.name === name);
    return combination === undefined || combination.level === 'high';
  });
}

/**
 * The lowest level the model may bring a rules verdict down to: one step below the rules level; never below
 * medium when a strong rule combination fired; and not below the rules level at all when the rules found
 * text aimed at an AI (the model may have obeyed it).
 */
export function lowestAllowedLevel(rules: Verdict, ruleset: Ruleset): Level {
  const rank = levelRank(rules.level);
  if (rules.categories.includes('ai_instruction')) return rules.level;
  let floor = rank - 1;
  if (strongCombinationFired(rules, ruleset)) floor = Math.max(floor, levelRank(STRONG_COMBINATION_FLOOR));
  return levelFromRank(Math.min(rank, floor));
}

/**
 * The combined level, the whole policy in one place:
 * 1. the model's label proposes a level (scam → high, or medium below {@link SCAM_HIGH_MIN_CONFIDENCE};
 *    suspicious → medium; legitimate → none; unclear → none proposed); a tactic list naming `ai_instruction`
 *    proposes at least medium;
 * 2. a proposal above the rules level is taken as is — the model can raise freely;
 * 3. a proposal below it is taken only when the model is confident (≥ {@link LOWERING_MIN_CONFIDENCE}) and did
 *    not itself report instructions aimed at an AI, and then no lower than {@link lowestAllowedLevel};
 * 4. text aimed at an AI (a rule hit or the model's tactic) is a scam signal: the result is at least medium;
 * 5. after a strong rule combination the result is at least medium, whatever came before.
 */
export function combinedLevel(rules: Verdict, opinion: Opinion, ruleset: Ruleset): Level {
  const rulesRank = levelRank(rules.level);
  const aiInstruction = rules.categories.includes('ai_instruction') || opinion.tactics.includes('ai_instruction');
  const labelLevel = LABEL_LEVELS[opinion.label];
  let proposal = labelLevel === undefined ? rulesRank : levelRank(labelLevel);
  if (opinion.label === 'scam' && opinion.confidence < SCAM_HIGH_MIN_CONFIDENCE) proposal = levelRank('medium');
  if (opinion.tactics.includes('ai_instruction')) proposal = Math.max(proposal, levelRank(AI_INSTRUCTION_FLOOR));

  let rank = rulesRank;
  if (proposal > rulesRank) rank = proposal;
  else if (proposal < rulesRank && opinion.confidence >= LOWERING_MIN_CONFIDENCE && !opinion.tactics.includes('ai_instruction')) {
    rank = Math.max(proposal, levelRank(lowestAllowedLevel(rules, ruleset)));
  }
  if (aiInstruction) rank = Math.max(rank, levelRank(AI_INSTRUCTION_FLOOR));
  if (strongCombinationFired(rules, ruleset)) rank = Math.max(rank, levelRank(STRONG_COMBINATION_FLOOR));
  return levelFromRank(rank);
}

/**
 * Combines the rules verdict with the model's opinion into the refined verdict (pure). The level follows
 * {@link combinedLevel}; the model's tactics join the rules' categories (same category list, rule categories
 * first); the evidence stays the rules' evidence; summary and steps are rebuilt with the core's advice in
 * the verdict's reply language, with one sentence saying why the level moved. The model's explanation is kept
 * only when it may be shown ({@link presentableExplanation}) and does not contradict the combined level.
 */
export function combineVerdict(rules: Verdict, opinion: Opinion, options: CombineOptions): Verdict {
  const level = combinedLevel(rules, opinion, options.ruleset);
  const { t } = options.ruleset;
  const categories: Category[] = [...rules.categories];
  for (const tactic of opinion.tactics) if (!categories.includes(tactic)) categories.push(tactic);

  // The rules verdict already settled the request's country; the option is the service's default.
  const country = rules.country ?? options.country;
  const advice = buildAdvice(
    {
      level,
      categories,
      signals: rules.signals,
      language: rules.replyLanguage,
      textLanguage: rules.language,
      rulesCoverLanguage: rules.rulesCoverLanguage,
      medium: rules.medium,
      ...(country ? { country } : {}),
    },
    options.ruleset,
  );
  const sentences = [advice.summary];
  const moved = levelRank(level) - levelRank(rules.level);
  const labelLevel = LABEL_LEVELS[opinion.label];
  if (moved > 0 && labelLevel !== undefined && levelRank(labelLevel) >= levelRank(level)) {
    sentences.push(t(rules.replyLanguage, 'core.second_opinion.raised'));
  } else if (moved > 0) {
    sentences.push(t(rules.replyLanguage, 'llm.ai_instruction_floor'));
  } else if (moved < 0) {
    sentences.push(t(rules.replyLanguage, 'llm.lowered'));
  }

  // An explanation from a model that saw less risk than the final level would contradict the reply.
  const agrees = labelLevel !== undefined && levelRank(labelLevel) >= levelRank(level);
  const explanation = agrees ? presentableExplanation(opinion.explanation, rules.replyLanguage) : undefined;
  return {
    ...rules,
    level,
    categories,
    // Chinese sentences end in full-width punctuation and are joined without a space.
    summary: sentences.join(rules.replyLanguage === 'en' ? ' ' : ''),
    actions: advice.actions,
    steps: advice.steps,
    secondOpinion: {
      status: options.status,
      label: opinion.label,
      confidence: opinion.confidence,
      tactics: [...opinion.tactics],
      ...(explanation ? { explanation } : {}),
    },
  };
}
