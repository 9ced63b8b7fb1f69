import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { readLinks } from '../../src/core/link-signals.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank, type Level } from '../../src/core/verdict.ts';

// Hand-written texts (no corpus line): a brand's genuine notice links only to the brand's own site; the scams
// name a brand and link to its real domain, or to a page anyone can publish on a brand's host.
const ruleset = loadRuleset();
const links = ruleset.links!;

function rulesVerdict(text: string) {
  return analyze({ kind: 'message', text }, ruleset);
}

const notices = [
  { text: 'Chase: your card ending 1234 was blocked as requested. Call 1-800-935-9935 or visit chase.com', brand: 'chase' },
  { text: 'Amazon: your order has shipped, track at amazon.com/progress-tracker/package', brand: 'amazon' },
  { text: 'PayPal: You sent $25.00 to Jane Doe. Details at paypal.com/activity. Questions? Call 1-888-221-1161.', brand: 'paypal' },
  { text: 'Wells Fargo: your card ending 4455 was locked as you asked. To unlock, sign on at wellsfargo.com or call 1-800-869-3557.', brand: 'wells-fargo' },
  { text: 'Bank of America: a payment of $120.00 was received. Log in through the link www.bankofamerica.com to see it.', brand: 'bank-of-america' },
  { text: 'USPS: your package was delivered at 2:14 pm. Track at https://tools.usps.com/go/TrackConfirmAction', brand: 'usps' },
  { text: '【招商银行】您尾号1234的信用卡已按您的申请临时冻结，如有疑问请致电95555或登录 cmbchina.com 查询。', brand: 'china-merchants-bank' },
  { text: '【工商銀行】您尾號1234的賬戶支出500.00元，詳情請登錄 www.icbc.com.cn 查看。', brand: 'icbc' },
];

/** Each names a brand and links only to the brand's real domain; the demand itself must carry it. */
const scamsOnTheBrandsDomain = [
  'Chase: we detected fraud. Reply with the code we just sent you to cancel the transfer, or call 1-800-555-0199. chase.com',
  'Amazon: a refund of $499 is pending. To receive it, buy a $200 Apple gift card and send us the code. Visit amazon.com',
  'PayPal: your account is suspended. Pay the $50 fee to John Smith via Zelle to unlock it. Visit paypal.com',
  'Apple: your iCloud is locked. Call 1-888-555-0187 now and give the agent remote access to fix it. apple.com',
  'Chase Fraud Dept: move your money to a safe account today and install AnyDesk so we can help, chase.com',
  '【招商银行】您的账户存在风险，请立即将资金转入安全账户，并提供短信验证码，详询 cmbchina.com',
];

/** Each names a brand but links to a redirect or to hosted content under a brand's host: no brand site. */
const scamsOnHostedPages = [
  'Chase: your account is locked. Verify at https://www.google.com/amp/s/chase-verify.help/login now',
  'Chase: your account is locked. Verify at https://www.google.com/url?q=chase-verify.help/login now',
  'PayPal: your account is limited. Confirm your details at https://docs.google.com/forms/d/e/1FAIpQLSf/viewform',
  'Google: your account will be closed. Sign in at https://sites.google.com/view/google-account-keep to keep it.',
  'Amazon: your account is on hold, update your payment at https://s3.amazonaws.com/amz-billing/update.html',
  'PayPal: your refund is waiting, claim it at paypal.me/refunddesk and confirm your card.',
];

