import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleset, RULES_DIR } from '../../src/core/ruleset.ts';
import { yamlFiles } from '../../src/core/yaml-files.ts';

describe('the rules\' YAML cache (yaml-files.ts)', () => {
  it('a ruleset loaded through the cache, cold and warm, is the one parsed from YAML', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'safeword-yaml-')), 'rules-cache.json');
    const plain = loadRuleset();
    const cold = loadRuleset(RULES_DIR, { yamlCache: cache });
    expect(Object.keys(JSON.parse(readFileSync(cache, 'utf8')).files).length).toBeGreaterThan(100);
    const warm = loadRuleset(RULES_DIR, { yamlCache: cache });
    for (const loaded of [cold, warm]) {
      expect(loaded.rules).toEqual(plain.rules);
      expect(loaded.scoring).toEqual(plain.scoring);
      expect(loaded.advice).toEqual(plain.advice);
      expect(loaded.links).toEqual(plain.links);
      expect(loaded.t('zh', 'core.title.high')).toBe(plain.t('zh', 'core.title.high'));
    }
  });

  it('a file whose text changed is parsed again, not read from the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safeword-yaml-'));
    const file = join(dir, 'a.yaml');
    const cache = join(dir, 'cache.json');
    writeFileSync(file, 'weight: 1\n');
    const first = yamlFiles(cache);
    expect(first.read(file)).toEqual({ weight: 1 });
    first.save();
    writeFileSync(file, 'weight: 2\n');
    expect(yamlFiles(cache).read(file)).toEqual({ weight: 2 });
  });
});
