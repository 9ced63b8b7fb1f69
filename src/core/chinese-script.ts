import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ScriptSets {
  /** Characters written only in Traditional text (OpenCC's Traditional → Simplified character table). */
  traditional: Set<string>;
  /** Characters written only in Simplified text (OpenCC's Simplified → Traditional character table). */
  simplified: Set<string>;
}

let scriptSets: ScriptSets | undefined;
/** TRADITIONAL or SIMPLIFIED per UTF-16 code unit (0 for neither), built from the sets on first use. */
let scriptOfCode: Uint8Array | undefined;
const TRADITIONAL = 1;
const SIMPLIFIED = 2;

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

let simplifiedForms: Map<string, readonly string[]> | undefined;

/**
 * Whether `simplified` is a Simplified form of the Traditional character `traditional` (OpenCC's Traditional →
 * Simplified character table: 帶 → 带, 換 → 换), for OCR that wrote the Simplified look-alike in a Traditional text.
 */
export function isSimplifiedFormOf(simplified: string, traditional: string): boolean {
  if (!simplifiedForms) {
    simplifiedForms = new Map();
    const table = (require('opencc-js/dict/TSCharacters') as { default: string }).default;
    for (const entry of table.split('|')) {
      const [from, ...to] = entry.split(' ');
      if (from) simplifiedForms.set(from, to);
    }
  }
  return simplified !== traditional && (simplifiedForms.get(traditional)?.includes(simplified) ?? false);
}

/** Counts of script-specific Han characters in a text's first `limit` code units. */
export interface HanScriptCounts {
  traditional: number;
  simplified: number;
}

/**
 * The sets as a 64 KB table indexed by code unit. The text is read one code unit at a time, so only
 * one-unit characters can ever match (an astral key is two units); a table lookup instead of a one-character
 * string and two Set lookups per Han character took this step from ~5% of a 500-byte check to nearly nothing.
 */
function codeTable(): Uint8Array {
  if (!scriptOfCode) {
    const { traditional, simplified } = sets();
    const table = new Uint8Array(0x10000);
    for (const char of simplified) if (char.length === 1) table[char.charCodeAt(0)] = SIMPLIFIED;
    // Traditional was tested first, so it wins for a character in both sets.
    for (const char of traditional) if (char.length === 1) table[char.charCodeAt(0)] = TRADITIONAL;
    scriptOfCode = table;
  }
  return scriptOfCode;
}

/** Counts Traditional-only and Simplified-only Han characters in the first `limit` code units. */
export function countHanScripts(text: string, limit = 4096): HanScriptCounts {
  const table = codeTable();
  let traditional = 0;
  let simplified = 0;
  const end = Math.min(text.length, limit);
  for (let index = 0; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x3400) continue;
    const script = table[code];
    if (script === TRADITIONAL) traditional += 1;
    else if (script === SIMPLIFIED) simplified += 1;
  }
  return { traditional, simplified };
}

/**
 * Whether a Chinese text is written in Traditional characters: more of its script-specific Han characters
 * are Traditional-only than Simplified-only. A text with none either way (每个字两种写法都一样) is Simplified.
 */
export function isTraditionalText(text: string): boolean {
  const { traditional, simplified } = countHanScripts(text);
  return traditional > simplified;
}
