import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { buildReply, type ReplyDocument } from '../../src/core/reply.ts';
import type { CheckRequest, Language } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { renderText } from '../../src/core/render-text.ts';
import { toTraditional } from '../../src/core/traditional.ts';

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
  remote_control: {
    en: 'Your computer has a virus. Download AnyDesk and give me the code on the screen so I can fix it. Then pay the 200 dollar fee with gift cards.',
    zh: '您好，这里是宽带客服，您家的网络被黑客入侵了，请下载向日葵远程软件并告诉我屏幕上的识别码，我帮您修复，需要先付两百元手续费。',
    first: 'no_install',
  },
  codes_and_links: {
    en: 'Your account is locked. Click https://secure-bank-verify.top/login and enter your password and the code we text you.',
    zh: '您的账户已冻结，请点击 http://icbc-verify.top 登录并输入验证码，否则将被注销。',
    first: 'no_links',
  },
  secrecy: {
    en: 'Keep this between us, do not tell your family or the bank. Buy 3000 dollars of gift cards today and send me the numbers.',
    zh: '这件事只有你知我知，不要告诉家人，也不要跟银行说，今天就给我转三千元。',
    first: 'tell_someone',
  },
};

/** The first action for a call where it differs from the message's. */
const CALL_FIRST: Record<string, string> = { official_check_message: 'hang_up_call_official', no_links: 'never_share_codes' };

function reply(text: string, kind: CheckRequest['kind'], language: Language): { reply: ReplyDocument; actions: string[]; steps: string[] } {
  const request: CheckRequest = { kind, text: kind === 'transcript' ? `Caller: ${text}\nMe: What?` : text, language };
  const verdict = analyze(request, ruleset);
  return {
    reply: buildReply(verdict, { secondOpinion: 'off', ruleset }),
    actions: verdict.actions.map((step) => step.id),
    steps: verdict.steps.map((step) => step.id),
  };
}

/**
 * Words as a reader counts them: English and Spanish by spaces; Chinese (Simplified and Traditional) by Intl.Segmenter's
 * word segmentation (ICU's dictionary, the one the matcher's word boundaries use), so 银行卡 is one word and
 * every particle (的, 了) one more. That holds Chinese to the same 80 words as English: the replies measured
 * 1.5–1.6 Han characters per segmented word, about 120–130 characters. Punctuation is not a word.
 */
function words(text: string, language: Language): number {
  if (language === 'en' || language === 'es') return text.split(/\s+/).filter((word) => /\w/.test(word)).length;
  const segmenter = new Intl.Segmenter(language === 'zh-Hant' ? 'zh-Hant' : 'zh-Hans', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((segment) => segment.isWordLike).length;
}

/** What a reader sees before the details: title, the actions under their heading, one line of why. */
function shortText(document: ReplyDocument): string {
  return [document.title, ruleset.t(document.language, 'core.heading.steps'), ...document.actions, document.reason ?? ''].join('\n');
}

describe('short replies', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    // Spanish replies are asked for on the English scenario texts (the Spanish rules are their own files).
    for (const language of ['en', 'zh', 'zh-Hant', 'es'] as const) {
      for (const kind of ['message', 'transcript'] as const) {
        it(`${name} (${language}, ${kind}) leads with the scenario's actions, in at most 80 words`, () => {
          const { reply: document, actions, steps } = reply(scenario[language === 'zh' || language === 'zh-Hant' ? 'zh' : 'en'], kind, language);
          expect(document.level).toBe('high');
          expect(document.language).toBe(language);
          expect(actions).toHaveLength(3);
          const expectedFirst = (kind === 'transcript' && CALL_FIRST[scenario.first]) || scenario.first;
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
            expect([...document.actions, ...document.steps].filter((text) => /hang up|挂断|掛斷|cuelgue/i.test(text))).toEqual([]);
          }
          const short = shortText(document);
          expect(words(short, language), short).toBeLessThanOrEqual(80);
          const report = ruleset.advice[language === 'zh-Hant' ? 'zh' : language].report.default?.text ?? '';
          expect(document.steps.at(-1)).toBe(language === 'zh-Hant' ? toTraditional(report) : report);
        });
      }
    }
  }

  it('counts Chinese words, not characters or whole lines', () => {
    expect(words('⚠️ 高风险：这很像诈骗', 'zh')).toBe(5); // 高|风险|这|很像|诈骗
    expect(words('不要点开链接。', 'zh-Hant')).toBeGreaterThanOrEqual(3);
    // The full reply of the longest scenario is well over the limit: the count can fail.
    const { reply: document } = reply(SCENARIOS.remote_control!.zh, 'message', 'zh');
    expect(words([shortText(document), document.summary, ...document.why, ...document.steps].join('\n'), 'zh')).toBeGreaterThan(80);
  });

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
