/**
 * Writes every generated chat screenshot as PNG to a folder, to look at or to try other OCR engines on:
 * `node test/screenshots/generate.ts /tmp/screenshots [filter]`. Tests and the bench render in memory instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screenshotSet } from './screenshot-set.ts';

const [directory = 'screenshots', filter = ''] = process.argv.slice(2);
mkdirSync(directory, { recursive: true });
for (const shot of screenshotSet()) {
  if (!shot.name.includes(filter)) continue;
  writeFileSync(join(directory, `${shot.name}.png`), shot.render().png);
  writeFileSync(join(directory, `${shot.name}.json`), JSON.stringify(shot.render().bubbles, null, 1));
  console.log(shot.name);
}
