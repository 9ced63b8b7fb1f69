import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { keepWholeWordHits } from '../../src/core/zh-word-boundary.ts';

const ruleset = loadRuleset();

function fired(text: string): string[] {
  return analyze({ kind: 'message', text }, ruleset).signals.map((signal) => `${signal.ruleId}:${signal.quote}`);
}

function span(text: string, phrase: string): { start: number; end: number } {
  const start = text.indexOf(phrase);
  return { start, end: start + phrase.length };
}

describe('Chinese word boundaries', () => {
  it('drops 验资 read across 体验|资格', () => {
    const text = '恭喜您获得体验资格';
    expect(keepWholeWordHits(text, [span(text, '验资')])).toEqual([]);
    expect(fired(text).some((hit) => hit.includes('验资'))).toBe(false);
  });

  it('drops a kidnapping pattern read into 对移动手机营业厅', () => {
    const text = '请对移动手机营业厅的服务进行评价';
    expect(keepWholeWordHits(text, [span(text, '对移动手')])).toEqual([]);
    expect(fired(text).filter((hit) => hit.startsWith('kidnapping'))).toEqual([]);
  });

  it('keeps true hits that stand as words or start or end a compound', () => {
    for (const [text, phrase] of [
      ['放款前需要先验资才能到账', '验资'],
      ['你儿子在我们手上，再不转钱就对他动手', '对他动手'],
      ['我是市公安局的民警', '公安'],
      ['请提供身份证号码', '提供身份证号'],
      ['这款产品有超高收益', '高收益'],
    ] as const) {
      expect(keepWholeWordHits(text, [span(text, phrase)]), phrase).toHaveLength(1);
    }
    expect(fired('你儿子在我们手上，再不转钱就对他动手')).toContain('kidnapping-zh:对他动手');
  });

  it('leaves hits at the edge of Chinese text and non-Han hits alone', () => {
    const text = '验资 ok safe account';
    expect(keepWholeWordHits(text, [span(text, '验资'), span(text, 'safe account')])).toHaveLength(2);
  });
});
