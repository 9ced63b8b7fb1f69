import { countryStepText, reportContactTexts } from './advice-texts.ts';
import type { Category } from './categories.ts';
import { languageList, languageName } from './language-name.ts';
import { sourceLanguage, type Language } from './request.ts';
import { sortSmall } from './small-sort.ts';
import type { Ruleset } from './ruleset.ts';
import type { Medium } from './rule-schema.ts';
import type { Level, Signal, Step } from './verdict.ts';

/** What advice depends on. */
export interface AdviceInput {
  level: Level;
  categories: readonly Category[];
  signals: readonly Signal[];
  /** The reply language. */
  language: Language;
  /** The text's language (ISO 639-1 or `und`), for the "cannot read this language" answer. */
  textLanguage?: string;
  /** False when the rules cannot read the text's language: the summary says so, and the steps are the general checks. */
  rulesCoverLanguage?: boolean;
  /** ISO country code for report contacts (CN, US, GB…); falls back to the advice file's default. */
  country?: string;
  /** A written message or a call; a message is never told to hang up. Default: message. */
  medium?: Medium;
}

/** The advice for one verdict: the summary, the leading actions and the further steps (the report step last). */
export interface Advice {
  summary: string;
  /** The three actions for the scenario found (medium and high), else the first of the level's steps. */
  actions: Step[];
  /** Further steps, none of them repeating an action. */
  steps: Step[];
}

/** The leading action ids of one scenario and medium, and every step id they make redundant. */
interface LeadingActions {
  actionIds: readonly string[];
  /** The actions, and the longer steps they say in short: not repeated among the further steps. */
  said: ReadonlySet<string>;
}

const NO_ACTIONS: LeadingActions = { actionIds: [], said: new Set() };
const leadingCache = new WeakMap<readonly string[], LeadingActions>();

/** A step for the medium: a message gets the replacement of a call-only step ("hang up"). */
function stepForMedium(scoring: Ruleset['scoring'], medium: Medium, id: string): string {
  return medium === 'message' ? (scoring.callOnlySteps[id] ?? id) : id;
}

/** {@link LeadingActions} of a scenario's (or the default) action list for `medium`, worked out once per list. */
function leadingActions(scoring: Ruleset['scoring'], actions: readonly string[], medium: Medium): LeadingActions {
  let known = leadingCache.get(actions);
  if (!known) {
    const actionIds = actions.map((id) => stepForMedium(scoring, medium, id));
    known = { actionIds, said: new Set(actionIds.flatMap((id) => [id, ...(scoring.actionCovers[id] ?? [])])) };
    leadingCache.set(actions, known);
  }
  return known;
}

/** How many actions lead a reply. */
const ACTION_COUNT = 3;

/** Whether a verdict is the "cannot read this language" answer: rules that could not read the text, and no warning found anyway. */
export function isUnreadAnswer(level: Level, rulesCoverLanguage: boolean): boolean {
  return !rulesCoverLanguage && (level === 'none' || level === 'low');
}

/**
 * Picks the summary, the leading actions and the further steps for a verdict, in its reply language (`zh-Hant`
 * converted from the `zh` texts). For a text the rules cannot read that nothing flagged, the summary says so
 * plainly and the steps are the general checks (never "no warning signs found" for a text nobody read). At medium and
 * high the actions are the first matching scenario's (rules/scoring.yaml) for the medium; the steps are those
 * the strongest signals' rules name, then steps for categories with no rule hit (a tactic the LLM saw), then
 * the level's baseline steps, without the actions; a report step with the country's contacts closes them.
 * A message gets no call-only step ("hang up"), but its replacement.
 */
export function buildAdvice(input: AdviceInput, ruleset: Ruleset): Advice {
  let cache = adviceCache.get(ruleset);
  if (!cache) {
    cache = { buckets: new Map(), size: 0 };
    adviceCache.set(ruleset, cache);
  }
  adviceKey(input);
  let hash = 0x811c9dc5;
  for (let index = 0; index < keyLength; index += 1) hash = Math.imul(hash ^ (keyUnits[index] as number), 0x01000193);
  let bucket = cache.buckets.get(hash);
  let advice: Advice | undefined;
  if (bucket) {
    for (const entry of bucket) {
      if (sameKey(entry.key)) {
        advice = entry.advice;
        break;
      }
    }
  }
  if (!advice) {
    advice = composeAdvice(input, ruleset);
    if (cache.size >= MAX_CACHED_ADVICE) {
      cache.buckets.clear();
      cache.size = 0;
      bucket = undefined;
    }
    if (!bucket) {
      bucket = [];
      cache.buckets.set(hash, bucket);
    }
    bucket.push({ key: keyUnits.slice(0, keyLength), advice });
    cache.size += 1;
  }
  // Fresh arrays and steps each time: a verdict's advice is its own to change.
  return { summary: advice.summary, actions: advice.actions.map(copyStep), steps: advice.steps.map(copyStep) };
}

/**
 * Advice is a function of the level, the categories, the signals' rules in strength order, the language, the
 * medium and the country, so it is composed once per such key and ruleset: composing it (step lists, texts,
 * placeholders) was ~7% of a 500-byte check, the key and the copies a fifth of that. The key is a list of
 * numbers in a reused buffer, found by its hash: building it as a string (a string per part, joined, then
 * flattened and hashed by the Map) was most of buildAdvice's own time.
 */
const adviceCache = new WeakMap<Ruleset, { buckets: Map<number, { key: Int32Array; advice: Advice }[]>; size: number }>();
/** Distinct advice keys kept per ruleset; past it the cache starts over (real traffic has a few hundred). */
const MAX_CACHED_ADVICE = 4096;

