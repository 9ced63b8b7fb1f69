import { describe, expect, it } from 'vitest';
import { escapeHtml, packHtmlBlocks, splitHtmlFragment } from '../../../adapters/telegram/html.ts';
import { createTelegramRenderer } from '../../../adapters/telegram/render.ts';
import { buildReply } from '../../../src/core/reply.ts';
import type { Verdict } from '../../../src/core/verdict.ts';
import { ruleset, t } from '../../fakes/texts.ts';

/** True when every part is well-formed: no cut tag or entity, and balanced <b>/<i>. */
function wellFormed(part: string): boolean {
  if (/<[^>]*$/.test(part) || /&[a-z]*$/.test(part)) return false;
  const stack: string[] = [];
  for (const match of part.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (match[1] === '') stack.push(match[2] ?? '');
    else if (stack.pop() !== match[2]) return false;
  }
  return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;)/.test(part);
}

describe('Telegram HTML', () => {
  it('escapes &, < and >', () => {
    expect(escapeHtml('a < b && c > d <b>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;b&gt;');
  });

  it('splits a long fragment without cutting tags or entities, closing and reopening open tags', () => {
    const html = `<b>${escapeHtml('x<&>y '.repeat(400))}</b>\n<i>${escapeHtml('tail & end '.repeat(50))}</i>`;
    for (const limit of [50, 97, 256, 1000]) {
      const parts = splitHtmlFragment(html, limit);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(limit);
        expect(wellFormed(part)).toBe(true);
      }
      const text = (parts: string[]): string => parts.join('').replace(/<[^>]+>/g, '').replace(/\s+/g, '');
      expect(text(parts)).toBe(text([html]));
    }
  });

  it('never splits a surrogate pair', () => {
    const parts = splitHtmlFragment('😀'.repeat(100), 7);
    for (const part of parts) expect(part).toMatch(/^(😀)+$/u);
    expect(parts.join('')).toBe('😀'.repeat(100));
  });

  it('packs blocks into as few messages as fit', () => {
    expect(packHtmlBlocks(['a', 'b', 'c'], 100)).toEqual(['a\n\nb\n\nc']);
    expect(packHtmlBlocks(['a'.repeat(60), 'b'.repeat(60)], 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
  });

  it('renders a long verdict into several messages of at most 4096 characters', () => {
    const quote = 'Transfer <all> your money & tell no one. ';
    const verdict: Verdict = {
      level: 'high',
      score: 9,
      signals: Array.from({ length: 5 }, (_, index) => ({
        ruleId: `r${index}`,
        category: 'payment',
        weight: 3,
        start: 0,
        end: 10,
        quote: `${index} ${quote.repeat(3)}`,
        explanationId: 'none',
      })),
      categories: ['payment'],
      combinations: [],
      language: 'en',
      rulesCoverLanguage: true,
      replyLanguage: 'en',
      summary: `Summary <with> & markup. `.repeat(300),
      actions: [{ id: 'a', text: 'Act <now>. '.repeat(20) }],
      steps: Array.from({ length: 6 }, (_, index) => ({ id: `s${index}`, text: `Step ${index} <b>not bold</b> & more. `.repeat(40) })),
      medium: 'message',
      secondOpinion: { status: 'ok', explanation: '<script>alert(1)</script>' },
    };
    const parts = createTelegramRenderer(t).render(buildReply(verdict, { secondOpinion: 'ok', ruleset }));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(wellFormed(part)).toBe(true);
      expect(part).not.toContain('<script>');
      expect(part).not.toContain('<all>');
    }
    const all = parts.join('\n');
    expect(all).toContain('&lt;script&gt;');
    expect(all).toContain('Level: high');
  });

  it('renders a compact form for group warnings', () => {
    const verdict: Verdict = {
      level: 'high', score: 9, signals: [], categories: [], combinations: [], language: 'zh', rulesCoverLanguage: true, replyLanguage: 'zh',
      summary: '摘要', actions: [{ id: 'a', text: '步骤' }], steps: [], medium: 'message', secondOpinion: { status: 'off' },
    };
    const [compact] = createTelegramRenderer(t, { compact: true }).render(buildReply(verdict, { secondOpinion: 'off', ruleset, notes: ['备注 <x>'] }));
    expect(compact).toContain('风险等级：高');
    expect(compact).toContain('备注 &lt;x&gt;');
    expect(compact).not.toContain('步骤');
  });
});
