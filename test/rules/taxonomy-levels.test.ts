import { describe, expect, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast } from './level-expect.ts';

/**
 * Scripts written for these tests from the public fraud taxonomies (China's Ministry of Public Security common
 * fraud types, FTC and FBI consumer-fraud categories), each in English, Simplified and Traditional Chinese.
 */
const scenarios: { name: string; least: Level; en: string; hans: string; hant: string }[] = [
  {
    name: 'recorded embassy call: document waiting, case to the police, press a key',
    least: 'high',
    en: 'This is the Chinese Consulate General. You have an important document that has not been collected. Your case will be transferred to the police in China. Press 1 to speak to an officer.',
    hans: '这里是中国驻纽约总领事馆，您有一份重要文件未领取，您的案件即将移交国内公安机关处理，详情请按1转人工。',
    hant: '這裡是中國駐紐約總領事館，您有一份重要文件未領取，您的案件即將移交國內公安機關處理，詳情請按1轉人工。',
  },
  {
    name: 'grandparent call: accident, arrest, lawyer, bail, do not tell the parents',
    least: 'high',
    en: "Grandma, it's me. I was in a car accident and got arrested. I need money for the lawyer and bail today, please don't tell mom and dad.",
    hans: '奶奶，是我。我出车祸被抓了，律师说要交五万保释金，千万别告诉我爸妈。',
    hant: '奶奶，是我。我出車禍被抓了，律師說要交五萬保釋金，千萬別告訴我爸媽。',
  },
  {
    name: 'acquaintance on a new account asks for an advance',
    least: 'high',
    en: 'Hi, guess who this is! This is my new WhatsApp. Could you lend me 2,000 until Friday? I will pay you back tomorrow.',
    hans: '猜猜我是谁？这是我新微信，原来的号被封了。你先帮我垫付两万块，明天就还你。',
    hant: '猜猜我是誰？這是我新微信，原來的號被封了。你先幫我墊付兩萬塊，明天就還你。',
  },
  {
    name: 'boss on a new account asks to pay a supplier',
    least: 'high',
    en: "It's your boss, this is my new WhatsApp. I'm in a meeting and can't talk. Please settle the invoice for me today and I will pay you back tomorrow.",
    hans: '我是你们王总，这是我新微信。合作方的款急着付，你先帮我垫付一下，明天还你。',
    hant: '我是你們王總，這是我新微信。合作方的款急著付，你先幫我墊付一下，明天還你。',
  },
  {
    name: 'self-kidnapping: a fake official isolates a student',
    least: 'high',
    en: 'This is the Chinese police. You are under investigation. Check into a hotel room and stay alone, switch off your phone and keep the video call on at all times, you are under surveillance.',
    hans: '我是公安局的警官，你涉嫌洗钱，现在一个人去酒店开房，不要离开房间，全程开着视频接受监控，调查期间不能联系家人。',
    hant: '我是公安局的警官，你涉嫌洗錢，現在一個人去酒店開房，不要離開房間，全程開著視頻接受監控，調查期間不能聯繫家人。',
  },
  {
    name: 'virtual kidnapping: staged photos sent to the parents',
    least: 'high',
    en: 'We sent you photos of your daughter tied up. If you want to see her alive, wire 50,000 dollars to release her. Do not call the police.',
    hans: '你女儿被绑着的照片你也看到了，你们家留学生在我们手上，转五十万就放人，不许报警。',
    hant: '你女兒被綁著的照片你也看到了，你們家留學生在我們手上，轉五十萬就放人，不許報警。',
  },
  {
    name: 'task scam: likes for commission, top up to unlock',
    least: 'medium',
    en: 'Just like a few videos and earn commission every day. You got a combo order, top up 200 USDT to unlock the next set of tasks.',
    hans: '点赞一单三元，佣金日结。这是连单任务，需要先充值200 USDT才能解锁下一单。',
    hant: '點讚一單三元，佣金日結。這是連單任務，需要先充值200 USDT才能解鎖下一單。',
  },
  {
    name: 'investment / romance: withdrawal blocked until a tax is paid',
    least: 'medium',
    en: 'My uncle gets insider signals on this trading app. To withdraw your profit you must first pay a 20% tax.',
    hans: '我舅舅有内幕消息，稳赚不赔。您的收益提现需要先缴纳20%的个人所得税。',
    hant: '我舅舅有內幕消息，穩賺不賠。您的收益提現需要先繳納20%的個人所得稅。',
  },
  {
    name: 'loan advance fee',
    least: 'medium',
    en: 'Your loan is approved, just pay the 150 dollar insurance fee to release it. It is a refundable deposit.',
    hans: '您的贷款已审批通过，放款前需要先缴纳解冻金和风险金，还要刷流水证明还款能力。',
    hant: '您的貸款已審批通過，放款前需要先繳納解凍金和風險金，還要刷流水證明還款能力。',
  },
  {
    name: 'fake credit record: close your student loan account, then move money',
    least: 'high',
    en: 'You opened a student loan account at university and must close it today, otherwise your credit score will be seriously affected. Transfer your balance to a safe account while we close it.',
    hans: '您在大学期间开通了校园贷账户，现在需要注销，否则会严重影响您的征信。请先把资金转到安全账户。',
    hant: '您在大學期間開通了校園貸帳戶，現在需要註銷，否則會嚴重影響您的徵信。請先把資金轉到安全帳戶。',
  },
  {
    name: 'customer service: installment set by mistake, cancel at an ATM',
    least: 'medium',
    en: 'Your account was upgraded to a VIP plan by mistake and you will be charged monthly. Please go to the nearest ATM and I will guide you to cancel the charge.',
    hans: '我们系统把您误设为分期付款，每月将自动扣款。请您到附近的ATM操作解除分期付款。',
    hant: '我們系統把您誤設為分期付款，每月將自動扣款。請您到附近的ATM操作解除分期付款。',
  },
  {
    name: 'military procurement with a designated supplier',
    least: 'high',
    en: 'I am the procurement officer at the army base. This is a government bulk order, please buy the parts from our designated supplier first and advance the payment.',
    hans: '我是某部队后勤的采购员，要订三百份盒饭，另外请你先从指定厂家采购一批矿泉水，先垫付一下货款。',
    hant: '我是某部隊後勤的採購員，要訂三百份盒飯，另外請你先從指定廠家採購一批礦泉水，先墊付一下貨款。',
  },
];

describe('taxonomy scenarios reach their level in every script', () => {
  const rows = scenarios.flatMap((scenario) =>
    (['en', 'hans', 'hant'] as const).map((script) => ({ name: `${scenario.name} (${script})`, least: scenario.least, text: scenario[script] })),
  );
  it.each(rows)('$name', ({ least, text }) => {
    expect(expectAtLeast(text, least).framing).toBeUndefined();
  });
});
