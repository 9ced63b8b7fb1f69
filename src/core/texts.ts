import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SOURCE_LANGUAGES, type Language, type SourceLanguage } from './request.ts';
import { traditionalOf } from './traditional.ts';
import { yamlFiles, type YamlFiles } from './yaml-files.ts';

/** Default folder of user-facing texts: locales/<lang>/<area>.yaml. */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

const TextFileSchema = z.record(z.string(), z.string());

/** All user-facing strings, keyed `<area>.<id>` (area = file name), per source language. */
export type TextTable = Record<SourceLanguage, Map<string, string>>;

/**
 * Loads every locales/<lang>/<area>.yaml (a flat map of id → text) into one table. Throws an error naming
 * the file when one is malformed, and when a key exists in one language but not in another.
 */
export function loadTexts(dir: string = LOCALES_DIR, files: YamlFiles = yamlFiles()): TextTable {
  const table = {} as TextTable;
  for (const language of SOURCE_LANGUAGES) {
    const texts = new Map<string, string>();
    const folder = join(dir, language);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.yaml')).sort()) {
      const path = join(folder, file);
      const parsed = TextFileSchema.safeParse(files.read(path) ?? {});
      if (!parsed.success) {
        throw new Error(`${path}: every entry must be "id: text" (${parsed.error.issues[0]?.message})`);
      }
      const area = basename(file, '.yaml');
      for (const [id, text] of Object.entries(parsed.data)) texts.set(`${area}.${id}`, text);
    }
    table[language] = texts;
  }
  const [first, ...rest] = SOURCE_LANGUAGES;
  for (const other of rest) {
    for (const key of table[first].keys()) {
      if (!table[other].has(key)) throw new Error(`locales/${other}: missing text "${key}" (present in ${first})`);
    }
    for (const key of table[other].keys()) {
      if (!table[first].has(key)) throw new Error(`locales/${first}: missing text "${key}" (present in ${other})`);
    }
  }
  return table;
}

/** Looks up a user-facing text: `t(language, 'area.id', { name: value })`. */
export type Translate = (language: Language, key: string, vars?: Record<string, string | number>) => string;

/**
 * The raw text `key` in `language` from a table (no placeholders filled), or undefined: `zh-Hant` is the `zh`
 * text converted to Traditional characters (once per string, then cached).
 */
export function textOf(table: TextTable, language: Language, key: string): string | undefined {
  if (language !== 'zh-Hant') return table[language].get(key);
  const simplified = table.zh.get(key);
  return simplified === undefined ? undefined : traditionalOf(simplified);
}

/**
 * The lookup over one loaded table: returns the text `key` (`<area>.<id>`) in `language`, with `{name}`
 * placeholders replaced from `vars`. Throws on an unknown key, so a typo fails the tests instead of reaching a
 * user. The table is the caller's (a Ruleset holds one); nothing is cached here.
 */
export function translator(table: TextTable): Translate {
  return (language, key, vars = {}) => {
    const text = textOf(table, language, key);
    if (text === undefined) throw new Error(`unknown text "${key}"`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
