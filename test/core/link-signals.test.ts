import { describe, expect, it } from 'vitest';
import { buildAdvice } from '../../src/core/advice.ts';
import { analyze } from '../../src/core/analyze.ts';
import { linkScanWork, scanLinks, MAX_LINKS } from '../../src/core/link-scan.ts';
import { findLinkSignals, skeleton } from '../../src/core/link-signals.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';

const ruleset = loadRuleset();
const links = ruleset.links!;

function ids(text: string): string[] {
  return [...new Set(findLinkSignals(text, links).map((finding) => finding.id))].sort();
}

describe('scanLinks', () => {
  it('finds links with and without a scheme, and their exact spans', () => {
    const text = 'Go to https://a.example.com/x?y=1. Or www.b-site.co.uk, or c.top/path!';
    const found = scanLinks(text).map((link) => text.slice(link.start, link.end));
    expect(found).toEqual(['https://a.example.com/x?y=1', 'www.b-site.co.uk', 'c.top/path']);
  });

  it('reads links glued to Chinese text, full-width letters and dots, and 。 between letters', () => {
    const text = '请登录abc-cn.com认证，或访问ｘｙ．ｔｏｐ，或 kd。top/a';
    expect(scanLinks(text).map((link) => [text.slice(link.start, link.end), link.host])).toEqual([
      ['abc-cn.com', 'abc-cn.com'],
      ['ｘｙ．ｔｏｐ', 'xy.top'],
      ['kd。top/a', 'kd.top'],
    ]);
  });

  it('keeps a link whole across zero-width characters, the span covering them', () => {
    const text = 'pay at pay\u200Bpal-help.top now';
    const [link] = scanLinks(text);
    expect(link?.host).toBe('paypal-help.top');
    expect(text.slice(link?.start, link?.end)).toBe('pay\u200Bpal-help.top');
  });

  it('separates the userinfo from the host', () => {
    expect(scanLinks('http://paypal.com@evil.example.net/login')[0]).toMatchObject({ host: 'evil.example.net', userinfo: 'paypal.com', rest: '/login' });
  });

  it('skips e-mail addresses and bounds the number of links', () => {
    expect(scanLinks('me@example.com and you@example.org')).toEqual([]);
    expect(scanLinks('a.com '.repeat(1000))).toHaveLength(MAX_LINKS);
  });

  it('refuses hosts and labels over the DNS limits', () => {
    expect(scanLinks(`http://${'a'.repeat(64)}.com/x`)).toEqual([]);
    expect(scanLinks(`http://${'abcdefgh.'.repeat(29)}com/x`)).toEqual([]);
    expect(scanLinks(`http://${'a'.repeat(63)}.com/x`)).toHaveLength(1);
  });
});

describe('link findings', () => {
  it('does not flag a brand on its own domain', () => {
    expect(ids('Track it at https://www.dhl.com/track')).toEqual(['link-present']);
    expect(ids('https://www.amazon.co.uk/orders and https://s3.amazonaws.com/bucket/file')).toEqual(['link-present']);
    expect(ids('请登录 https://weixin.qq.com 查看')).toEqual(['link-present']);
  });

  it('flags the links of issue 7', () => {
    expect(ids('dhl-parcel-redelivery.top')).toEqual(['link-brand-mismatch', 'link-present', 'link-unusual-tld']);
    expect(ids('paypal.com.secure-login.xyz')).toEqual(['link-brand-mismatch', 'link-deceptive-host', 'link-present', 'link-unusual-tld']);
    expect(ids('xn--pypal-4ve.com')).toEqual(['link-lookalike', 'link-present']);
    expect(ids('http://185.23.4.9/login')).toEqual(['link-ip-host', 'link-present']);
    expect(ids('bit.ly/3xYzAb')).toEqual(['link-present', 'link-shortener']);
    expect(ids('https://files.example.net/update.apk')).toEqual(['link-app-file', 'link-present']);
  });

  it('reads a bare name of hyphen-joined words under any ICANN suffix as a link, and judges its structure', () => {
    expect(ids('Your toll is unpaid. parking-citation-pay.com')).toEqual(['link-present']);
    expect(ids('usps-redelivery.us')).toEqual(['link-brand-mismatch', 'link-present']);
    expect(ids('usps-redelivery.top/track')).toEqual(['link-brand-mismatch', 'link-present', 'link-unusual-tld']);
    expect(ids('paypa1-secure-login.com')).toEqual(['link-lookalike', 'link-present']);
    expect(ids('chase.com-verify-account.info')).toEqual(['link-brand-mismatch', 'link-deceptive-host', 'link-present']);
    expect(ids('account-verify.xyz')).toEqual(['link-present', 'link-unusual-tld']);
    // File names, run-together sentences, abbreviations, versions, e-mail addresses and names in passing are not links.
    for (const text of ['see readme.md', 'run setup.py', 'ok.so see you', 'e.g. node.js', 'v1.2.3', 'mail bob@my-shop.com', 'Snopes.com says', 'I will follow-up.In the meantime']) {
      expect(ids(text), text).toEqual([]);
    }
  });

  it('flags a host that mixes Latin and Cyrillic letters, brand or not', () => {
    expect(ids('https://shоp-example.com')).toContain('link-lookalike');
  });

  it('reads digits and look-alike letters as the letters they imitate', () => {
    expect(skeleton('paypa1')).toBe('paypal');
    expect(skeleton('аррӏе')).toBe('apple');
    expect(skeleton('rnicrosoft')).toBe('microsoft');
    expect(skeleton('12306')).toBe('12306');
  });

  it('needs a bait word for short, ambiguous brand names', () => {
    expect(ids('https://ems.university.example.edu/')).toEqual(['link-present']);
    expect(ids('https://ems-tracking.example.com/')).toContain('link-brand-mismatch');
  });

  it('quotes the link in a transcript from the original text, attributed to the speaker', () => {
    const text = 'Caller: please log in at https://paypal-verify.example.net/x now\nCallee: ok';
    const verdict = analyze({ kind: 'transcript', text }, ruleset);
    const signal = verdict.signals.find((found) => found.ruleId === 'link-brand-mismatch');
    expect(signal?.quote).toBe('https://paypal-verify.example.net/x');
    expect(signal?.speaker).toBe('caller');
    expect(verdict.categories).toContain('phishing_link');
  });

  it('gives the app-store advice for an app link, in both languages', () => {
    const signal = findLinkSignals('Install the update http://a.example.net/app.apk', links).find((found) => found.id === 'link-app-file');
    expect(signal).toBeDefined();
    const signals = [{ ruleId: 'link-app-file', category: 'phishing_link' as const, weight: 3, start: 0, end: 1, quote: 'x', explanationId: 'link_app_download' }];
    for (const language of ['en', 'zh'] as const) {
      const advice = buildAdvice({ level: 'low', categories: ['phishing_link'], signals, language }, ruleset);
      const step = [...advice.actions, ...advice.steps].find((found) => found.id === 'app_store_only');
      expect(step?.text, language).toMatch(language === 'zh' ? /应用商店/ : /app store/);
    }
  });
});

