import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { SOURCE_LANGUAGES as LANGUAGES, type SourceLanguage as Language } from './request.ts';
import {
  AdviceTextsSchema,
  RuleCasesSchema,
  RuleSchema,
  ScoringSchema,
  type AdviceTexts,
  type Rule,
  type RuleCases,
  type Scoring,
} from './rule-schema.ts';
import { COUNTRIES } from './countries.ts';
import { RULE_LANGUAGES } from './language.ts';
import { compileMatcher, MAX_HITS_PER_RULE, type Matcher } from './matcher.ts';
import { AccentWordsFileSchema, compileAccentWords, type AccentWords } from './accent-words.ts';
import { normalize } from './normalize.ts';
import { BrandsFileSchema, compileLinkData, SignalsFileSchema, TldsFileSchema, type LinkData } from './link-data.ts';
import { loadTexts, LOCALES_DIR, translator, type Translate } from './texts.ts';
import type { Category } from './categories.ts';
import { compileFrames, cueGroupRules, FramingRulesSchema, type FrameFinder } from './context.ts';
import { yamlFiles, type YamlFiles } from './yaml-files.ts';

/** Default rules folder: rules/ at the repository root. */
export const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A rule with the files it came from. */
export interface RuleFile {
  rule: Rule;
  path: string;
  casesPath: string;
}

/** Everything the engine needs, validated and compiled once at start-up. */
export interface Ruleset {
  rules: Rule[];
  files: RuleFile[];
  scoring: Scoring;
  advice: Record<Language, AdviceTexts>;
  matcher: Matcher;
  /** Brands, TLD lists and signal definitions of the link analyzer (rules/links/). */
  links?: LinkData;
  /** Advisory, negation and reported-speech cues (rules/framing.yaml), compiled. */
  frames: FrameFinder;
  /** Rules by id (advice looks up the steps of the rules that fired). */
  rulesById: ReadonlyMap<string, Rule>;
  /** Step ids every rule of a category asks for, most requested first (advice for tactics no rule hit). */
  stepsByCategory: ReadonlyMap<Category, string[]>;
  /** Every user-facing text of locales/, read as `t(language, 'area.id', vars)`. */
  t: Translate;
  /**
   * Text languages the rules read: those of RULE_LANGUAGES (src/core/language.ts) that at least one rule file
   * names in its `languages`. A language with reply texts but no rules yet is answered "cannot read".
   */
  readLanguages: readonly string[];
  /** Words told from another only by their accent (rules/accent-words.yaml), and the rules to try again without them. */
  accentWords: AccentWords;
}

/** Where {@link loadRuleset} reads the user-facing texts (default: locales/ at the repository root). */
export interface LoadRulesetOptions {
  localesDir?: string;
  /** A JSON file caching the parsed YAML of rules/ and locales/ (src/core/yaml-files.ts); none: parse every file. */
  yamlCache?: string;
}