describe('a brand notice on the brand’s own site', () => {
  it.each(notices)('is read as $brand’s notice and stays at most low: $text', ({ text, brand }) => {
    expect(readLinks(text, links).brandSite).toBe(brand);
    const verdict = rulesVerdict(text);
    const ids = verdict.signals.map((signal) => signal.ruleId);
    expect(ids).not.toContain('link-present');
    expect(ids).not.toContain('phishing-callback-en');
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(ids)}`).toBeLessThanOrEqual(levelRank('low' satisfies Level));
  });

  it('needs the text to name the brand outside the link', () => {
    expect(readLinks('Your card ending 1234 was blocked. Call 1-800-935-9935 or visit https://www.chase.com/card', links).brandSite).toBeUndefined();
  });

  it('needs every link on the brand’s own site', () => {
    const text = 'Chase: your card was blocked. Visit chase.com or unlock it at https://card-unlock.example.net/c';
    const reading = readLinks(text, links);
    expect(reading.brandSite).toBeUndefined();
    expect(reading.findings.map((finding) => finding.id)).toContain('link-present');
  });

  it('needs every site it names on the brand’s own, even one not taken for a link', () => {
    expect(readLinks('Amazon: your refund is ready at amazon.com. Claim it on refundclaims.net today', links).brandSite).toBeUndefined();
  });

  it('does not take another brand’s site for the named brand’s', () => {
    expect(readLinks('Chase: your card was blocked. Details at https://www.paypal.com/activity', links).brandSite).toBeUndefined();
  });

  it.each(scamsOnTheBrandsDomain)('still reaches medium or high on the demand: %s', (text) => {
    const verdict = rulesVerdict(text);
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(verdict.signals.map((signal) => signal.ruleId))}`).toBeGreaterThanOrEqual(
      levelRank('medium' satisfies Level),
    );
  });

  it.each(scamsOnHostedPages)('is no brand site behind a redirect or hosted page, and stays medium or high: %s', (text) => {
    expect(readLinks(text, links).brandSite).toBeUndefined();
    const verdict = rulesVerdict(text);
    const ids = verdict.signals.map((signal) => signal.ruleId);
    expect(ids).toContain('link-present');
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(ids)}`).toBeGreaterThanOrEqual(levelRank('medium' satisfies Level));
  });

  it.each([
    'PayPal: your account is limited. Confirm your details at https://docs.google.com/forms/d/e/1FAIpQLSf/viewform',
    'Google: your account will be closed. Sign in at https://sites.google.com/view/google-account-keep to keep it.',
  ])('flags a brand-signed text whose link is a page anyone can publish on a brand’s host: %s', (text) => {
    expect(readLinks(text, links).findings.map((finding) => finding.id)).toContain('link-sender-mismatch');
  });
});

// A host may be both a brand's own domain (brands.yaml) and hosted content (tlds.yaml): paytm.me, paypal.me,
// phon.pe and wa.me belong to the brand, yet anyone with an account publishes a page there. The design gives
// hosted content the precedence: the brand's name in such a host is no look-alike (link-brand-mismatch), and
// the page is never the brand speaking (no brand site; signed as the brand, link-sender-mismatch).
const ownedHosted = links.brands.flatMap((brand) =>
  brand.domains.filter((domain) => links.hostedContent.has(domain)).map((domain) => ({ brand: brand.id, token: brand.tokens[0]!, domain })),
);

describe('a hosted-content host that a brand owns', () => {
  it('includes the personal payment and chat link hosts (paytm.me, paypal.me, phon.pe, wa.me)', () => {
    expect(ownedHosted.map((entry) => entry.domain)).toEqual(expect.arrayContaining(['paytm.me', 'paypal.me', 'phon.pe', 'wa.me']));
  });

  it.each(ownedHosted)('$domain: hosted content wins over $brand owning it', ({ token, domain }) => {
    const name = token.charAt(0).toUpperCase() + token.slice(1);
    const reading = readLinks(`${name}: your payment is on hold, confirm your account at https://${domain}/refund-desk`, links);
    const ids = reading.findings.map((finding) => finding.id);
    expect(reading.brandSite).toBeUndefined();
    expect(ids).toContain('link-sender-mismatch');
    expect(ids).not.toContain('link-brand-mismatch');
    // Unsigned, a link there is only a link: the brand's own domain, so no look-alike finding.
    expect(readLinks(`pay me back here https://${domain}/jane`, links).findings.map((finding) => finding.id)).toEqual(['link-present']);
  });
});
