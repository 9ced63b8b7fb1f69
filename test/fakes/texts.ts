import { loadRuleset } from '../../src/core/ruleset.ts';

/** The real ruleset, loaded once per test file (tests compare replies with the texts users see). */
export const ruleset = loadRuleset();
/** The texts of locales/, as the adapters read them. */
export const t = ruleset.t;
