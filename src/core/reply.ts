import { CATEGORIES, type Category } from './categories.ts';
import type { ForwardOrigin, Language } from './request.ts';
import type { Ruleset } from './ruleset.ts';
import type { Translate } from './texts.ts';
import type { Level, Verdict } from './verdict.ts';

/** The state of the LLM second opinion when a reply is built. */
export type SecondOpinionState = 'off' | 'pending' | 'ok' | 'unavailable';

/**
 * Everything a reply shows, in one language; adapters only render it. Short first: the title, the three
 * actions for the scenario and one line of why are what a frightened reader sees; `summary`, the other
 * reasons, the evidence, further steps and notes are the details (behind a button, a fold or `--details`).
 */
export interface ReplyDocument {
  language: Language;
  level: Level;
  /** Localized level name. */
  levelLabel: string;
  title: string;
  /** What to do now: the actions for the scenario found (for a message or a call). */
  actions: string[];
  /** The one line of why shown with the actions; absent when nothing was found. */
  reason?: string;
  summary: string;
  /** Further reasons, never repeating `reason`. */
  why: string[];
  evidence: { quote: string; category: string }[];
  /** Further steps, never repeating an action; the report contacts last. */
  steps: string[];
  notes: string[];
  footer: string[];
}

/** Options for building a reply. */
export interface ReplyOptions {
  secondOpinion: SecondOpinionState;
  forwardedFrom?: ForwardOrigin;
  /** Notes the adapter adds after the built ones, in the reply language (e.g. "checked as a call transcript"). */
  notes?: readonly string[];
  /** The checker's ruleset: explanations, combinations and texts. */
  ruleset: Ruleset;
}

const MAX_WHY = 4;
const MAX_EVIDENCE = 5;
const MAX_EVIDENCE_LENGTH = 120;

function shorten(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_EVIDENCE_LENGTH ? `${flat.slice(0, MAX_EVIDENCE_LENGTH - 1)}…` : flat;
}

function secondOpinionFooter(state: SecondOpinionState): string {
  switch (state) {
    case 'off':
      return 'core.footer.rules_only';
    case 'pending':
      return 'core.footer.second_opinion_pending';
    case 'ok':
      return 'core.footer.second_opinion_ok';
    case 'unavailable':
      return 'core.footer.second_opinion_unavailable';
  }
}

/**
 * Builds the reply for a verdict: title and summary by level, why (fired combinations first, then the
 * explanations of the strongest rules, then tactics only the LLM saw), evidence quotes with their tactic,
 * the verification steps, notes (forward origin, the LLM's explanation) and a footer that says how the
 * answer was made and never calls a message safe.
 */
export function buildReply(verdict: Verdict, options: ReplyOptions): ReplyDocument {
  const { ruleset } = options;
  const { t } = ruleset;
  const { language } = verdict;
  const explanations = ruleset.advice[language].explanations;

  const why: string[] = [];
  const addWhy = (text: string | undefined): void => {
    if (text && !why.includes(text) && why.length < MAX_WHY) why.push(text);
  };
  for (const name of verdict.combinations) {
    const combination = ruleset.scoring.combinations.find((candidate) => candidate.name === name);
    if (combination) addWhy(explanations[combination.explanation]);
  }
  for (const signal of verdict.signals) addWhy(explanations[signal.explanationId]);
  const signalled = new Set(verdict.signals.map((signal) => signal.category));
  const onlyFromModel = verdict.categories.filter((category) => !signalled.has(category));
  for (const category of onlyFromModel) addWhy(t(language, `core.category.${category}`));

  const evidence: ReplyDocument['evidence'] = [];
  const quotes = new Set<string>();
  for (const signal of verdict.signals) {
    const quote = shorten(signal.quote);
    if (quote === '' || quotes.has(quote.toLowerCase())) continue;
    quotes.add(quote.toLowerCase());
    evidence.push({ quote, category: t(language, `core.category.${signal.category}`) });
    if (evidence.length >= MAX_EVIDENCE) break;
  }

  const notes: string[] = [];
  if (options.forwardedFrom) {
    const origin = options.forwardedFrom;
    notes.push(t(language, `core.forwarded.${origin.kind}`, { name: origin.name ?? '' }));
  }
  const opinion = verdict.secondOpinion;
  if (opinion.explanation && (opinion.status === 'ok' || opinion.status === 'cached')) {
    notes.push(t(language, 'core.second_opinion.note', { explanation: opinion.explanation }));
  }
  notes.push(...(options.notes ?? []));

  const [reason, ...moreWhy] = why;
  return {
    language,
    level: verdict.level,
    levelLabel: t(language, `core.level.${verdict.level}`),
    title: t(language, `core.title.${verdict.level}`),
    actions: verdict.actions.map((step) => step.text),
    ...(reason ? { reason } : {}),
    summary: verdict.summary,
    why: moreWhy,
    evidence,
    steps: verdict.steps.map((step) => step.text),
    notes,
    footer: [t(language, secondOpinionFooter(options.secondOpinion)), t(language, 'core.footer.never_safe')],
  };
}

/** Localized names of all categories, for renderers that list tactics. */
export function categoryLabels(t: Translate, language: Language): Record<Category, string> {
  return Object.fromEntries(CATEGORIES.map((category) => [category, t(language, `core.category.${category}`)])) as Record<Category, string>;
}

/** The reply state that matches a verdict's second opinion. */
export function secondOpinionState(verdict: Verdict): SecondOpinionState {
  const status = verdict.secondOpinion.status;
  return status === 'cached' ? 'ok' : status;
}
