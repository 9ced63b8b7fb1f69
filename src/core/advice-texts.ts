import { sourceLanguage, type Language } from './request.ts';
import type { Ruleset } from './ruleset.ts';
import { traditionalOf } from './traditional.ts';

/**
 * One sentence of rules/advice (an explanation or a step) in a reply language, or
 * undefined when the id is unknown: `zh-Hant` converts the `zh` sentence to Traditional characters, once.
 */
export function adviceText(ruleset: Ruleset, language: Language, section: 'explanations' | 'steps', id: string): string | undefined {
  const text = ruleset.advice[sourceLanguage(language)][section][id];
  return text !== undefined && language === 'zh-Hant' ? traditionalOf(text) : text;
}

/**
 * A step in a reply language, said with the country's own numbers when its report entry has that step
 * (`report.MX.steps.call_police`: "Call 911 …"), else the general step; undefined when the id is unknown.
 */
export function countryStepText(ruleset: Ruleset, language: Language, id: string, country?: string): string | undefined {
  const code = country?.toUpperCase();
  const own = code ? ruleset.advice[sourceLanguage(language)].report[code]?.steps?.[id] : undefined;
  if (own === undefined) return adviceText(ruleset, language, 'steps', id);
  return language === 'zh-Hant' ? traditionalOf(own) : own;
}

/**
 * The report and emergency contacts for a country (rules/advice report entries) in a reply language: the
 * country's sentence, else the `default` one; for a Chinese reply outside mainland China also China's global
 * consular protection hotline. Used by the advice steps' logic and by adapters (e.g. a check-in's timeout).
 */
export function reportContacts(ruleset: Ruleset, language: Language, country?: string): string[] {
  const { report, consular } = reportContactTexts(ruleset, language, country);
  return [report, consular].filter((text): text is string => text !== undefined);
}

/** {@link reportContacts} as its two parts: the country's (or default) report sentence and the consular line. */
export function reportContactTexts(ruleset: Ruleset, language: Language, country?: string): { report?: string; consular?: string } {
  const texts = ruleset.advice[sourceLanguage(language)];
  const inScript = (text: string): string => (language === 'zh-Hant' ? traditionalOf(text) : text);
  const code = country?.toUpperCase();
  const report = (code && texts.report[code]) || texts.report.default;
  return {
    ...(report ? { report: inScript(report.text) } : {}),
    ...(sourceLanguage(language) === 'zh' && code && code !== 'CN' ? { consular: inScript(texts.consular.text) } : {}),
  };
}
