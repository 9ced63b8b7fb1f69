import { adviceText } from './advice-texts.ts';
import { isUnreadAnswer } from './advice.ts';
import { CATEGORIES, type Category } from './categories.ts';
import { languageName } from './language-name.ts';
import { UNDETERMINED } from './language.ts';
import type { ForwardOrigin, Language } from './request.ts';
import { cutQuote, pickEvidence } from './evidence.ts';
import type { Ruleset } from './ruleset.ts';
import type { Translate } from './texts.ts';
import { toTraditional } from './traditional.ts';
import type { Level, Verdict } from './verdict.ts';

/** The state of the LLM second opinion when a reply is built. */
export type SecondOpinionState = 'off' | 'pending' | 'ok' | 'unavailable';

/**
 * Everything a reply shows, in one language; adapters only render it. Short first: the title, the three
 * actions for the scenario and one line of why are what a frightened reader sees; `summary`, the other
 * reasons, the evidence, further steps and notes are the details (behind a button, a fold or `--details`).
 */
export interface ReplyDocument {
  /** The reply language (`en`, `zh`, `zh-Hant`, `es`, `fr`). */
  language: Language;
  level: Level;
  /** The text's language (ISO 639-1 or `und`), as in the verdict. */
  textLanguage: string;
  /** Whether Safeword's rules read the text's language; when false the title and summary say they could not. */
  rulesCoverLanguage: boolean;
  /** Localized level name ("not checked" for a text the rules could not read and nothing flagged). */
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

function secondOpinionFooter(state: SecondOpinionState, unread: boolean): string {
  // For a text nobody could read, the footer says whether anyone did: "rules only" would sound like a check.
  if (unread) return `core.unread.second_opinion_${state}`;
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
 * Builds the reply for a verdict, in its reply language: title and summary by level (for a text the rules
 * cannot read that nothing flagged: "Safeword cannot read <language>", and whether the AI read it), why (fired combinations first, then the
 * explanations of the strongest rules, then tactics only the LLM saw), evidence quotes with their tactic,
 * the verification steps, notes (forward origin, the LLM's explanation) and a footer that says how the
 * answer was made and never calls a message safe.
 */
export function buildReply(verdict: Verdict, options: ReplyOptions): ReplyDocument {
  const { ruleset } = options;
  const { t } = ruleset;
  const language = verdict.replyLanguage;
  const explanation = (id: string): string | undefined => adviceText(ruleset, language, 'explanations', id);
  const unread = isUnreadAnswer(verdict.level, verdict.rulesCoverLanguage);
  const textLanguageName = verdict.rulesCoverLanguage ? '' : languageName(t, verdict.language, language);

  const why: string[] = [];
  const seen = new Set<string>();
  const addWhy = (text: string | undefined): void => {
    const key = text?.replace(/\s+/g, ' ').trim().toLowerCase();
    if (!text || !key || seen.has(key) || why.length >= MAX_WHY) return;
    seen.add(key);
    why.push(text);
  };
  // A warning or a report is said first: the tactics it names are not aimed at the reader.
  if (verdict.framing) addWhy(explanation(`framing_${verdict.framing}`));
  for (const name of verdict.combinations) {
    const combination = ruleset.scoring.combinations.find((candidate) => candidate.name === name);
    if (combination) addWhy(explanation(combination.explanation));
  }
  for (const signal of verdict.signals) addWhy(explanation(signal.explanationId));
  if (verdict.localModel?.fired) addWhy(explanation('model_wording'));
  const signalled = new Set(verdict.signals.map((signal) => signal.category));
  const onlyFromModel = verdict.categories.filter((category) => !signalled.has(category));
  for (const category of onlyFromModel) addWhy(t(language, `core.category.${category}`));

  const evidence: ReplyDocument['evidence'] = [];
  const quotes = new Set<string>();
  for (const signal of pickEvidence(verdict.signals, MAX_EVIDENCE)) {
    const quote = cutQuote(signal.quote, MAX_EVIDENCE_LENGTH);
    if (quote === '' || quotes.has(quote.toLowerCase())) continue;
    quotes.add(quote.toLowerCase());
    evidence.push({ quote, category: t(language, `core.category.${signal.category}`) });
  }

  const notes: string[] = [];
  // Warning signs in a text the rules cannot read came from its links, numbers or Chinese characters, or the AI.
  if (!verdict.rulesCoverLanguage && !unread) notes.push(t(language, 'core.unread.partial', { language: textLanguageName }));
  // A text too short to tell its language (or only links and numbers) was matched by the rules, but nobody read it
  // as a language: "no warning signs" says so.
  if (verdict.rulesCoverLanguage && verdict.language === UNDETERMINED && (verdict.level === 'none' || verdict.level === 'low')) {
    notes.push(t(language, 'core.undetermined.partial'));
  }
  if (options.forwardedFrom) {
    const origin = options.forwardedFrom;
    notes.push(t(language, `core.forwarded.${origin.kind}`, { name: origin.name ?? '' }));
  }
  const opinion = verdict.secondOpinion;
  if (opinion.explanation && (opinion.status === 'ok' || opinion.status === 'cached')) {
    notes.push(t(language, 'core.second_opinion.note', { explanation: opinion.explanation }));
  }
  // The adapter's own notes are in the user's language; a Chinese user's reply to a Traditional text is
  // Traditional, so Simplified notes follow it (never two scripts in one reply).
  notes.push(...(options.notes ?? []).map((note) => (language === 'zh-Hant' ? toTraditional(note) : note)));

  const [reason, ...moreWhy] = why;
  return {
    language,
    level: verdict.level,
    textLanguage: verdict.language,
    rulesCoverLanguage: verdict.rulesCoverLanguage,
    levelLabel: t(language, unread ? 'core.level.unread' : `core.level.${verdict.level}`),
    title: unread ? t(language, 'core.title.unread', { language: textLanguageName }) : t(language, `core.title.${verdict.level}`),
    actions: verdict.actions.map((step) => step.text),
    ...(reason ? { reason } : {}),
    summary: verdict.summary,
    why: moreWhy,
    evidence,
    steps: verdict.steps.map((step) => step.text),
    notes,
    footer: [t(language, secondOpinionFooter(options.secondOpinion, unread)), t(language, 'core.footer.never_safe')],
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
