/**
 * Architecture guard: who may import what. The rules (ARCHITECTURE.md, house style 12):
 *
 * 1. src/core and src/llm never import adapters/, src/service/ or a platform SDK (grammy, discord.js,
 *    @slack/bolt): adapters turn platform events into a CheckRequest, the core never sees SDK objects.
 * 2. src/core never imports src/llm: the LLM second opinion is layered on top of the rules verdict.
 * 3. src/core never imports 'openai' or 'keyv'. One exception: src/core/adapter.ts may `import type` keyv,
 *    because AdapterDeps hands adapters a Keyv store; a type-only import is erased and loads nothing.
 *    `import { type X }` does NOT count as type-only (it still loads the module under type stripping).
 * 4. No adapters/<x> imports from another adapter's folder adapters/<y>.
 * 5. Adapters reach the core through its contract only: src/core/index.ts, never another file of src/core.
 *
 * Imports are read with the TypeScript parser (static, re-exports, side-effect, dynamic import(), require()
 * and `import("x").T` types), so comments and strings cannot fool it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

/** One import found in a source file. */
interface ImportRef {
  specifier: string;
  /** True for `import type …`, `export type … from` and `import("x").T` in a type. */
  typeOnly: boolean;
}

/** Every module a TypeScript source imports. */
function importsOf(source: string, fileName = 'file.ts'): ImportRef[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) found.push({ specifier: expression.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && first && ts.isStringLiteralLike(first)) found.push({ specifier: first.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** What an import points at: a repository path (posix, relative to the root) or a package name. */
type Target = { kind: 'path'; path: string } | { kind: 'package'; name: string };

function targetOf(fromFile: string, specifier: string): Target {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return { kind: 'path', path: posix.normalize(posix.join(posix.dirname(fromFile), specifier)) };
  }
  if (specifier.startsWith('node:')) return { kind: 'package', name: specifier };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string) };
}

const PLATFORM_SDKS = new Set(['grammy', 'discord.js', '@slack/bolt']);
/** The one file of src/core allowed a type-only import of keyv. */
const KEYV_TYPE_IMPORT_ALLOWED = 'src/core/adapter.ts';

/** The one file of src/core adapters may import: the core's contract. */
const CORE_CONTRACT = 'src/core/index.ts';

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/**
 * The rule violations of one file (path posix and relative to the repository root), as readable lines.
 * Files outside src/core, src/llm and adapters/ have no rules here.
 */
function violations(file: string, imports: readonly ImportRef[]): string[] {
  const problems: string[] = [];
  const inCore = within(file, 'src/core');
  const inLlm = within(file, 'src/llm');
  const adapter = /^adapters\/([^/]+)\//.exec(file)?.[1];
  for (const { specifier, typeOnly } of imports) {
    const target = targetOf(file, specifier);
    const say = (why: string): void => {
      problems.push(`${file} imports '${specifier}': ${why}`);
    };
    if (inCore || inLlm) {
      if (target.kind === 'path' && within(target.path, 'adapters')) say('the core and the LLM layer never import adapters');
      if (target.kind === 'path' && within(target.path, 'src/service')) say('the core and the LLM layer never import the service');
      if (target.kind === 'package' && PLATFORM_SDKS.has(target.name)) say('platform SDKs belong in adapters');
    }
    if (inCore) {
      if (target.kind === 'path' && within(target.path, 'src/llm')) say('the core never imports the LLM layer');
      if (target.kind === 'package' && target.name === 'openai') say('the core never imports openai');
      if (target.kind === 'package' && target.name === 'keyv' && !(typeOnly && file === KEYV_TYPE_IMPORT_ALLOWED)) {
        say(`the core never imports keyv (only ${KEYV_TYPE_IMPORT_ALLOWED} may, with "import type")`);
      }
    }
    if (adapter !== undefined && target.kind === 'path') {
      const other = /^adapters\/([^/]+)(?:\/|$)/.exec(target.path)?.[1];
      if (other !== undefined && other !== adapter) say(`adapter "${adapter}" never imports adapter "${other}"`);
      if (within(target.path, 'src/core') && target.path !== CORE_CONTRACT) say(`adapters import the core through ${CORE_CONTRACT} only`);
    }
  }
  return problems;
}

/** Every .ts file under a folder of the repository, as posix paths relative to the root. */
function typescriptFiles(folder: string): string[] {
  const absolute = join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(absolute, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith('.ts') && !entry.split(sep).includes('node_modules'))
    .map((entry) => relative(ROOT, join(absolute, entry)).split(sep).join('/'))
    .sort();
}

function check(file: string, source: string): string[] {
  return violations(file, importsOf(source, file));
}

