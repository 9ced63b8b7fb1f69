import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { buildReply } from '../../src/core/reply.ts';
import { renderJson } from '../../src/core/render-json.ts';
import { renderText } from '../../src/core/render-text.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

import { combineVerdict } from '../../src/llm/combine.ts';
import { LANGUAGE_SAMPLES } from '../fixtures/language-samples.ts';

const ruleset = loadRuleset();
const { t } = ruleset;
// Spanish is not here: it has reply texts and rules of its own (see "a Spanish text" below); nor are French and
// Italian, which the rules read (see "a French or Italian text" below).
const NAMES: Record<string, string> = { ja: 'Japanese', ko: 'Korean', vi: 'Vietnamese', ru: 'Russian', de: 'German', pt: 'Portuguese', da: 'Danish', fi: 'Finnish' };
/**
 * Danish and Finnish: languages of scam texts the English SMS corpora hold and the rules cannot read (written for
 * this test, not taken from a corpus).
 */
const EXTRA_SAMPLES: Record<string, readonly string[]> = {
  da: ['Din betaling blev afvist. Opdater dine kortoplysninger i dag for at undgå at dit abonnement lukkes.', 'Din pakke kunne ikke leveres. Betal fragtgebyret via linket nedenfor senest i morgen.'],
  fi: ['Hei, pakettisi odottaa noutoa. Maksa toimitusmaksu alla olevan linkin kautta.'],
};
const samplesOf = (language: string): readonly string[] => LANGUAGE_SAMPLES[language] ?? EXTRA_SAMPLES[language] ?? [];
const unread = Object.entries(NAMES).flatMap(([language, name]) => samplesOf(language).map((text) => [language, name, text] as const));

describe('a text in a language the rules cannot read', () => {
  it.each(unread)('(%s) is reported as such, never as "no warning signs found": %s', (language, name, text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(verdict.rulesCoverLanguage).toBe(false);
    expect(verdict.replyLanguage).toBe('en');
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    const rendered = renderText(reply, ruleset.t);
    expect(rendered).not.toContain(t('en', 'core.title.none'));
    expect(rendered).not.toContain(t('en', 'core.summary.none'));
    expect(rendered).not.toContain(t('en', 'core.footer.rules_only'));
    if (verdict.level === 'none' || verdict.level === 'low') {
      expect(reply.title).toBe(`Safeword cannot read this language (${name})`);
      expect(reply.levelLabel).toBe('not checked');
      expect(reply.summary).toContain(`This text looks like ${name}`);
      expect(reply.footer[0]).toBe(t('en', 'core.unread.second_opinion_off'));
      const general = (ruleset.scoring.baselineSteps.unread ?? []).map((id) => ruleset.scoring.callOnlySteps[id] ?? id);
      expect([...verdict.actions, ...verdict.steps].map((step) => step.id)).toEqual(general);
      // A written message cannot be hung up.
      expect([...verdict.actions, ...verdict.steps].filter((step) => /hang up/i.test(step.text))).toEqual([]);
    } else {
      // Warning signs from links, numbers or Han characters still count, with a note that the words were not read.
      expect(reply.notes[0]).toBe(t('en', 'core.unread.partial', { language: name }));
    }
  });

  it('is answered in the user\'s language: a Chinese interface gets the answer in Chinese, naming the language in Chinese', () => {
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.pt![2]!, interfaceLanguage: 'zh' }, ruleset);
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    expect(reply.language).toBe('zh');
    expect(reply.title).toBe('Safeword 看不懂这种语言（葡萄牙语）');
    const traditional = buildReply(analyze({ kind: 'message', text: LANGUAGE_SAMPLES.ko![2]!, language: 'zh-Hant' }, ruleset), { ruleset, secondOpinion: 'off' });
    expect(traditional.title).toBe('Safeword 看不懂這種語言（韓文）');
  });

  it('says whether the AI second opinion looked at it', () => {
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.vi![2]! }, ruleset);
    expect(buildReply(verdict, { ruleset, secondOpinion: 'pending' }).footer[0]).toBe(t('en', 'core.unread.second_opinion_pending'));
    expect(buildReply(verdict, { ruleset, secondOpinion: 'unavailable' }).footer[0]).toBe(t('en', 'core.unread.second_opinion_unavailable'));
    const read = combineVerdict(verdict, { label: 'unclear', confidence: 0.5, tactics: [], explanation: '' }, { ruleset, status: 'ok' });
    expect(read.rulesCoverLanguage).toBe(false);
    expect(buildReply(read, { ruleset, secondOpinion: 'ok' }).footer[0]).toBe(t('en', 'core.unread.second_opinion_ok'));
    expect(read.summary).toContain('This text looks like Vietnamese');
  });

  it('gets the normal warning when the AI second opinion finds a scam, still saying the rules could not read it', () => {
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.pt![0]! }, ruleset);
    const raised = combineVerdict(verdict, { label: 'scam', confidence: 0.95, tactics: ['family_emergency', 'payment'], explanation: '' }, { ruleset, status: 'ok' });
    expect(raised.level).toBe('high');
    const reply = buildReply(raised, { ruleset, secondOpinion: 'ok' });
    expect(reply.title).toBe(t('en', 'core.title.high'));
    expect(reply.notes).toContain(t('en', 'core.unread.partial', { language: 'Portuguese' }));
  });

  it('carries the detected language and the coverage in the JSON output', () => {
    const verdict = analyze({ kind: 'message', text: LANGUAGE_SAMPLES.ru![0]! }, ruleset);
    const json = renderJson(verdict, buildReply(verdict, { ruleset, secondOpinion: 'off' }));
    expect(json.verdict).toMatchObject({ language: 'ru', rulesCoverLanguage: false, replyLanguage: 'en' });
    expect(json.reply).toMatchObject({ language: 'en', textLanguage: 'ru', rulesCoverLanguage: false, levelLabel: 'not checked' });
  });

  it('leaves English and Chinese texts answered as before', () => {
    for (const text of [LANGUAGE_SAMPLES.en![3]!, LANGUAGE_SAMPLES.zh![2]!]) {
      const verdict = analyze({ kind: 'message', text }, ruleset);
      expect(verdict.rulesCoverLanguage).toBe(true);
      expect(buildReply(verdict, { ruleset, secondOpinion: 'off' }).title).toBe(t(verdict.replyLanguage, `core.title.${verdict.level}`));
    }
  });
});

