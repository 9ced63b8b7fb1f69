/**
 * French end to end in the core: the tags that name it, a French scam text answered wholly in French (title,
 * actions, reasons, steps, summary, footer) with no word of the English reply texts, France's 17 for a virtual
 * kidnapping, and the AI explanation filter. The scam texts are written for this test, not taken from a corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { detectLanguage } from '../../src/core/language.ts';
import { buildReply, type ReplyDocument } from '../../src/core/reply.ts';
import { languageFromTag, LanguageSchema } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { presentableExplanation } from '../../src/llm/explanation.ts';
import { localeLanguage as discordLocaleLanguage } from '../../adapters/discord/language.ts';
import { pageLanguage } from '../../adapters/http/page.ts';
import { slackLocaleLanguage } from '../../adapters/slack/user-language.ts';
import { formatWhen } from '../../adapters/telegram/group/time-zone.ts';
import { parseLanguage } from '../../adapters/telegram/language.ts';

const ruleset = loadRuleset();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Everything Safeword itself says in a reply (the evidence quotes the user's text and is left out). */
function prose(reply: ReplyDocument): string[] {
  return [reply.title, reply.levelLabel, reply.summary, reply.reason ?? '', ...reply.why, ...reply.actions, ...reply.steps, ...reply.notes, ...reply.footer].filter(
    (text) => text !== '',
  );
}

const words = (text: string): string[] => (text.toLowerCase().match(/\p{L}[\p{L}'’]*/gu) ?? []).map((word) => word.replace(/['’].*$/, ''));

/** Every word written anywhere in the French texts (locales/fr and rules/advice/fr.yaml): names and numbers shared with English included. */
const FRENCH_WORDS = new Set(
  [...readdirSync(join(ROOT, 'locales', 'fr')).map((name) => join(ROOT, 'locales', 'fr', name)), join(ROOT, 'rules', 'advice', 'fr.yaml')].flatMap((path) =>
    words(readFileSync(path, 'utf8')),
  ),
);

/** The words of the English reply to the same text that no French text uses ("the", "your", "call", "verify"…). */
function englishOnly(reply: ReplyDocument): Set<string> {
  return new Set(prose(reply).flatMap(words).filter((word) => !FRENCH_WORDS.has(word)));
}

const SCAMS: readonly (readonly [string, string])[] = [
  ['new number', 'Coucou maman, c’est moi, j’ai changé de numéro. Tu peux me faire un virement de 950 euros aujourd’hui ? Je te rembourse demain.'],
  ['bank adviser', 'Bonjour, ici le service fraude de votre banque. Des opérations suspectes ont été détectées sur votre compte. Pour protéger votre argent, virez votre épargne sur un compte sécurisé et donnez-moi le code reçu par SMS.'],
  ['kidnapping', 'Nous avons enlevé votre fils. Si vous appelez la police, vous ne le reverrez jamais. Envoyez 20 000 euros aujourd’hui pour la rançon.'],
];

describe('French language tags', () => {
  it.each(['fr', 'FR', 'fr-FR', 'fr-CA', 'fr_BE', 'fr-CH'])('%s names French', (tag) => {
    expect(languageFromTag(tag)).toBe('fr');
    expect(LanguageSchema.parse(tag)).toBe('fr');
  });
  it.each(['fra', 'french', 'f', 'fi', 'fy-NL'])('%s does not', (tag) => {
    expect(languageFromTag(tag)).toBeUndefined();
  });
});

describe('French on every surface', () => {
  it('is named by the Telegram /lang argument, the Discord and Slack locales and the web page', () => {
    for (const argument of ['fr', 'fr-CA', 'français', 'francais', 'French', '法语']) expect(parseLanguage(argument), argument).toBe('fr');
    expect(discordLocaleLanguage('fr')).toBe('fr');
    expect(slackLocaleLanguage('fr-FR')).toBe('fr');
    expect(slackLocaleLanguage('fr-CA')).toBe('fr');
    expect(pageLanguage(new URL('http://x/'), 'fr-BE, en;q=0.5')).toBe('fr');
  });

  it('says check-in times in French', () => {
    const now = Date.UTC(2026, 0, 5, 12, 0);
    expect(formatWhen(ruleset.t, 'fr', now - 3 * 60_000, now)).toMatch(/^il y a 3 minutes$/);
  });
});

