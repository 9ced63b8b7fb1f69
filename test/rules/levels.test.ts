import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank, type Level } from '../../src/core/verdict.ts';

const ruleset = loadRuleset();

function check(text: string, kind: CheckRequest['kind'] = 'message') {
  return analyze({ kind, text }, ruleset);
}

interface Expectation {
  name: string;
  text: string;
  kind?: CheckRequest['kind'];
}

const high: Expectation[] = [
  { name: 'zh README example: new number, trouble, transfer', text: '妈，是我，我换号码了，出事了，快给我转五千块' },
  { name: 'en new number, trouble, send money', text: 'Mom it is me, new number, I am in trouble, send 500 dollars now' },
  {
    name: 'en police + safe account',
    text: 'This is Officer Brown from the Metropolitan Police. Your bank account is linked to a money laundering case. To protect your savings you must transfer them to a safe account today.',
  },
  {
    name: 'zh 公安 + 安全账户',
    text: '您好，我是上海市公安局的李警官，你的身份证涉嫌一起洗钱案，需要把资金转到安全账户接受资金清查。',
  },
  {
    name: 'en embassy + secrecy + payment',
    text: "I'm calling from the Chinese Embassy. You are under investigation. Do not tell anyone, not even your family, and pay the bail of 20,000 dollars by wire transfer.",
  },
  {
    name: 'zh 检察院 + 保密 + 保证金',
    text: '我们是市检察院的工作人员，这件事必须严格保密，不要告诉任何人，你需要先交十万元保证金。',
  },
  {
    name: 'en virtual kidnapping',
    text: 'We have your daughter. If you call the police she will get hurt. Send 5,000 dollars in bitcoin within the hour.',
  },
  { name: 'zh 绑架', text: '你儿子在我们手上，准备二十万赎金，不许报警，否则撕票。' },
  {
    name: 'en police + remote control',
    text: 'This is Detective Hall with the FBI. To verify your identity please download AnyDesk and share your screen with me.',
  },
  { name: 'zh 公安 + 屏幕共享', text: '我是公安局的王警官，请下载腾讯会议，打开屏幕共享配合调查。' },
  {
    name: 'en family emergency + payment',
    text: "Mom it's me, I lost my phone so this is my new number. I'm in trouble and I need money today, please send 800 dollars by bank transfer.",
  },
  { name: 'zh 换号 + 转钱', text: '妈，是我，我换号了。我出事了，急需用钱，你先帮我转点钱，别告诉爸。' },
  {
    name: 'en bank security + OTP',
    text: "I'm calling from your bank's fraud department. To stop the payment please read me the six-digit code we just sent you.",
  },
  { name: 'zh 银行 + 验证码', text: '这里是工商银行的风控中心，您的账户存在异常交易，请把收到的验证码告诉我，我帮您冻结。' },
  {
    name: 'en caller transcript: SSA + credentials',
    kind: 'transcript',
    text: [
      'Caller: Hello, this is Agent Ross from the Social Security Administration.',
      'Callee: Oh, what is this about?',
      'Caller: Your social security number has been suspended. What is your social security number so we can verify it?',
    ].join('\n'),
  },
  // payment_strong: two distinct strong money lines of the task scam (per-order commission, principal back at once).
  { name: 'zh task scam: per-order commission + principal back at once', text: '做任务每单佣金30元，本金秒返' },
  { name: 'zh-Hant task scam: per-order commission + principal back at once', text: '做任務每單佣金30元，本金秒返' },
];

const benign: Expectation[] = [
  {
    name: 'school safety talk by police',
    text: 'Reminder: on Friday an officer from the local police will give a talk at school about road safety and staying safe online.',
  },
  { name: 'zh 民警进校园', text: '本周五派出所的民警会来学校开展安全教育讲座，请家长提醒孩子准时参加。' },
  { name: 'paying rent', text: 'Hi, I paid the rent this morning by bank transfer, let me know when it arrives.' },
  { name: 'zh 交房租', text: '房东你好，这个月的房租我已经转过去了，麻烦查收一下。' },
  { name: 'real bank OTP notice', text: 'Your code is 123456. Never share it with anyone. We will never call you to ask for it.' },
  { name: 'zh 真实验证码短信', text: '【某某银行】您的验证码是123456，5分钟内有效，请勿告诉他人。' },
  { name: 'family member asking to be picked up', text: "Mum, can you pick me up from the station at six? My phone's about to die." },
  { name: 'zh 家人接站', text: '妈，我六点到火车站，你能来接我一下吗？' },
  { name: 'delivery notice with tracking link', text: 'Your parcel will be delivered on Tuesday between 9 and 11. Track it at https://www.example.com/track/123' },
];

