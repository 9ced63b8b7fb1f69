/**
 * Spanish end to end in the core: the language tags that name it, the honest answer for a Spanish text the
 * rules do not read, a Spanish reply (no English or Chinese prose) to a scam in another language, the virtual
 * kidnapping lead with Mexico's numbers, and the AI explanation filter. Spanish detection rules are their own
 * files; these tests ask for Spanish replies on English and Chinese scams, and build rulesets that read
 * Spanish or not, so they hold with and without those rules.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { detectLanguage } from '../../src/core/language.ts';
import { buildReply, type ReplyDocument } from '../../src/core/reply.ts';
import { languageFromTag, LanguageSchema } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { presentableExplanation } from '../../src/llm/explanation.ts';
import { LANGUAGE_SAMPLES } from '../fixtures/language-samples.ts';

const ruleset = loadRuleset();
/** English and Chinese rules only (test/fixtures/rules): a Spanish text is one they cannot read. */
const withoutSpanish = loadRuleset(fileURLToPath(new URL('../fixtures/rules/', import.meta.url)));
const KIDNAPPING_EN = 'We have your son. Do not call the police. Send 20000 dollars by wire today or you will never see him again.';
const KIDNAPPING_ZH = '你儿子在我们手上，准备二十万赎金，不许报警，否则撕票。';

/** Everything Safeword itself says in a reply (the evidence quotes the user's text and is left out). */
function prose(reply: ReplyDocument): string[] {
  return [reply.title, reply.levelLabel, reply.summary, reply.reason ?? '', ...reply.why, ...reply.actions, ...reply.steps, ...reply.notes, ...reply.footer].filter(
    (text) => text !== '',
  );
}

/** The sentences of a reply that are not Spanish: Chinese characters, or four words or more read as English. */
function notSpanish(reply: ReplyDocument): string[] {
  return prose(reply).filter((text) => /\p{Script=Han}/u.test(text) || (text.split(/\s+/).length >= 4 && detectLanguage(text) === 'en'));
}

describe('Spanish language tags', () => {
  it.each(['es', 'ES', 'es-ES', 'es-419', 'es_MX', 'es-AR', 'es-LA'])('%s names Spanish', (tag) => {
    expect(languageFromTag(tag)).toBe('es');
    expect(LanguageSchema.parse(tag)).toBe('es');
  });
  it.each(['esp', 'spanish', 'e', 'eu', 'et-EE'])('%s does not', (tag) => {
    expect(languageFromTag(tag)).toBeUndefined();
  });
});

describe('a Spanish text', () => {
  it('is answered in Spanish when the user named no language', () => {
    for (const text of LANGUAGE_SAMPLES.es ?? []) {
      const verdict = analyze({ kind: 'message', text, interfaceLanguage: 'zh' }, ruleset);
      expect(verdict.language, text).toBe('es');
      expect(verdict.replyLanguage, text).toBe('es');
    }
  });

  it('that no rule reads gets the honest answer, in Spanish: "cannot read", the languages the rules read, never "no warning signs"', () => {
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.es![3]! }, withoutSpanish);
    expect(verdict).toMatchObject({ language: 'es', rulesCoverLanguage: false, replyLanguage: 'es' });
    const reply = buildReply(verdict, { ruleset: withoutSpanish, secondOpinion: 'off' });
    expect(reply.title).toBe('Safeword no puede leer este idioma (español)');
    expect(reply.levelLabel).toBe('sin revisar');
    expect(reply.summary).toContain('solo están escritas para inglés y chino');
    expect(reply.footer[0]).toBe(withoutSpanish.t('es', 'core.unread.second_opinion_off'));
    expect(prose(reply).join('\n')).not.toContain(withoutSpanish.t('es', 'core.title.none'));
    expect(notSpanish(reply)).toEqual([]);
  });

  it('that rules reading Spanish find nothing in says "no known pattern", never "safe"', () => {
    const readsSpanish = { ...withoutSpanish, readLanguages: ['en', 'zh', 'es'] };
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.es![3]! }, readsSpanish);
    expect(verdict).toMatchObject({ level: 'none', rulesCoverLanguage: true, replyLanguage: 'es' });
    const reply = buildReply(verdict, { ruleset: readsSpanish, secondOpinion: 'off' });
    expect(reply.title).toBe('No se encontraron señales de alerta');
    expect(reply.summary).toContain('Eso no prueba que sea auténtico');
    expect(prose(reply).join('\n')).not.toMatch(/\bes seguro\b|no es una estafa/i);
  });

  it('names the read languages as the rules have them: with Spanish rules, Spanish too', () => {
    const reads = { ...withoutSpanish, readLanguages: ['en', 'zh', 'es'] };
    const vietnamese = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.vi![2]!, language: 'es' }, reads);
    expect(vietnamese.summary).toContain('inglés, chino y español');
    expect(analyze({ kind: 'message', text: LANGUAGE_SAMPLES.vi![2]! }, reads).summary).toContain('English, Chinese, and Spanish');
  });
});