describe('a French scam text', () => {
  it.each(SCAMS)('(%s) gets a wholly French reply, with no word of the English reply texts', (_name, text) => {
    const verdict = analyze({ kind: 'message', text, interfaceLanguage: 'en' }, ruleset);
    expect(verdict).toMatchObject({ language: 'fr', rulesCoverLanguage: true, replyLanguage: 'fr' });
    expect(['medium', 'high']).toContain(verdict.level);
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    expect(reply.language).toBe('fr');
    expect(reply.title).toBe(ruleset.t('fr', `core.title.${verdict.level}`));
    expect(reply.summary).toBe(ruleset.t('fr', `core.summary.${verdict.level}`));
    expect(reply.actions.length).toBeGreaterThan(0);
    expect(reply.steps.length).toBeGreaterThan(0);

    const english = buildReply(analyze({ kind: 'message', text, language: 'en' }, ruleset), { ruleset, secondOpinion: 'off' });
    expect(english.language).toBe('en');
    const foreign = englishOnly(english);
    // The English reply has words of its own ("the", "your"…), so the check below can fail.
    expect(foreign.size).toBeGreaterThan(10);
    const leaked = prose(reply).flatMap(words).filter((word) => foreign.has(word));
    expect(leaked).toEqual([]);
    // And no sentence of four words or more reads as English or carries Chinese characters.
    expect(prose(reply).filter((line) => /\p{Script=Han}/u.test(line) || (line.split(/\s+/).length >= 4 && detectLanguage(line) === 'en'))).toEqual([]);
  });

  it('leads a virtual kidnapping with France\'s 17 and names 17Cyber, Pharos and 33700 among the report contacts', () => {
    const verdict = analyze({ kind: 'message', text: SCAMS[2]![1], country: 'FR' }, ruleset);
    expect(verdict.level).toBe('high');
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    expect(reply.actions).toContain('Appelez le 17 ou le 112 et dites qu\'il peut s\'agir d\'un faux enlèvement.');
    const report = ruleset.advice.fr.report['FR']?.text ?? '';
    expect(reply.steps.at(-1)).toBe(report);
    expect(report).toContain('Signalez-le sur 17Cyber / cybermalveillance.gouv.fr ou au 17');
    expect(report).toMatch(/Pharos.*33700/);
  });

  it('is answered in the language the user chose, over the text\'s own', () => {
    const verdict = analyze({ kind: 'message', text: SCAMS[0]![1], language: 'zh' }, ruleset);
    expect(verdict.replyLanguage).toBe('zh');
  });
});

describe('the AI explanation in a French reply', () => {
  it('keeps a French sentence and drops English, Spanish, Chinese, links and reassurance', () => {
    const french = 'Il dit être la police et vous demande de virer votre argent sur un « compte sécurisé ». La vraie police ne fait jamais cela.';
    expect(presentableExplanation(french, 'fr')).toBe(french);
    expect(presentableExplanation('It claims to be the police and asks you to move your money to a safe account.', 'fr')).toBeUndefined();
    expect(presentableExplanation('Dice ser la policía y le pide pasar su dinero a una cuenta segura.', 'fr')).toBeUndefined();
    expect(presentableExplanation('对方冒充警察，要求您转账到安全账户。', 'fr')).toBeUndefined();
    expect(presentableExplanation('Payez sur www.exemple.xyz pour débloquer votre colis, dit le message.', 'fr')).toBeUndefined();
    expect(presentableExplanation('Cela ressemble à un avis normal, vous pouvez être tranquille.', 'fr')).toBeUndefined();
    expect(presentableExplanation('Ce message est sûr et ne demande rien de bizarre.', 'fr')).toBeUndefined();
    // And an English reply never carries the French sentence.
    expect(presentableExplanation(french, 'en')).toBeUndefined();
  });
});

describe('French typography', () => {
  const allFrench = readdirSync(join(ROOT, 'locales', 'fr')).map((name) => readFileSync(join(ROOT, 'locales', 'fr', name), 'utf8'));

  it('puts a narrow no-break space, never a plain one, before : ; ? ! in the French texts', () => {
    const plain = allFrench.flatMap((text) => text.split('\n').filter((line) => !line.trimStart().startsWith('#') && /\S [:;?!](?=\s|"|$)/.test(line)));
    expect(plain).toEqual([]);
    expect(allFrench.join('\n')).toContain('\u202f:');
  });

  it('writes each plain-text heading with its language’s colon', async () => {
    const { renderText } = await import('../../src/core/render-text.ts');
    const text = 'Ici la police. Transférez votre épargne sur un compte sécurisé.';
    const shown = (language: 'fr' | 'zh' | 'en') =>
      renderText(buildReply(analyze({ kind: 'message', text, language }, ruleset), { ruleset, secondOpinion: 'off' }), ruleset.t, { details: true });
    expect(shown('fr')).toContain(`${ruleset.t('fr', 'core.heading.steps')}\u202f:\n`);
    expect(shown('zh')).toContain(`${ruleset.t('zh', 'core.heading.steps')}：\n`);
    expect(shown('en')).toContain(`${ruleset.t('en', 'core.heading.steps')}:\n`);
    expect(shown('zh')).not.toMatch(/[\u4e00-\u9fff]:\n/);
  });
});
