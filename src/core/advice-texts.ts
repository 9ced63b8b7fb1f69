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
