import { describe, expect, it } from 'vitest';
import { clampMarkdown, codeSpan, escapeMarkdown, joinLines } from '../../../adapters/discord/markdown.ts';
import { createDiscordRenderer, EMBED_LIMITS } from '../../../adapters/discord/render.ts';
import { buildReply, type SecondOpinionState } from '../../../src/core/reply.ts';
import { createRulesChecker } from '../../../src/core/rules-checker.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { ruleset, t } from '../../fakes/texts.ts';

const renderer = createDiscordRenderer(t);
/** Renders a verdict the way the adapter does: the reply document, then this platform's renderer. */
const render = (verdict: Verdict, secondOpinion: SecondOpinionState) => renderer.render(buildReply(verdict, { secondOpinion, ruleset }));

import { makeVerdict } from '../../service/fake-checker.ts';

describe('Discord markdown', () => {
  it('escapes formatting, masked links, headings and mentions', () => {
    expect(escapeMarkdown('**bold** _it_ ~~x~~ ||spoiler|| `code` > quote # head - item [a](http://b) <@123> @everyone \\')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~x\\~\\~ \\|\\|spoiler\\|\\| \\`code\\` \\> quote \\# head \\- item \\[a\\]\\(http\\://b\\) \\<\\@123\\> \\@everyone \\\\',
    );
  });

  it('keeps untrusted quotes inside one code span', () => {
    expect(codeSpan('pay `now`\n at https://x.example')).toBe('`pay ˋnowˋ at https://x.example`');
    expect(codeSpan('   ')).toBe('` `');
  });

  it('cuts without leaving a dangling escape, and drops whole lines', () => {
    expect(clampMarkdown('abc\\*def', 5)).toBe('abc…');
    expect(clampMarkdown('short', 10)).toBe('short');
    expect(joinLines(['aaaa', 'bbbb', 'cccc'], 12)).toBe('aaaa\nbbbb\n…');
  });
});

describe('renderVerdictReply', () => {
  it('escapes the second-opinion explanation and keeps every limit', () => {
    const verdict = makeVerdict({ kind: 'message', text: 'x' }, 'medium', {
      secondOpinion: { status: 'ok', label: 'scam', confidence: 0.8, explanation: '**Click** [here](https://evil.example) @everyone' },
      summary: 'S'.repeat(5000),
      steps: Array.from({ length: 30 }, (_, index) => ({ id: `s${index}`, text: `Step ${index} ${'x'.repeat(80)}` })),
    });
    const { embeds, allowedMentions } = render(verdict, 'ok');
    const [embed] = embeds;
    expect(allowedMentions).toEqual({ parse: [] });
    expect(embed!.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    const total = (embed!.title?.length ?? 0) + embed!.description!.length + (embed!.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) + embed!.footer!.text.length;
    expect(total).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed!.footer!.text).toContain(t('en', 'core.footer.second_opinion_ok'));
  });

  it('shows the explanation escaped when it fits', () => {
    const verdict = makeVerdict({ kind: 'message', text: 'x' }, 'high', {
      secondOpinion: { status: 'ok', label: 'scam', confidence: 0.8, explanation: '**Click** [here](https://evil.example) @everyone' },
    });
    const description = render(verdict, 'ok').embeds[0]!.description!;
    expect(description).toContain('\\*\\*Click\\*\\* \\[here\\]\\(https\\://evil.example\\) \\@everyone');
    expect(description).not.toContain('**Click**');
  });

  it('is grey, never green, when no warning signs were found', () => {
    const embed = render(makeVerdict({ kind: 'message', text: 'x' }, 'none'), 'off').embeds[0]!;
    expect(embed.color).toBe(0x9aa0a6);
    expect(embed.footer!.text).toContain(t('en', 'core.footer.never_safe'));
  });

  it('renders notices in one language', () => {
    expect(renderer.notice('zh', 'discord.no_text').embeds[0]!.description).toBe(escapeMarkdown(t('zh', 'discord.no_text')));
  });
});

describe('Discord short reply', () => {
  const checker = createRulesChecker(ruleset);
  const words = (text: string) => text.replace(/\\(.)/g, '$1').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  const visible = (message: ReturnType<typeof renderer.render>) =>
    message.embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])]).join('\n');

  it('leads a high-risk reply with the actions and one line of why in at most 80 words, evidence left to Details', () => {
    const verdict = checker.check({ kind: 'message', text: 'This is the police. Transfer your savings to a safe account today and tell no one, or you will be arrested.' }).instant;
    expect(verdict.level).toBe('high');
    const reply = buildReply(verdict, { secondOpinion: 'off', ruleset });
    const short = renderer.renderShort(reply, 'k'.repeat(24));
    const shown = visible(short);
    expect(shown).toContain(t('en', 'core.heading.steps'));
    expect(shown).toContain(escapeMarkdown(reply.reason ?? 'no reason'));
    expect(shown).not.toContain(t('en', 'core.heading.evidence'));
    expect(words(shown)).toBeLessThanOrEqual(80);
    expect(short.components?.[0]?.components[0]).toMatchObject({ custom_id: `sw:details:${'k'.repeat(24)}`, label: t('en', 'discord.details_button') });
    expect(visible(renderer.render(reply))).toContain(t('en', 'core.heading.evidence'));
  });
});
