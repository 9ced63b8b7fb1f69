import type { Category } from './categories.ts';
import type { Language } from './request.ts';
import { defaultRuleset, type Ruleset } from './ruleset.ts';
import { t } from './texts.ts';
import type { Level, Signal, Step } from './verdict.ts';

/** What advice depends on. */
export interface AdviceInput {
  level: Level;
  categories: readonly Category[];
  signals: readonly Signal[];
  language: Language;
  /** ISO country code for report contacts (CN, US, GB…); falls back to the advice file's default. */
  country?: string;
}

/** Step ids every rule of a category asks for, most requested first. */
function stepsByCategory(ruleset: Ruleset): Map<Category, string[]> {
  const counts = new Map<Category, Map<string, number>>();
  for (const rule of ruleset.rules) {
    const perCategory = counts.get(rule.category) ?? new Map<string, number>();
    for (const step of rule.advice) perCategory.set(step, (perCategory.get(step) ?? 0) + 1);
    counts.set(rule.category, perCategory);
  }
  const result = new Map<Category, string[]>();
  for (const [category, perCategory] of counts) {
    result.set(category, [...perCategory.entries()].sort((a, b) => b[1] - a[1]).map(([step]) => step));
  }
  return result;
}

const categoryStepsCache = new WeakMap<Ruleset, Map<Category, string[]>>();
const rulesByIdCache = new WeakMap<Ruleset, Map<string, Ruleset['rules'][number]>>();

/**
 * Picks the summary and the verification steps for a verdict, in its language: first the steps the strongest
 * signals' rules name, then steps for categories with no rule hit (a tactic the LLM saw), then the level's
 * baseline steps; at medium and high a report step with the country's contacts closes the list.
 */
export function buildAdvice(input: AdviceInput, ruleset: Ruleset = defaultRuleset()): { summary: string; steps: Step[] } {
  const texts = ruleset.advice[input.language];
  let rulesById = rulesByIdCache.get(ruleset);
  if (!rulesById) {
    rulesById = new Map(ruleset.rules.map((rule) => [rule.id, rule]));
    rulesByIdCache.set(ruleset, rulesById);
  }
  let categorySteps = categoryStepsCache.get(ruleset);
  if (!categorySteps) {
    categorySteps = stepsByCategory(ruleset);
    categoryStepsCache.set(ruleset, categorySteps);
  }

  const ids: string[] = [];
  const add = (id: string): void => {
    if (!ids.includes(id) && id in texts.steps) ids.push(id);
  };
  const strongestFirst = [...input.signals].sort((a, b) => b.weight - a.weight);
  for (const signal of strongestFirst) {
    for (const id of rulesById.get(signal.ruleId)?.advice ?? []) add(id);
  }
  const signalled = new Set(input.signals.map((signal) => signal.category));
  for (const category of input.categories) {
    if (!signalled.has(category)) for (const id of (categorySteps.get(category) ?? []).slice(0, 2)) add(id);
  }
  const baseline = ruleset.scoring.baselineSteps[input.level];
  const budget = ruleset.scoring.maxSteps;
  const chosen = ids.slice(0, Math.max(0, budget - baseline.length));
  for (const id of baseline) if (!chosen.includes(id)) chosen.push(id);
  for (const id of ids) if (chosen.length < budget && !chosen.includes(id)) chosen.push(id);

  const steps: Step[] = chosen.map((id) => ({ id, text: texts.steps[id] as string }));
  if (input.level === 'medium' || input.level === 'high') {
    const country = input.country?.toUpperCase();
    const report = (country && texts.report[country]) || texts.report.default;
    steps.push({ id: 'report', text: report?.text ?? '' });
    if (input.language === 'zh' && country && country !== 'CN') steps.push({ id: 'consular', text: texts.consular.text });
  }
  return { summary: t(input.language, `core.summary.${input.level}`), steps };
}
