import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { SOURCE_LANGUAGES as LANGUAGES, type SourceLanguage as Language } from '../core/request.ts';
import { ClassificationSchema, type Classification } from './classification.ts';

/** Default folder of classifier prompts: prompts/classifier/<version>/. */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/classifier/', import.meta.url));

/** Placeholders the user template may use; {{delimiter}} and {{text}} are required. */
const USER_PLACEHOLDERS = ['kind', 'language', 'delimiter', 'text', 'excerpt_note'] as const;

const ExampleSchema = z.object({
  kind: z.enum(['message', 'transcript']),
  text: z.string().min(1),
  answer: ClassificationSchema,
});
/** One few-shot example: an input and the answer we want for it. */
export type PromptExample = { kind: 'message' | 'transcript'; text: string; answer: Classification };

const VocabularySchema = z.object({
  kinds: z.object({ message: z.string().min(1), transcript: z.string().min(1) }),
  languages: z.object(Object.fromEntries(LANGUAGES.map((language) => [language, z.string().min(1)])) as Record<Language, z.ZodString>),
});

const VersionFileSchema = z.object({ current: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i) });

/** One version of the classifier prompts, loaded and checked. */
export interface PromptSet {
  version: string;
  /** System prompt followed by the output notes. */
  system: string;
  /** User-message template with {{placeholders}}. */
  userTemplate: string;
  /** Note added to the user message when the text was cut down to the token budget. */
  excerptNote: string;
  vocabulary: z.infer<typeof VocabularySchema>;
  examples: Record<Language, PromptExample[]>;
}

/** A prompt file that is missing or malformed; the message names the file. */
export class PromptFileError extends Error {
  readonly code = 'PROMPT_INVALID';
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'PromptFileError';
  }
}

function readText(file: string): string {
  if (!existsSync(file)) throw new PromptFileError(file, 'is missing');
  const content = readFileSync(file, 'utf8').trim();
  if (content === '') throw new PromptFileError(file, 'is empty');
  return content;
}

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = parse(readText(file));
  } catch (error) {
    if (error instanceof PromptFileError) throw error;
    throw new PromptFileError(file, `is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PromptFileError(file, `${issue?.path.join('.') || '(top)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The names of the {{placeholders}} in a template. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string);
}

/**
 * Fills a template's {{placeholders}} in one pass, so placeholders inside inserted values (an attacker's
 * "{{delimiter}}") stay literal. Throws on a placeholder without a value.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt template placeholder {{${name}}} has no value`);
    return value;
  });
}

/** The version named by prompts/classifier/VERSION. */
function currentPromptVersion(dir: string = PROMPTS_DIR): string {
  return readYaml(join(dir, 'VERSION'), VersionFileSchema).current;
}

/**
 * Loads and checks one version of the classifier prompts (default: the current one). Throws a
 * {@link PromptFileError} naming the file when a file is missing, empty or malformed, or when the user
 * template lacks {{delimiter}} or {{text}} or uses an unknown placeholder.
 */
export function loadPromptSet(options: { dir?: string; version?: string | undefined } = {}): PromptSet {
  const root = options.dir ?? PROMPTS_DIR;
  const version = options.version ?? currentPromptVersion(root);
  const folder = join(root, version);
  if (!existsSync(folder)) throw new PromptFileError(folder, `prompt version "${version}" does not exist`);

  const userFile = join(folder, 'user.md');
  const userTemplate = readText(userFile);
  const used = placeholders(userTemplate);
  for (const name of used) {
    if (!(USER_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new PromptFileError(userFile, `unknown placeholder {{${name}}} (known: ${USER_PLACEHOLDERS.join(', ')})`);
    }
  }
  if (used.filter((name) => name === 'delimiter').length < 2) throw new PromptFileError(userFile, 'must use {{delimiter}} before and after {{text}}');
  if (!used.includes('text')) throw new PromptFileError(userFile, 'must contain {{text}}');

  const systemFile = join(folder, 'system.md');
  const notesFile = join(folder, 'output-notes.md');
  const system = `${readText(systemFile)}\n\n${readText(notesFile)}`;
  if (placeholders(system).length > 0) throw new PromptFileError(systemFile, 'system prompt and output notes take no placeholders');

  const examples = {} as Record<Language, PromptExample[]>;
  for (const language of LANGUAGES) {
    examples[language] = readYaml(join(folder, 'examples', `${language}.yaml`), z.array(ExampleSchema).min(1));
  }
  return {
    version,
    system,
    userTemplate,
    excerptNote: readText(join(folder, 'excerpt-note.md')),
    vocabulary: readYaml(join(folder, 'vocabulary.yaml'), VocabularySchema),
    examples,
  };
}
