import { z } from 'zod';
import { CategorySchema } from './categories.ts';
import { LanguageSchema } from './request.ts';

/** Risk levels, lowest first. */
export const LEVELS = ['none', 'low', 'medium', 'high'] as const;
/** A risk level. */
export type Level = (typeof LEVELS)[number];
/** zod schema for a risk level. */
export const LevelSchema = z.enum(LEVELS);

/** Numeric rank of a level, for comparisons (none = 0 … high = 3). */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** The level with the given rank, clamped to the valid range. */
export function levelFromRank(rank: number): Level {
  return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, rank))] as Level;
}

/** Who said the matched words, when the text is a transcript. */
const SpeakerRoleSchema = z.enum(['caller', 'callee', 'unknown']);
/** Who said the matched words. */
export type SpeakerRole = z.infer<typeof SpeakerRoleSchema>;

/** One piece of evidence: a rule that fired, and where in the original text. */
const SignalSchema = z.object({
  ruleId: z.string(),
  category: CategorySchema,
  weight: z.number(),
  /** Start offset in the ORIGINAL request text (UTF-16 code units). */
  start: z.number().int().nonnegative(),
  /** End offset (exclusive) in the original request text. */
  end: z.number().int().nonnegative(),
  /** The original text between start and end. */
  quote: z.string(),
  speaker: SpeakerRoleSchema.optional(),
  explanationId: z.string(),
});
/** One piece of evidence. */
export type Signal = z.infer<typeof SignalSchema>;

/** A verification step, already in the reply language. */
const StepSchema = z.object({ id: z.string(), text: z.string() });
/** A verification step. */
export type Step = z.infer<typeof StepSchema>;

/** What the LLM second opinion contributed, if anything. */
const SecondOpinionSchema = z.object({
  status: z.enum(['off', 'ok', 'cached', 'unavailable']),
  label: z.enum(['scam', 'suspicious', 'unclear', 'legitimate']).optional(),
  confidence: z.number().min(0).max(1).optional(),
  tactics: z.array(CategorySchema).optional(),
  explanation: z.string().optional(),
});

/** What the local model (src/core/model/) read in the text: a signal without an evidence span. */
export const LocalModelSignalSchema = z.object({
  /** Probability that the wording is a scam's. */
  probability: z.number().min(0).max(1),
  /** The level the probability reaches on its own by the calibrated thresholds (before the policy). */
  reaches: z.enum(['none', 'medium', 'high']),
  /** Whether the policy counted it (model-policy.ts); the reply then says the wording is typical of scams. */
  fired: z.boolean(),
});
/** What the local model read in the text. */
export type LocalModelSignal = z.infer<typeof LocalModelSignalSchema>;

/** The answer for one request. */
export const VerdictSchema = z.object({
  level: LevelSchema,
  /** Sum of category weights after combination bonuses; higher is riskier. */
  score: z.number(),
  signals: z.array(SignalSchema),
  /** Categories found, strongest first. */
  categories: z.array(CategorySchema),
  /** Names of the category combinations that fired (from rules/scoring.yaml). */
  combinations: z.array(z.string()),
  /**
   * Set when the scam words are framed as a warning (`advisory`: "X will never ask you to…", 请勿, "it was a
   * scam") or as somebody's account of a scam (`report`: "someone called saying…"); such texts stay low or
   * medium, and a second opinion should not shout at them either.
   */
  framing: z.enum(['advisory', 'report']).optional(),
  /** The language the text is written in, as an ISO 639-1 code (`en`, `zh`, `ja`, `es`, …), or `und` when it cannot be told. */
  language: z.string(),
  /** Whether Safeword's rules read that language (one their rule files are written in); when false, no rule read the words. */
  rulesCoverLanguage: z.boolean(),
  /** The language of the summary, the steps and the reply (`en`, `zh`, `zh-Hant`, `es`): the user's, not the text's. */
  replyLanguage: LanguageSchema,
  /** One or two sentences in the reply language explaining the level. */
  summary: z.string(),
  /** What to do first: the three actions for the scenario found (or the level's first steps). */
  actions: z.array(StepSchema),
  /** Further verification steps, none repeating an action; the report contacts last at medium and high. */
  steps: z.array(StepSchema),
  /** A written message or a call (transcript): what the actions are worded for. */
  medium: z.enum(['message', 'call']),
  /** The country whose report contacts the steps give (the request's, else the service's); absent for the general advice. */
  country: z.string().length(2).optional(),
  secondOpinion: SecondOpinionSchema,
  /** The local model's reading; absent when it is off. */
  localModel: LocalModelSignalSchema.optional(),
});
/** The answer for one request. */
export type Verdict = z.infer<typeof VerdictSchema>;
