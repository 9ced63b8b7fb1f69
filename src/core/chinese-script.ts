import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ScriptSets {
  /** Characters written only in Traditional text (OpenCC's Traditional → Simplified character table). */
  traditional: Set<string>;
  /** Characters written only in Simplified text (OpenCC's Simplified → Traditional character table). */
  simplified: Set<string>;
}

let scriptSets: ScriptSets | undefined;

/** Keys of an OpenCC character table ("from to|from to|…"), minus those that convert to themselves. */
function tableKeys(table: string): Set<string> {
  const keys = new Set<string>();
  for (const entry of table.split('|')) {
    const [from, ...to] = entry.split(' ');
    if (from && !to.includes(from)) keys.add(from);
  }
  return keys;
}

/** The values of an OpenCC variants table: the forms a region writes (Taiwan writes 群, 才, 床, not 羣, 纔, 牀). */
function tableValues(table: string): string[] {
  return table.split('|').flatMap((entry) => entry.split(' ').slice(1));
}

/**
 * The two character sets, from OpenCC's own tables (opencc-js, already used for matching), loaded on the first
 * Chinese text: four small tables, a few milliseconds. Characters shared by both scripts are in neither, and
 * the forms Taiwan and Hong Kong write are never "Simplified-only" (OpenCC's standard Traditional is 羣, Taiwan's 群).
 */
function sets(): ScriptSets {
  if (!scriptSets) {
    const table = (name: string): string => (require(`opencc-js/dict/${name}`) as { default: string }).default;
    const traditional = tableKeys(table('TSCharacters'));
    const simplified = tableKeys(table('STCharacters'));
    for (const regional of [...tableValues(table('TWVariants')), ...tableValues(table('HKVariants'))]) simplified.delete(regional);
    scriptSets = { traditional, simplified };
  }
  return scriptSets;
}

/** Counts of script-specific Han characters in a text's first `limit` code units. */
export interface HanScriptCounts {
  traditional: number;
  simplified: number;
}

/** Counts Traditional-only and Simplified-only Han characters in the first `limit` code units. */
export function countHanScripts(text: string, limit = 4096): HanScriptCounts {
  const { traditional, simplified } = sets();
  const counts: HanScriptCounts = { traditional: 0, simplified: 0 };
  const end = Math.min(text.length, limit);
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x3400) continue;
    const char = text[index] as string;
    if (traditional.has(char)) counts.traditional += 1;
    else if (simplified.has(char)) counts.simplified += 1;
  }
  return counts;
}

/**
 * Whether a Chinese text is written in Traditional characters: more of its script-specific Han characters
 * are Traditional-only than Simplified-only. A text with none either way (每个字两种写法都一样) is Simplified.
 */
export function isTraditionalText(text: string): boolean {
  const { traditional, simplified } = countHanScripts(text);
  return traditional > simplified;
}
