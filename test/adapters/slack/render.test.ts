import { describe, expect, it } from 'vitest';
import { createSlackRenderer } from '../../../adapters/slack/render.ts';
import { buildReply, type SecondOpinionState } from '../../../src/core/reply.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { clampMrkdwn, codeSpan, escapeMrkdwn } from '../../../adapters/slack/mrkdwn.ts';
import { slackTextToPlain } from '../../../adapters/slack/incoming-text.ts';
import { ruleset, t } from '../../fakes/texts.ts';

const renderer = createSlackRenderer(t);
/** Renders a verdict the way the adapter does: the reply document, then this platform's renderer. */
const render = (verdict: Verdict, secondOpinion: SecondOpinionState) => renderer.render(buildReply(verdict, { secondOpinion, ruleset }));

import { makeVerdict } from '../../service/fake-checker.ts';

const HOSTILE = '<!channel> <@U123> <https://evil.example|click> & *bold* `code`';

describe('Slack rendering', () => {
  it('escapes &, < and > and keeps a hostile quote inside one code span', () => {
    const verdict = makeVerdict({ kind: 'message', text: HOSTILE }, 'high', {
      signals: [{ ruleId: 'r', category: 'authority', weight: 2, start: 0, end: HOSTILE.length, quote: HOSTILE, explanationId: 'authority' }],
      secondOpinion: { status: 'ok', explanation: 'It says <!here> & links <https://x.example>' },
    });
    const message = render(verdict, 'ok');
    const raw = JSON.stringify(message);
    expect(raw).not.toMatch(/<[@!#h]/);
    expect(raw).toContain('`&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp; *bold* ˋcodeˋ`');
    expect(raw).toContain('&lt;!here&gt; &amp; links &lt;https://x.example&gt;');
    expect(message.text).not.toMatch(/[<>]/);
  });

  it('keeps every section within Slack\'s 3000 characters', () => {
    const long = 'x'.repeat(5000);
    const verdict = makeVerdict({ kind: 'message', text: long }, 'medium', { summary: `${long}&` });
    for (const block of render(verdict, 'off').blocks) {
      if (block.type === 'section') expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    expect(clampMrkdwn(`${'a'.repeat(2997)}&amp;b`, 3000)).toBe(`${'a'.repeat(2997)}…`);
  });

  it('renders a notice in one language, escaped', () => {
    expect(renderer.notice('zh', 'slack.usage').blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t('zh', 'slack.usage')), verbatim: true } },
    ]);
    expect(codeSpan('a\n`b`')).toBe('`a ˋbˋ`');
  });

  it('reads Slack\'s wire format as the plain text the user saw', () => {
    expect(slackTextToPlain('Pay at <https://evil.example/p?a=1&amp;b=2> &lt;now&gt;')).toBe('Pay at https://evil.example/p?a=1&b=2 <now>');
    expect(slackTextToPlain('<https://evil.example|bank.com> <mailto:a@b.c|a@b.c> <@U1|ann> <@U2> <#C1|general> <!here> <!subteam^S1|@family>'))
      .toBe('bank.com https://evil.example a@b.c @ann @U2 #general @here @family');
    expect(slackTextToPlain('&amp;lt;')).toBe('&lt;');
  });
});
