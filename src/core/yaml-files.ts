import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * Reads the YAML data files (rules/, locales/) for one load, optionally through a JSON cache of their parsed
 * contents keyed by each file's SHA-256: a file whose text changed is parsed again, so an edited rule is never
 * read stale. Why: parsing the ~320 files with the yaml package leaves an idle service worker ~16 MB RSS
 * higher than reading the same data as one 0.5 MB JSON (measured 2026-12-03 in one process after zod:
 * 64.4 → 82.9 MB parsing YAML, 63.1 → 66.9 MB from the JSON; its garbage and its parser's optimized code stay
 * resident), and the yaml package itself is then not loaded at all. Without a cache (tests, the CLI, the
 * benches) every file is parsed, as before. Data only: what the cache holds is what YAML parsed, checked by
 * the same schemas after it.
 */
export interface YamlFiles {
  /** The parsed contents of the YAML file at `path` (throws the yaml parser's error for invalid YAML). */
  read(path: string): unknown;
  /** Writes the cache when a file was parsed this load (atomically; a cache that cannot be written is skipped). */
  save(): void;
}

interface CacheFile {
  version: 1;
  files: Record<string, { sha256: string; data: unknown }>;
}

let parseYaml: ((text: string) => unknown) | undefined;

/** yaml's parse, loaded on the first file the cache does not have. */
function yamlParse(text: string): unknown {
  parseYaml ??= (createRequire(import.meta.url)('yaml') as { parse: (text: string) => unknown }).parse;
  return parseYaml(text);
}

function readCache(path: string): CacheFile['files'] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    return parsed.version === 1 && parsed.files && typeof parsed.files === 'object' ? parsed.files : {};
  } catch {
    return {};
  }
}

/** A reader for one load; with `cachePath`, parsed contents come from and go to that JSON file. */
export function yamlFiles(cachePath?: string): YamlFiles {
  const cached = cachePath ? readCache(cachePath) : {};
  const used: CacheFile['files'] = {};
  let parsedAny = false;
  return {
    read(path) {
      const text = readFileSync(path, 'utf8');
      if (!cachePath) return yamlParse(text);
      const sha256 = createHash('sha256').update(text).digest('base64');
      const hit = cached[path];
      if (hit?.sha256 === sha256) {
        used[path] = hit;
        return hit.data;
      }
      const data = yamlParse(text);
      // Through JSON as the cache will give it back, so a first start and a later one read the same data.
      const entry = { sha256, data: JSON.parse(JSON.stringify(data ?? null)) as unknown };
      used[path] = entry;
      parsedAny = true;
      return entry.data;
    },
    save() {
      if (!cachePath || (!parsedAny && Object.keys(used).length === Object.keys(cached).length)) return;
      const temporary = `${cachePath}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(cachePath), { recursive: true });
        writeFileSync(temporary, JSON.stringify({ version: 1, files: used } satisfies CacheFile));
        renameSync(temporary, cachePath);
      } catch {
        // A read-only or full disk: the next start parses the YAML again.
        rmSync(temporary, { force: true });
      }
    },
  };
}
