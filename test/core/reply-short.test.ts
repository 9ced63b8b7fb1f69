import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { buildReply, type ReplyDocument } from '../../src/core/reply.ts';
import type { CheckRequest, Language } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { renderText } from '../../src/core/render-text.ts';

const ruleset = loadRuleset();

/** Scenario texts written for these tests: what each scenario's scam says, as a message and as a call. */
const SCENARIOS: Record<string, { en: string; zh: string; first: string }> = {
  virtual_kidnapping: {
    en: 'We have your son. Pay 20000 dollars ransom by tonight or you will never see him again. Do not call the police.',
    zh: '你儿子在我们手上，准备二十万赎金，不许报警，否则撕票。',
    first: 'reach_person_directly',
  },
  family_plea: {
    en: 'Mom it is me, new number, I am in trouble, send 500 dollars now',
    zh: '妈，是我，我换号码了，出事了，急需你给我转五千块，别告诉爸爸。',
    first: 'call_old_number',
  },
  authority_impersonation: {
    en: 'This is the police. Your bank account is linked to money laundering. Transfer your savings to a safe account and tell no one.',
    zh: '我是公安局的民警，你的银行账户涉嫌洗钱，必须把存款转到安全账户，不要告诉任何人。',
    first: 'official_check_message',
  },
};

function reply(text: string, kind: CheckRequest['kind'], language: Language): { reply: ReplyDocument; actions: string[]; steps: string[] } {
  const request: CheckRequest = { kind, text: kind === 'transcript' ? `Caller: ${text}\nMe: What?` : text, language };
  const verdict = analyze(request, ruleset);
  return {
    reply: buildReply(verdict, { secondOpinion: 'off', ruleset }),
    actions: verdict.actions.map((step) => step.id),
    steps: verdict.steps.map((step) => step.id),
  };
}

/** Words as a reader counts them: English by spaces, Chinese by the word segmenter (a Han word is one word). */
function words(text: string, language: Language): number {
  if (language === 'en') return text.split(/\s+/).filter((word) => /\w/.test(word)).length;
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;
}

describe('short replies', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    for (const language of ['en', 'zh'] as const) {
      for (const kind of ['message', 'transcript'] as const) {
        it(`${name} (${language}, ${kind}) leads with the scenario's actions, in at most 80 words`, () => {
          const { reply: document, actions, steps } = reply(scenario[language], kind, language);
          expect(document.level).toBe('high');
          expect(actions).toHaveLength(3);
          const expectedFirst = kind === 'transcript' && scenario.first === 'official_check_message' ? 'hang_up_call_official' : scenario.first;
          expect(actions[0]).toBe(expectedFirst);
          // Nothing is said twice: no action among the further steps, the reason not among the further reasons.
          for (const id of actions) {
            expect(steps).not.toContain(id);
            for (const covered of ruleset.scoring.actionCovers[id] ?? []) expect(steps).not.toContain(covered);
          }
          expect(document.why).not.toContain(document.reason);
          expect(new Set(document.why).size).toBe(document.why.length);
          // A message is never told to hang up.
          if (kind === 'message') {
            expect([...actions, ...steps].filter((id) => id.startsWith('hang_up'))).toEqual([]);
            expect([...document.actions, ...document.steps].filter((text) => /hang up|挂断|掛斷/i.test(text))).toEqual([]);
          }
          const short = [document.title, ...document.actions, document.reason ?? ''].join(' ');
          expect(words(short, language), short).toBeLessThanOrEqual(80);
          expect(document.steps.at(-1)).toBe(ruleset.advice[language].report.default?.text);
        });
      }
    }
  }

  it('keeps the details out of the plain text unless asked, and shows them with details', () => {
    const { reply: document } = reply(SCENARIOS.authority_impersonation!.en, 'message', 'en');
    const short = renderText(document, ruleset.t, { detailsHint: 'HINT' });
    expect(short).toContain(document.actions[0]);
    expect(short).toContain('HINT');
    expect(short).not.toContain(document.evidence[0]?.quote);
    const full = renderText(document, ruleset.t, { details: true, detailsHint: 'HINT' });
    expect(full).toContain(`"${document.evidence[0]?.quote}"`);
    expect(full).toContain(document.steps.at(-1));
    expect(full).not.toContain('HINT');
  });

  it('gives a text with no warning signs its steps as actions, still never calling it safe', () => {
    const { reply: document, actions } = reply('See you at dinner at seven.', 'message', 'en');
    expect(document.level).toBe('none');
    expect(document.title).toMatch(/No warning signs/);
    expect(document.reason).toBeUndefined();
    expect(actions.length).toBeLessThanOrEqual(3);
  });
});