describe('hostile input (issue 9)', () => {
  // Each input at its full size (about 200,000 characters) from a count of repeats; the test also reads it at half that.
  const hostile: [string, (count: number) => string, number][] = [
    ['x.xyz + "a-" x 100,000', (count) => `x.xyz ${'a-'.repeat(count)}`, 100_000],
    ['www. + "a-" x 100,000', (count) => `www.${'a-'.repeat(count)}`, 100_000],
    ['x.com/ + "a-" x 100,000', (count) => `x.com/ ${'a-'.repeat(count)}`, 100_000],
    ['x.apk + "http://" x 28,571', (count) => `x.apk ${'http://'.repeat(count)}`, 28_571],
    ['"http:l" x 33,333', (count) => 'http:l'.repeat(count), 33_333],
    ['dots', (count) => '.'.repeat(count), 200_000],
    ['"a." x 100,000', (count) => 'a.'.repeat(count), 100_000],
    ['"。a" x 100,000', (count) => '。a'.repeat(count), 100_000],
    ['one long host-like run', (count) => `${'ab-'.repeat(count)}.com/x`, 66_000],
  ];
  // A guard against super-linear work (these inputs took 35-39 s before the link parser), counted, not timed:
  // the code units the link scanner reads (linkScanWork) at the full size and at half of it. Doubling the text
  // must at most double the work (plus a little), and the work per character is bounded. The < 50 ms goal is
  // measured in `npm run bench`.
  it.each(hostile)('reads %s in work linear in its length', (_name, make, count) => {
    const workOf = (text: string): number => {
      const before = linkScanWork();
      findLinkSignals(text, links);
      return linkScanWork() - before;
    };
    const text = make(count);
    const half = workOf(make(Math.floor(count / 2)));
    const full = workOf(text);
    expect(full).toBeLessThanOrEqual(2.2 * half + 1_000);
    expect(full).toBeLessThanOrEqual(4 * text.length);
    expect(analyze({ kind: 'message', text: text.slice(0, 1000) }, ruleset).level).toBeDefined();
  });

  it('counts the units it reads', () => {
    const before = linkScanWork();
    findLinkSignals('no link here', links);
    const none = linkScanWork() - before;
    findLinkSignals('see evil.example.com/x now', links);
    expect(linkScanWork() - before - none).toBeGreaterThan('evil.example.com/x'.length);
  });
});

describe('link evidence', () => {
  it('quotes a link up to the next space, without the sentence punctuation after it', () => {
    const text = 'Pay at https://evil.example/pay?a=`1`&b=<2>. Or see (x.com/a), 请访问 http://x.cn/a，谢谢';
    expect(scanLinks(text).map((link) => text.slice(link.start, link.end))).toEqual([
      'https://evil.example/pay?a=`1`&b=<2>',
      'x.com/a',
      'http://x.cn/a',
    ]);
  });
});
