import { z } from 'zod';
import { CategorySchema } from './categories.ts';
import { patternProblem } from './pattern-policy.ts';
import { RuleLanguageSchema } from './request.ts';
import { foldVariantWordsIn } from './zh-variant-words.ts';

/**
 * One rule file in rules/<category>/<rule-id>.yaml. Phrases are literal text, matched after normalization
 * (so write them in lower case, simplified Chinese, half-width); patterns are JavaScript regular expressions
 * run over the normalized text, restricted so that matching stays linear (src/core/pattern-policy.ts). A
 * pattern's Taiwan words are read as the normalizer reads them (zh-variant-words.ts: 點選 and 点选 become
 * 点击), so an alternative written in either form still matches.
 */
export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
    category: CategorySchema,
    languages: z.array(RuleLanguageSchema).min(1),
    /** 1 = weak hint (mentions police), 2 = clear tactic, 3 = strong on its own (e.g. "safe account"). */
    weight: z.number().int().min(1).max(3),
    description: z.string().min(1),
    phrases: z.array(z.string().min(2)).default([]),
    /** Checked against the pattern language of src/core/pattern-policy.ts (bounded, anchored on a literal). */
    patterns: z
      .array(
        z
          .string()
          .min(2)
          .superRefine((pattern, context) => {
            const problem = patternProblem(pattern);
            if (problem) context.addIssue({ code: 'custom', message: `pattern ${JSON.stringify(pattern)} ${problem}` });
          })
          .transform(foldVariantWordsIn),
      )
      .default([]),
    /**
     * Words of rules/accent-words.yaml this rule means as written, with their accent ("envié", I sent: the
     * scammer's "te envié un código por error"): its hits are not dropped for them (src/core/accent-words.ts).
     */
    means_accented: z.array(z.string().min(2)).default([]),
    /**
     * Not scored in a brand's notice whose every link is that brand's own site (src/core/link-signals.ts
     * readLinks: "Chase: … call 1-800-… or visit chase.com"): what a real notice says too, such as a number to
     * call or "visit our site"; the scam's demand (a code, a payment, remote access) is in other rules.
     */
    quiet_on_brand_site: z.boolean().default(false),
    /** In a transcript, count only what this party says (default any). */
    speaker: z.enum(['any', 'caller']).default('any'),
    /** Id of the explanation text in rules/advice/<lang>.yaml `explanations`. */
    explanation: z.string().min(1),
    /** Ids of verification steps in rules/advice/<lang>.yaml `steps`. */
    advice: z.array(z.string().min(1)).min(1),
  })
  .strict()
  .refine((rule) => rule.phrases.length + rule.patterns.length > 0, {
    message: 'a rule needs at least one phrase or pattern',
    path: ['phrases'],
  });
/** One validated rule. */
export type Rule = z.infer<typeof RuleSchema>;

/** The cases file beside a rule: rules/<category>/<rule-id>.cases.yaml. */
export const RuleCasesSchema = z
  .object({
    match: z.array(z.string().min(1)).min(1),
    no_match: z.array(z.string().min(1)).min(1),
  })
  .strict();
/** Must-match and must-not-match examples for one rule. */
export type RuleCases = z.infer<typeof RuleCasesSchema>;

/**
 * rules/scoring.yaml `combinations`: category combinations that raise the level. A combination fires when every
 * category in `all` has a hit; `level` is then the minimum level of the verdict and `bonus` adds to the score.
 */
const CombinationSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]+$/),
    all: z.array(CategorySchema).min(1),
    level: z.enum(['low', 'medium', 'high']),
    bonus: z.number().min(0).default(0),
    /** Each category in `all` must reach at least this category score (so two weak words do not fire it). */
    min: z.number().min(0).default(1),
    /** Per-category minimums that override `min` (e.g. a clear account threat plus any link). */
    minimums: z.partialRecord(CategorySchema, z.number().min(0)).optional(),
    /** Explanation id shown first when this combination fires. */
    explanation: z.string().min(1),
  })
  .strict();