/** Smishing texts written for these tests (not corpus text): each should reach at least medium. */
const smishing: Expectation[] = [
  { name: 'zh new-number opener without a demand yet', text: '妈，是我，我换号码了，出事了' },
  { name: 'en new-number opener without a demand yet', text: "Mom, it's me, new number. I'm in trouble." },
  { name: 'en parcel fee + link', text: 'USPS: your package is on hold due to an unpaid delivery fee of 1.99. Pay now at https://usps-redelivery.top/pay' },
  { name: 'en account locked + link', text: 'Your bank account has been suspended due to unusual activity. Restore access at http://secure-bank-login.xyz' },
  { name: 'en verify + link', text: 'Netflix: your payment method was declined. Update your billing details at https://nf-billing.click/u' },
  { name: 'en tax refund + link', text: 'HMRC: you are eligible for a tax refund of 312.40. Claim your refund here: https://bit.ly/3xHmRc' },
  { name: 'en toll fine + link', text: 'Final notice: you have an unpaid toll of 6.99. Pay within 24 hours to avoid a fine: https://ez-pass.icu/pay' },
  { name: 'en premium-rate prize', text: 'You have WON a guaranteed 1000 cash prize! To claim call 09061234567 now. 150p/min' },
  { name: 'en OTP to a stranger', text: 'Hi, I sent you a six-digit code by mistake, can you send me the code please? It is urgent.' },
  { name: 'zh 快递异常 + 链接', text: '【快递通知】您的包裹因地址不详无法派送，请点击链接 http://kd-xx.top/a 更新地址。' },
  { name: 'zh ETC 失效 + 网址', text: '您的ETC认证已失效，请登录网址 etc-xx.com 重新认证，否则将停用。' },
  { name: 'zh 账户冻结 + 链接', text: '【某某银行】您的账户已被冻结，请点击以下链接解除限制：http://bank-cn.vip/jd' },
  { name: 'zh 补贴 + 链接', text: '【社保中心】您有一笔补贴待领取，请点击链接申领 https://t.cn/abc' },
  { name: 'zh 积分清零 + 链接', text: '您的积分将于今日清零，点击 www.jf-dh.com 兑换现金红包。' },
  { name: 'zh 中奖', text: '恭喜您被抽中为幸运用户，获得一等奖，奖金高达20万，请先缴纳手续费。' },
  { name: 'zh 医保卡冻结 + 网址', text: '【医保局】您的医保卡因异常使用已被冻结，请于24小时内登录 ybk-jd.com 进行解冻。' },
  { name: 'zh 社保卡失效 + 网址', text: '【社保】您的社保卡将于今日失效，请尽快登录 sb-cn.com 进行认证。' },
  { name: 'zh 快递理赔 + 填卡', text: '您好，您的快件因破损需要理赔，请点击 http://zt-lp.cn/a 填写银行卡信息领取赔偿款。' },
  { name: 'zh 刷单返利', text: '招聘兼职刷单，日结300-500元，动动手指轻松赚钱，加QQ 887766。' },
  { name: 'zh 征信修复', text: '您的个人征信存在逾期记录，我们可以帮您修复征信，删除不良记录，详询微信。' },
  { name: 'zh 贷款先交保证金', text: '您申请的贷款已审批通过，因流水不足需先转入保证金激活账户，完成后即可放款。' },
];