describe('a Spanish reply to a scam in English or Chinese', () => {
  it.each([
    ['English', KIDNAPPING_EN],
    ['Chinese', KIDNAPPING_ZH],
  ])('is Spanish throughout (%s text), and leads a virtual kidnapping with Mexico\'s 911 and 089', (_name, text) => {
    const verdict = analyze({ kind: 'message', text, language: 'es', country: 'MX' }, ruleset);
    expect(verdict.level).toBe('high');
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    expect(reply.language).toBe('es');
    expect(reply.title).toBe('⚠️ Riesgo alto: parece una estafa');
    expect(notSpanish(reply)).toEqual([]);
    expect(verdict.actions.map((step) => step.id)).toEqual(['reach_person_directly', 'no_ransom', 'call_police']);
    expect(reply.actions[2]).toBe('Llame al 911 y diga que puede ser un secuestro virtual; también puede denunciarlo de forma anónima al 089.');
    expect(reply.steps.at(-1)).toBe(ruleset.advice.es.report['MX']?.text);
  });

  it('says the general police step without a country, and Spain\'s 112 and 091 in Spain', () => {
    const general = analyze({ kind: 'message', text: KIDNAPPING_EN, language: 'es' }, ruleset);
    expect(general.actions[2]?.text).toBe(ruleset.advice.es.steps['call_police']);
    const spain = analyze({ kind: 'message', text: KIDNAPPING_EN, language: 'es', country: 'ES' }, ruleset);
    expect(spain.actions[2]?.text).toMatch(/112.*091/);
    // An English reply in Mexico gets the same numbers in English.
    expect(analyze({ kind: 'message', text: KIDNAPPING_EN, country: 'MX' }, ruleset).actions[2]?.text).toMatch(/^Call 911/);
  });
});

describe('the AI explanation in a Spanish reply', () => {
  it('keeps a Spanish sentence and drops English, Chinese, links and reassurance', () => {
    const spanish = 'Dice ser la policía y le pide pasar su dinero a una "cuenta segura". La policía real nunca hace esto.';
    expect(presentableExplanation(spanish, 'es')).toBe(spanish);
    expect(presentableExplanation('It claims to be the police and asks you to move your money to a safe account.', 'es')).toBeUndefined();
    expect(presentableExplanation('对方冒充警察，要求您转账到安全账户。', 'es')).toBeUndefined();
    expect(presentableExplanation('Pague en www.ejemplo.xyz para liberar su paquete, dice el mensaje.', 'es')).toBeUndefined();
    expect(presentableExplanation('Parece un aviso normal, puede estar tranquilo.', 'es')).toBeUndefined();
    expect(presentableExplanation('El mensaje es seguro y no pide nada raro.', 'es')).toBeUndefined();
    // And an English reply never carries the Spanish sentence.
    expect(presentableExplanation(spanish, 'en')).toBeUndefined();
  });
});
