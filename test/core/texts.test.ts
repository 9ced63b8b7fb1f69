import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCALES_DIR, loadTexts, translator } from '../../src/core/texts.ts';

const t = translator(loadTexts());
const scratch = mkdtempSync(join(tmpdir(), 'safeword-texts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Same files and keys in every language: test/rules/locales.test.ts.
describe('texts', () => {
  it('fills placeholders and rejects unknown keys', () => {
    expect(t('en', 'core.forwarded.user', { name: 'Ann' })).toBe('Forwarded from Ann.');
    expect(t('es', 'core.forwarded.user', { name: 'Ana' })).toBe('Reenviado de Ana.');
    expect(t('fr', 'core.forwarded.user', { name: 'Anne' })).toBe('Transféré de Anne.');
    expect(() => t('en', 'core.no.such.key')).toThrow(/unknown text/);
  });

  it('refuses to load when a key is missing in Spanish, or only Spanish has it', () => {
    const copy = (name: string): string => {
      const dir = join(scratch, name);
      cpSync(LOCALES_DIR, dir, { recursive: true });
      return dir;
    };
    const missing = copy('missing');
    const web = join(missing, 'es', 'web.yaml');
    writeFileSync(web, readFileSync(web, 'utf8').replace(/^check: .*\n/m, ''));
    expect(() => loadTexts(missing)).toThrow('locales/es: missing text "web.check" (present in en)');
    const extra = copy('extra');
    writeFileSync(join(extra, 'es', 'web.yaml'), `${readFileSync(join(extra, 'es', 'web.yaml'), 'utf8')}solo_es: "Solo en español"\n`);
    expect(() => loadTexts(extra)).toThrow('locales/en: missing text "web.solo_es" (present in es)');
  });

  it('refuses to load when a key is missing in French, or only French has it', () => {
    const missing = join(scratch, 'missing-fr');
    cpSync(LOCALES_DIR, missing, { recursive: true });
    const core = join(missing, 'fr', 'core.yaml');
    writeFileSync(core, readFileSync(core, 'utf8').replace(/^title\.high: .*\n/m, ''));
    expect(() => loadTexts(missing)).toThrow('locales/fr: missing text "core.title.high" (present in en)');
    const extra = join(scratch, 'extra-fr');
    cpSync(LOCALES_DIR, extra, { recursive: true });
    writeFileSync(join(extra, 'fr', 'web.yaml'), `${readFileSync(join(extra, 'fr', 'web.yaml'), 'utf8')}seulement_fr: "Seulement en français"\n`);
    expect(() => loadTexts(extra)).toThrow('locales/en: missing text "web.seulement_fr" (present in fr)');
  });
});