/** Step ids every rule of a category asks for, most requested first. */
function stepsByCategory(rules: readonly Rule[]): Map<Category, string[]> {
  const counts = new Map<Category, Map<string, number>>();
  for (const rule of rules) {
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

/** A rule file or data file that failed validation; the message names the file and the field. */
export class RuleFileError extends Error {
  readonly code = 'RULE_FILE_INVALID';
  readonly file: string;
  constructor(file: string, detail: string) {
    super(`${file}: ${detail}`);
    this.name = 'RuleFileError';
    this.file = file;
  }
}

function readYaml<T>(path: string, schema: z.ZodType<T>, root: string, files: YamlFiles = yamlFiles()): T {
  const name = relative(join(root, '..'), path);
  let data: unknown;
  try {
    data = files.read(path);
  } catch (error) {
    throw new RuleFileError(name, `not valid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join('.') : '(file)';
    throw new RuleFileError(name, `field "${field}": ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Rule files live one folder down (rules/<category>/<id>.yaml); top-level files are scoring data. */
function listRuleFiles(dir: string, depth = 0): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'advice' && entry !== 'links') found.push(...listRuleFiles(path, depth + 1));
    } else if (depth > 0 && entry.endsWith('.yaml') && !entry.endsWith('.cases.yaml')) {
      found.push(path);
    }
  }
  return found;
}

/**
 * Loads rules/links/ (brands, TLDs, signal definitions) and checks that every explanation and step id it
 * names exists; a rules folder without links/ (a test fixture) has no link analysis.
 */
function loadLinkData(dir: string, advice: Record<Language, AdviceTexts>, files: YamlFiles): LinkData | undefined {
  const folder = join(dir, 'links');
  if (!existsSync(folder)) return undefined;
  const brands = readYaml(join(folder, 'brands.yaml'), BrandsFileSchema, dir, files);
  const tlds = readYaml(join(folder, 'tlds.yaml'), TldsFileSchema, dir, files);
  const signalsPath = join(folder, 'signals.yaml');
  const signals = readYaml(signalsPath, SignalsFileSchema, dir, files);
  const name = relative(join(dir, '..'), signalsPath);
  for (const language of LANGUAGES) {
    for (const signal of signals.signals) {
      if (!(signal.explanation in advice[language].explanations)) {
        throw new RuleFileError(name, `signal "${signal.id}": explanation "${signal.explanation}" is not in rules/advice/${language}.yaml`);
      }
      for (const step of signal.advice) {
        if (!(step in advice[language].steps)) throw new RuleFileError(name, `signal "${signal.id}": step "${step}" is not in rules/advice/${language}.yaml`);
      }
    }
  }
  return compileLinkData(brands, tlds, signals);
}

/**
 * Loads and validates every rule (rules/<category>/<id>.yaml), its cases file, rules/scoring.yaml and
 * rules/framing.yaml, rules/advice/<lang>.yaml and rules/links/, checks that every id a rule names exists in every
 * language, compiles the matcher and loads the texts of locales/. Throws RuleFileError naming the file and field on
 * the first problem.
 */
export function loadRuleset(dir: string = RULES_DIR, options: LoadRulesetOptions = {}): Ruleset {
  const yaml = yamlFiles(options.yamlCache);
  const advice = {} as Record<Language, AdviceTexts>;
  for (const language of LANGUAGES) {
    advice[language] = readYaml(join(dir, 'advice', `${language}.yaml`), AdviceTextsSchema, dir, yaml);
  }
  const scoringPath = join(dir, 'scoring.yaml');
  const scoring = readYaml(scoringPath, ScoringSchema, dir, yaml);

  const framingPath = join(dir, 'framing.yaml');
  // Optional: a rules folder without framing.yaml frames nothing.
  const framingRules = existsSync(framingPath) ? readYaml(framingPath, FramingRulesSchema, dir, yaml) : NO_FRAMING;
  let frames: FrameFinder;
  try {
    frames = compileFrames(framingRules);
  } catch (error) {
    throw new RuleFileError(relative(join(dir, '..'), framingPath), (error as Error).message);
  }

  const files: RuleFile[] = [];
  const seen = new Map<string, string>();
  for (const path of listRuleFiles(dir)) {
    const rule = readYaml(path, RuleSchema, dir, yaml);
    const name = relative(join(dir, '..'), path);
    const earlier = seen.get(rule.id);
    if (earlier) throw new RuleFileError(name, `field "id": "${rule.id}" is already used by ${earlier}`);
    seen.set(rule.id, name);
    const casesPath = path.replace(/\.yaml$/, '.cases.yaml');
    if (!existsSync(casesPath)) throw new RuleFileError(name, `missing cases file ${relative(join(dir, '..'), casesPath)}`);
    for (const language of LANGUAGES) {
      if (!(rule.explanation in advice[language].explanations)) {
        throw new RuleFileError(name, `field "explanation": "${rule.explanation}" is not in rules/advice/${language}.yaml`);
      }
      for (const step of rule.advice) {
        if (!(step in advice[language].steps)) {
          throw new RuleFileError(name, `field "advice": step "${step}" is not in rules/advice/${language}.yaml`);
        }
      }
    }
    files.push({ rule, path, casesPath });
  }
  if (files.length === 0) throw new RuleFileError(relative(join(dir, '..'), dir) || dir, 'no rule files found');

  const scoringName = relative(join(dir, '..'), scoringPath);
  for (const language of LANGUAGES) {
    for (const combination of scoring.combinations) {
      if (!(combination.explanation in advice[language].explanations)) {
        throw new RuleFileError(scoringName, `combination "${combination.name}": explanation "${combination.explanation}" is not in rules/advice/${language}.yaml`);
      }
    }
    const stepLists: [string, readonly string[]][] = [
      ...Object.values(scoring.baselineSteps).map((steps): [string, readonly string[]] => ['baselineSteps', steps ?? []]),
      ['callOnlySteps', Object.entries(scoring.callOnlySteps).flat()],
      ['actionCovers', Object.entries(scoring.actionCovers).flat(2)],
      ...scoring.scenarios.map((scenario): [string, readonly string[]] => [`scenario "${scenario.name}"`, [...scenario.actions.message, ...scenario.actions.call]]),
      ['defaultActions', scoring.defaultActions ? [...scoring.defaultActions.message, ...scoring.defaultActions.call] : []],
    ];
    for (const [field, steps] of stepLists) {
      for (const step of steps) {
        if (!(step in advice[language].steps)) {
          throw new RuleFileError(scoringName, `field "${field}": step "${step}" is not in rules/advice/${language}.yaml`);
        }
      }
    }
    for (const [code, contact] of Object.entries(advice[language].report)) {
      for (const step of Object.keys(contact.steps ?? {})) {
        if (!(step in advice[language].steps)) throw new RuleFileError(`rules/advice/${language}.yaml`, `report.${code}.steps: "${step}" is not a step of this file`);
      }
    }
    const reportCodes = Object.keys(advice[language].report);
    // Every supported country must have contacts in the project's own files (a test checks); any file needs a default.
    const missing = ['default'].filter((code) => !reportCodes.includes(code));
    const unknown = reportCodes.filter((code) => code !== 'default' && !(COUNTRIES as readonly string[]).includes(code));
    if (missing.length > 0 || unknown.length > 0) {
      const problems = [
        ...(missing.length > 0 ? [`missing ${missing.map((code) => `"report.${code}"`).join(', ')}`] : []),
        ...(unknown.length > 0 ? [`${unknown.join(', ')} not in src/core/countries.ts`] : []),
      ];
      throw new RuleFileError(`rules/advice/${language}.yaml`, problems.join('; '));
    }
  }

  const rules = files.map((file) => file.rule);
  let matcher: Matcher;
  try {
    // The framing cue groups share the rules' literal scan (their first matches come back as groupStarts).
    matcher = compileMatcher(rules, MAX_HITS_PER_RULE, frames.gate ? cueGroupRules(framingRules) : []);
  } catch (error) {
    // The message starts "rule <id>:"; name that rule's file.
    const message = (error as Error).message;
    const id = /^rule ([a-z0-9-]+):/.exec(message)?.[1];
    const file = files.find((entry) => entry.rule.id === id);
    throw new RuleFileError(file ? relative(join(dir, '..'), file.path) : 'rules', message);
  }
  const accentPath = join(dir, 'accent-words.yaml');
  let accentWords: AccentWords;
  try {
    // Optional: a rules folder without accent-words.yaml reads every accent as stripped.
    const listed = existsSync(accentPath) ? readYaml(accentPath, AccentWordsFileSchema, dir, yaml).words : [];
    accentWords = compileAccentWords(listed, rules, (text) => normalize(text).text);
  } catch (error) {
    if (error instanceof RuleFileError) throw error;
    throw new RuleFileError(relative(join(dir, '..'), accentPath), (error as Error).message);
  }
  const links = loadLinkData(dir, advice, yaml);
  const t = translator(loadTexts(options.localesDir ?? LOCALES_DIR, yaml));
  yaml.save();
  return {
    rules,
    files,
    scoring,
    advice,
    matcher,
    frames,
    ...(links ? { links } : {}),
    rulesById: new Map(rules.map((rule) => [rule.id, rule])),
    stepsByCategory: stepsByCategory(rules),
    t,
    accentWords,
    readLanguages: RULE_LANGUAGES.filter((language) => rules.some((rule) => (rule.languages as readonly string[]).includes(language))),
  };
}

/** Reads and validates the cases file of one rule. */
export function loadRuleCases(file: RuleFile): RuleCases {
  return readYaml(file.casesPath, RuleCasesSchema, join(file.path, '..', '..'));
}

const NO_FRAMING = FramingRulesSchema.parse({ groups: [], maxLevel: { advisory: 'low', report: 'medium' }, maxLevelWholeText: 'low' });
