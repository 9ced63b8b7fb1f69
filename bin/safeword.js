#!/usr/bin/env node
// Launcher for `safeword`: runs adapters/cli/index.ts with the Node.js running this file when it can strip TypeScript
// types (Node >= 22.18 / 23.6), otherwise with the project's own Node 24 from node_modules (the `node`
// devDependency), so `safeword` works even when the system Node is older.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
// A namespace import: a named import of enableCompileCache (Node >= 22.1) is a SyntaxError at link time on
// an older Node, before this file could hand over to the project's Node.
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../adapters/cli/index.ts', import.meta.url));
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const canStripTypes = major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);

if (canStripTypes) {
  // Reuse compiled code (and stripped TypeScript) from earlier runs: about a third of start-up time.
  // Off with NODE_DISABLE_COMPILE_CACHE=1; a cache folder that cannot be written is skipped silently.
  nodeModule.enableCompileCache?.();
  let runCli;
  try {
    ({ runCli } = await import(cli));
  } catch (error) {
    process.stderr.write(`safeword: cannot load ${cli}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  }
  process.exitCode = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
} else {
  const localNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(localNode)) {
    process.stderr.write(`safeword: Node.js ${process.versions.node} cannot run TypeScript; use Node.js 22.18 or newer, or run "npm ci" in the project first.\n`);
    process.exit(2);
  }
  const result = spawnSync(localNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = result.status ?? 70;
}