/** Written for this test (the shapes of the "Coucou maman" and "Ciao mamma" messages), not taken from a corpus. */
const READ_ROMANCE: readonly (readonly [string, string, string])[] = [
  ['fr', 'Coucou maman, c’est moi, j’ai changé de numéro. Tu peux me faire un virement aujourd’hui ?', 'family_emergency'],
  ['it', 'Ciao mamma, sono io, ho cambiato numero. Mi puoi fare un bonifico oggi?', 'family_emergency'],
];

describe('a French or Italian text', () => {
  it.each(READ_ROMANCE)('(%s) is read by the rules and answered wholly in one reply language: %s', (language, text, category) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe(language);
    expect(verdict.rulesCoverLanguage).toBe(true);
    expect(verdict.categories).toContain(category);
    expect(verdict.level).toBe('high');
    // French has reply texts: a French text is answered in French, whatever the interface language. Italian has
    // none yet: it is answered in the interface language, else English, never mixed.
    const own = language === 'fr' ? 'fr' : 'en';
    expect(verdict.replyLanguage).toBe(own);
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    expect(reply.title).toBe(t(own, 'core.title.high'));
    expect(reply.notes).not.toContain(t('en', 'core.unread.partial', { language: language === 'fr' ? 'French' : 'Italian' }));
    const withSpanishInterface = buildReply(analyze({ kind: 'message', text, interfaceLanguage: 'es' }, ruleset), { ruleset, secondOpinion: 'off' });
    const expected = language === 'fr' ? 'fr' : 'es';
    expect(withSpanishInterface.language).toBe(expected);
    expect(withSpanishInterface.title).toBe(t(expected, 'core.title.high'));
  });

  it('names French and Italian among the languages the rules read, in a text they cannot read', () => {
    const verdict = analyze({ kind: 'message', text: 'Din pakke kunne ikke leveres. Betal fragtgebyret via linket nedenfor senest i morgen.' }, ruleset);
    expect(verdict.rulesCoverLanguage).toBe(false);
    expect(ruleset.readLanguages).toEqual(expect.arrayContaining(['fr', 'it']));
    expect(verdict.summary).toContain('This text looks like Danish');
    expect(verdict.summary).toMatch(/written for English, Chinese, Spanish, French,? and Italian only/);
  });
});

describe('a text too short to tell its language (und)', () => {
  // Hand-written: Latin letters too few for any language, and a bare link with a code.
  const undetermined = ['Ok lor', 'Ya ok', 'https://example.top/x7Kq2 4411'];

  it.each(undetermined)('is still matched by the rules, and the reply says its language was not told: %j', (text) => {
    const verdict = analyze({ kind: 'message', text }, ruleset);
    expect(verdict.language).toBe('und');
    expect(verdict.rulesCoverLanguage).toBe(true);
    const reply = buildReply(verdict, { ruleset, secondOpinion: 'off' });
    if (verdict.level === 'none' || verdict.level === 'low') expect(reply.notes).toContain(t('en', 'core.undetermined.partial'));
    else expect(reply.notes).not.toContain(t('en', 'core.undetermined.partial'));
    expect(reply.title).not.toContain('cannot read');
  });

  it('gets the link signals the rules find in it', () => {
    const verdict = analyze({ kind: 'message', text: 'https://example.top/x7Kq2 4411' }, ruleset);
    expect(verdict.signals.map((signal) => signal.ruleId)).toContain('link-present');
  });

  it('is answered in Chinese and Spanish too', () => {
    for (const language of ['zh', 'es'] as const) {
      const reply = buildReply(analyze({ kind: 'message', text: 'Ok lor', language }, ruleset), { ruleset, secondOpinion: 'off' });
      expect(reply.notes).toContain(t(language, 'core.undetermined.partial'));
    }
  });

  it('leaves a short English text without that note: it is read as English', () => {
    const verdict = analyze({ kind: 'message', text: 'Ok, see you later' }, ruleset);
    expect(verdict.language).toBe('en');
    expect(buildReply(verdict, { ruleset, secondOpinion: 'off' }).notes).not.toContain(t('en', 'core.undetermined.partial'));
  });
});