function copyStep(step: Step): Step {
  return { id: step.id, text: step.text };
}

/** A number per string seen in an advice key (ids, categories, languages, countries). */
const keyCodes = new Map<string, number>();
/** Most strings numbered; past it keys spell their strings out (between the codes 0 and 1, never a number's). */
const MAX_KEY_CODES = 60_000;
/** The key adviceKey() built last: its first keyLength numbers. */
let keyUnits = new Int32Array(64);
let keyLength = 0;

function pushUnit(unit: number): void {
  if (keyLength === keyUnits.length) {
    const grown = new Int32Array(keyUnits.length * 2);
    grown.set(keyUnits);
    keyUnits = grown;
  }
  keyUnits[keyLength] = unit;
  keyLength += 1;
}

/** Appends a string's number to the key, or the string itself between the codes 0 and 1 once the numbering is full. */
function keyPart(text: string): void {
  let code = keyCodes.get(text);
  if (code === undefined) {
    if (keyCodes.size >= MAX_KEY_CODES) {
      pushUnit(0);
      for (let index = 0; index < text.length; index += 1) pushUnit(text.charCodeAt(index));
      pushUnit(1);
      return;
    }
    code = keyCodes.size + 2;
    keyCodes.set(text, code);
  }
  pushUnit(code);
}

/** Whether `key` is the key adviceKey() built last. */
function sameKey(key: Int32Array): boolean {
  if (key.length !== keyLength) return false;
  for (let index = 0; index < keyLength; index += 1) if (key[index] !== keyUnits[index]) return false;
  return true;
}

/** Everything composeAdvice reads of its input, as numbers in keyUnits. */
function adviceKey(input: AdviceInput): void {
  keyLength = 0;
  keyPart(input.level);
  keyPart(input.language);
  keyPart(input.medium ?? 'message');
  keyPart(input.country ?? '');
  keyPart(input.rulesCoverLanguage ?? true ? 'true' : 'false');
  keyPart(input.textLanguage ?? '');
  pushUnit(input.categories.length);
  for (const category of input.categories) keyPart(category);
  // The signals as composeAdvice reads them: rule ids strongest first (a stable sort), and their categories.
  let sorted = true;
  for (let index = 1; index < input.signals.length && sorted; index += 1) sorted = (input.signals[index] as Signal).weight <= (input.signals[index - 1] as Signal).weight;
  const strongestFirst = sorted ? input.signals : sortSmall([...input.signals], (a, b) => b.weight - a.weight);
  for (const signal of strongestFirst) {
    keyPart(signal.ruleId);
    keyPart(signal.category);
  }
}

function composeAdvice(input: AdviceInput, ruleset: Ruleset): Advice {
  const language = input.language;
  const texts = ruleset.advice[sourceLanguage(language)];
  const unread = isUnreadAnswer(input.level, input.rulesCoverLanguage ?? true);
  const { scoring, rulesById, stepsByCategory: categorySteps, t } = ruleset;
  const medium = input.medium ?? 'message';
  const forMedium = (id: string): string => stepForMedium(scoring, medium, id);
  const step = (id: string): Step => ({ id, text: countryStepText(ruleset, language, id, input.country) as string });

  const urgent = input.level === 'medium' || input.level === 'high';
  const scenario = urgent ? scoring.scenarios.find((candidate) => candidate.any.some((category) => input.categories.includes(category))) : undefined;
  const leading = scenario?.actions ?? scoring.defaultActions;
  const { actionIds, said } = urgent && leading ? leadingActions(scoring, leading[medium], medium) : NO_ACTIONS;
  const ids: string[] = [];
  const add = (raw: string): void => {
    const id = forMedium(raw);
    if (!ids.includes(id) && !said.has(id) && id in texts.steps) ids.push(id);
  };
  const strongestFirst = sortSmall([...input.signals], (a, b) => b.weight - a.weight);
  for (const signal of strongestFirst) {
    for (const id of rulesById.get(signal.ruleId)?.advice ?? ruleset.links?.signals.get(signal.ruleId)?.advice ?? []) add(id);
  }
  const signalled = new Set<Category>();
  for (const signal of input.signals) signalled.add(signal.category);
  for (const category of input.categories) {
    if (!signalled.has(category)) for (const id of (categorySteps.get(category) ?? []).slice(0, 2)) add(id);
  }
  const baselineIds = unread ? (scoring.baselineSteps.unread ?? scoring.baselineSteps.medium) : scoring.baselineSteps[input.level];
  const baseline = baselineIds.map(forMedium).filter((id) => !said.has(id));
  const budget = Math.max(0, scoring.maxSteps - actionIds.length);
  const chosen = ids.slice(0, Math.max(0, budget - baseline.length));
  for (const id of baseline) if (!chosen.includes(id)) chosen.push(id);
  for (const id of ids) if (chosen.length < budget && !chosen.includes(id)) chosen.push(id);

  let actions = actionIds.map(step);
  let steps = chosen.map(step);
  if (actions.length === 0) {
    actions = steps.slice(0, ACTION_COUNT);
    steps = steps.slice(ACTION_COUNT);
  }
  if (urgent) {
    const { report, consular } = reportContactTexts(ruleset, language, input.country);
    steps.push({ id: 'report', text: report ?? '' });
    if (consular !== undefined) steps.push({ id: 'consular', text: consular });
  }
  const summary = unread
    ? t(language, 'core.summary.unread', { language: languageName(t, input.textLanguage ?? 'und', language), read: languageList(t, ruleset.readLanguages, language) })
    : t(language, `core.summary.${input.level}`);
  return { summary, actions, steps };
}