/** The two media a check can be about; a message cannot be "hung up", a call has no link to open. */
export const MEDIA = ['message', 'call'] as const;
/** What was checked: a written message or (a transcript of) a call. */
export type Medium = (typeof MEDIA)[number];

/**
 * A scenario of rules/scoring.yaml: when any of its categories was found, the reply leads with its three
 * actions for the medium (step ids of rules/advice/<lang>.yaml). The first matching scenario wins.
 */
export const ScenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]+$/),
    any: z.array(CategorySchema).min(1),
    actions: z.object({ message: z.array(z.string()).length(3), call: z.array(z.string()).length(3) }).strict(),
  })
  .strict();
/** One scenario and its leading actions. */
export type Scenario = z.infer<typeof ScenarioSchema>;

/** rules/scoring.yaml: score thresholds and per-category caps. */
export const ScoringSchema = z
  .object({
    combinations: z.array(CombinationSchema),
    /** Minimum score for each level when no combination says more. */
    thresholds: z.object({ low: z.number(), medium: z.number(), high: z.number() }).strict(),
    /** Extra weight for a second distinct rule in the same category (the first counts in full). */
    repeatFactor: z.number().min(0).max(1),
    /** Multiplier for hits in lines the callee (victim) said, in transcripts. */
    calleeFactor: z.number().min(0).max(1),
    /** Step ids always offered at each level, after the steps the signals asked for. */
    baselineSteps: z
      .object({
        none: z.array(z.string()),
        low: z.array(z.string()),
        medium: z.array(z.string()),
        high: z.array(z.string()),
        /** Steps for a text in a language the rules cannot read (the general checks); the medium ones if absent. */
        unread: z.array(z.string()).optional(),
      })
      .strict(),
    /** Most steps shown in one reply (the report step comes on top at medium and high). */
    maxSteps: z.number().int().min(1).default(6),
    /** Steps that only make sense on a call, and the step a message gets instead. */
    callOnlySteps: z.record(z.string(), z.string()).default({}),
    /** Leading actions per scenario, most specific first; medium and high replies lead with them. */
    scenarios: z.array(ScenarioSchema).default([]),
    /** Steps an action makes redundant (it says the same in short), so a reply leading with it skips them. */
    actionCovers: z.record(z.string(), z.array(z.string())).default({}),
    /** Leading actions when no scenario matches (medium and high); without them, the level's first steps lead. */
    defaultActions: z.object({ message: z.array(z.string()).length(3), call: z.array(z.string()).length(3) }).strict().optional(),
  })
  .strict();
/** Scoring settings. */
export type Scoring = z.infer<typeof ScoringSchema>;

/** A digit run of three or more characters: a phone number (or a short code such as 110) that must name its source. */
const PHONE_NUMBER = /\d[\d -]{1,}\d/;

/** One report-contact sentence and the official pages its numbers and addresses come from. */
const ContactSchema = z
  .object({
    text: z.string().min(1),
    sources: z.array(z.url({ protocol: /^https$/ })).min(1).optional(),
    /**
     * Steps said with this country's numbers, replacing the general step of the same id (`call_police`:
     * "Call 911 …" instead of "Call the police …"); their numbers come from the same sources.
     */
    steps: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict()
  .refine((contact) => ![contact.text, ...Object.values(contact.steps ?? {})].some((text) => PHONE_NUMBER.test(text)) || (contact.sources?.length ?? 0) > 0, {
    message: 'a contact with a number must name its official source in "sources"',
    path: ['sources'],
  });

/** rules/advice/<lang>.yaml: every user-facing sentence of the rules, per language. */
export const AdviceTextsSchema = z
  .object({
    explanations: z.record(z.string(), z.string().min(1)),
    steps: z.record(z.string(), z.string().min(1)),
    /** Report contacts per country code (see src/core/countries.ts) and a `default` for everywhere else. */
    report: z.record(z.string(), ContactSchema),
    /** China's global consular protection hotline, for Chinese replies outside mainland China. */
    consular: ContactSchema,
  })
  .strict();
/** All advice texts for one language. */
export type AdviceTexts = z.infer<typeof AdviceTextsSchema>;