describe('the import checker', () => {
  it('finds every kind of import and tells type-only ones apart', () => {
    const source = [
      "import a from 'alpha';",
      "import type { B } from 'beta';",
      "import { type C } from 'gamma';",
      "import 'delta';",
      "export { e } from 'epsilon';",
      "export type { F } from 'zeta';",
      "const g = await import('eta');",
      "const h = require('theta');",
      "let i: import('iota').I;",
      "// import x from 'in-a-comment';",
      "const s = \"import y from 'in-a-string'\";",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: 'alpha', typeOnly: false },
      { specifier: 'beta', typeOnly: true },
      { specifier: 'gamma', typeOnly: false },
      { specifier: 'delta', typeOnly: false },
      { specifier: 'epsilon', typeOnly: false },
      { specifier: 'zeta', typeOnly: true },
      { specifier: 'eta', typeOnly: false },
      { specifier: 'theta', typeOnly: false },
      { specifier: 'iota', typeOnly: true },
    ]);
  });

  it.each([
    ['src/core/x.ts', "import { Bot } from 'grammy';", /platform SDKs/],
    ['src/core/x.ts', "import type { Message } from 'grammy/types';", /platform SDKs/],
    ['src/llm/x.ts', "import { Client } from 'discord.js';", /platform SDKs/],
    ['src/llm/x.ts', "const bolt = await import('@slack/bolt');", /platform SDKs/],
    ['src/core/x.ts', "import { bot } from '../../adapters/telegram/bot.ts';", /never import adapters/],
    ['src/core/deep/x.ts', "export * from '../../../adapters/http/page.ts';", /never import adapters/],
    ['src/llm/x.ts', "import { loadConfig } from '../service/config.ts';", /never import the service/],
    ['src/core/x.ts', "import { classify } from '../llm/classifier.ts';", /never imports the LLM layer/],
    ['src/core/x.ts', "import OpenAI from 'openai';", /never imports openai/],
    ['src/core/x.ts', "import type { ChatCompletion } from 'openai/resources/chat/completions';", /never imports openai/],
    ['src/core/x.ts', "import type Keyv from 'keyv';", /never imports keyv/],
    ['src/core/adapter.ts', "import Keyv from 'keyv';", /never imports keyv/],
    ['src/core/adapter.ts', "import { type Keyv } from 'keyv';", /never imports keyv/],
    ['adapters/telegram/x.ts', "import { page } from '../web/index.ts';", /adapter "telegram" never imports adapter "web"/],
    ['adapters/telegram/group/x.ts', "import { page } from '../../discord/render.ts';", /never imports adapter "discord"/],
    ['adapters/slack/x.ts', "import { buildReply } from '../../src/core/reply.ts';", /through src\/core\/index\.ts only/],
    ['adapters/telegram/group/x.ts', "import type { Verdict } from '../../../src/core/verdict.ts';", /through src\/core\/index\.ts only/],
  ])('flags %s with %s', (file, source, why) => {
    const problems = check(file, source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it.each([
    ['src/core/adapter.ts', "import type Keyv from 'keyv';"],
    ['src/core/x.ts', "import { z } from 'zod';\nimport { normalize } from './normalize.ts';"],
    ['src/llm/x.ts', "import OpenAI from 'openai';\nimport Keyv from 'keyv';\nimport { analyze } from '../core/analyze.ts';"],
    ['adapters/telegram/x.ts', "import { Bot } from 'grammy';\nimport { answerCheck } from '../../src/core/index.ts';\nimport { html } from './html.ts';"],
    ['adapters/telegram/group/x.ts', "import { context } from '../context.ts';"],
    ['src/service/x.ts', "import { createWebPage } from '../../adapters/http/page.ts';"],
  ])('allows %s with %s', (file, source) => {
    expect(check(file, source)).toEqual([]);
  });
});

describe('the repository', () => {
  const core = typescriptFiles('src/core');
  const llm = typescriptFiles('src/llm');
  const adapters = typescriptFiles('adapters');

  it('has the folders the rules are about', () => {
    expect(core).toContain('src/core/analyze.ts');
    expect(core).toContain(KEYV_TYPE_IMPORT_ALLOWED);
    expect(adapters.length).toBeGreaterThan(0);
  });

  it('keeps src/core and src/llm free of adapters, the service and platform SDKs', () => {
    const problems = [...core, ...llm].flatMap((file) => check(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('keeps every adapter out of the other adapters\' folders and on the core\'s contract', () => {
    const problems = adapters.flatMap((file) => check(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it('reads real imports from the real files', () => {
    const analyzeImports = importsOf(readFileSync(join(ROOT, 'src/core/analyze.ts'), 'utf8')).map((ref) => ref.specifier);
    expect(analyzeImports).toContain('./normalize.ts');
  });
});