/** Genuine-looking notices with links or codes that must stay at most low. */
const genuineNotices: Expectation[] = [
  { name: 'en delivery delayed notice', text: 'Sorry, your delivery is delayed. It is now estimated to arrive Wednesday. Track: https://www.example.com/t/123' },
  { name: 'en verification code with link', text: 'Your WhatsApp code: 957-128. You can also tap on this link to verify your phone: v.example.com/957128. Do not share this code with others.' },
  { name: 'zh 驿站取件', text: '【顺丰】您的快递已到达驿站，取件码1234，请及时领取。查看详情 https://sf.example.com/x' },
  { name: 'zh 账单提醒', text: '您尾号1234的信用卡本期账单已出，可登录手机银行查看。' },
  { name: 'zh 积分提醒', text: '您的积分将于12月31日到期，可在官方APP内兑换礼品。' },
  { name: 'zh 支付宝验证码', text: '【支付宝】验证码：123456，你正在进行身份验证，打死不要告诉任何人！' },
  { name: 'zh 贷款放款通知', text: '【某某银行】您的贷款已放款至尾号1234的银行卡，请注意查收。' },
  { name: 'zh 反诈提醒', text: '【反诈中心】刷单就是诈骗，警惕刷单返利诈骗，不要点击陌生链接。' },
];

describe('end-to-end levels', () => {
  it('one strong money line beside one weaker one is medium, not high (payment_strong wants 4.5)', () => {
    const verdict = check('本金秒返，内线消息');
    expect(verdict.combinations).not.toContain('payment_strong');
    expect(verdict.level).toBe('medium');
  });

  it.each(high)('high: $name', ({ text, kind }) => {
    const verdict = check(text, kind);
    expect(verdict.level, JSON.stringify(verdict.signals.map((signal) => signal.ruleId))).toBe('high');
    expect(verdict.combinations.length).toBeGreaterThan(0);
  });

  it.each(benign)('none or low: $name', ({ text, kind }) => {
    const verdict = check(text, kind);
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(verdict.signals.map((signal) => signal.ruleId))}`).toBeLessThanOrEqual(
      levelRank('low' satisfies Level),
    );
  });

  it.each(smishing)('medium or high: $name', ({ text, kind }) => {
    const verdict = check(text, kind);
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(verdict.signals.map((signal) => signal.ruleId))}`).toBeGreaterThanOrEqual(
      levelRank('medium' satisfies Level),
    );
  });

  it.each(genuineNotices)('none or low: $name', ({ text, kind }) => {
    const verdict = check(text, kind);
    expect(levelRank(verdict.level), `${verdict.level}: ${JSON.stringify(verdict.signals.map((signal) => signal.ruleId))}`).toBeLessThanOrEqual(
      levelRank('low' satisfies Level),
    );
  });

  it('keeps a bare mention of the police low', () => {
    expect(check('The police closed the road after the accident.').level).toBe('low');
  });

  it('ranks the callee repeating a scam phrase below the caller saying it', () => {
    const said = 'transfer everything to a safe account and do not tell anyone';
    const byCaller = check(`Caller: You must ${said}.\nCallee: Okay.`, 'transcript');
    const byCallee = check(`Caller: Hello.\nCallee: Someone told me to ${said}, is that normal?`, 'transcript');
    expect(byCaller.score).toBeGreaterThan(byCallee.score);
  });
});

describe('normalization tricks are still detected', () => {
  it('Greek omicron in "pοlice"', () => {
    const verdict = check('This is the pοlice. Transfer your savings to a safe account today to protect them.');
    expect(verdict.signals.map((signal) => signal.ruleId)).toContain('authority-claim-en');
    expect(verdict.level).toBe('high');
  });

  it('zero-width characters inside 安全账户', () => {
    const text = '我是公安局的警官，请把钱转到安\u200B全\u200D账\u2060户。';
    const verdict = check(text);
    const signal = verdict.signals.find((found) => found.ruleId === 'payment-safe-account-zh');
    expect(signal).toBeDefined();
    expect(text.slice(signal?.start, signal?.end)).toContain('安\u200B全');
    expect(verdict.level).toBe('high');
  });

  it('full-width ＡｎｙＤｅｓｋ', () => {
    const verdict = check('Officer here from the police: please install ＡｎｙＤｅｓｋ now so I can check your bank app.');
    expect(verdict.signals.map((signal) => signal.ruleId)).toContain('remote-control-apps-en');
  });

  it('traditional Chinese 公安局 and 安全帳戶', () => {
    const verdict = check('我是北京市公安局的王警官，請把存款轉到安全帳戶。');
    const fired = verdict.signals.map((signal) => signal.ruleId);
    expect(fired).toContain('authority-claim-zh');
    expect(fired).toContain('payment-safe-account-zh');
    expect(verdict.level).toBe('high');
  });
});
