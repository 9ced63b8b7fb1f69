import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Hand-written probes from the Ministry of Public Security's fraud-type list (留学生虚拟绑架 via a fake consulate
 * call, 冒充领导, 虚假投资理财 / 刷单 withdrawal blocked, 虚假征信, 自我绑架, 投资拉人), in Simplified and
 * Traditional script, written for these tests, not from corpus text. Each reaches at least its level with the
 * rules alone; the warnings and ordinary texts after them, using the same words, stay at most low.
 */
const scams: { name: string; least: Level; text: string }[] = [
  { name: '使领馆 IVR: document not collected, press 9', least: 'high', text: '这里是中国驻纽约总领馆，您有一份重要文件未领取，详情请按9' },
  { name: '使領館 IVR: document not collected, press 9', least: 'high', text: '這裡是中國駐紐約總領館，您有一份重要文件未領取，詳情請按9' },
  { name: '使领馆 IVR: passport problem, press 1', least: 'high', text: '您好，这里是中国驻洛杉矶总领事馆，您的护照签证出现问题，按1转人工' },
  { name: '使領館 IVR: passport problem, press 1', least: 'high', text: '您好，這裡是中國駐洛杉磯總領事館，您的護照簽證出現問題，按1轉人工' },
  { name: '使馆 IVR: money laundering case sent to police', least: 'high', text: '这里是中国驻英国大使馆，您涉嫌一宗国际洗钱案件，案件已移交中国警方，请按0' },
  { name: '使館 IVR: money laundering case sent to police', least: 'high', text: '這裡是中國駐英國大使館，您涉嫌一宗國際洗錢案件，案件已移交中國警方，請按0' },
  { name: '冒充领导: in a meeting, pay this account', least: 'high', text: '我是你们王总，我现在在开会，不方便接电话，你先帮我给这个账户转5万，合同的事回头说' },
  { name: '冒充領導: in a meeting, pay this account', least: 'high', text: '我是你們王總，我現在在開會，不方便接電話，你先幫我給這個帳戶轉5萬，合同的事回頭說' },
  { name: '冒充领导: cannot talk, wire now', least: 'high', text: '小刘，我是李总，在外面开会不方便说话，你马上往这个账号打20万，对方催得急' },
  { name: '冒充領導: cannot talk, wire now', least: 'high', text: '小劉，我是李總，在外面開會不方便說話，你馬上往這個帳號打20萬，對方催得急' },
  { name: '提现失败: tax before withdrawal', least: 'high', text: '您好，您在我们平台的提现失败，需要先缴纳20%的个人所得税才能提现' },
  { name: '提現失敗: tax before withdrawal', least: 'high', text: '您好，您在我們平台的提現失敗，需要先繳納20%的個人所得稅才能提現' },
  { name: '提现失败: turnover short, top up', least: 'high', text: '提现失败，系统显示您的账户流水不足，需要再充值5万才能提现' },
  { name: '無法提現: unfreeze fee', least: 'high', text: '由於您操作違規，目前無法提現，請先繳納解凍金3000元才能提現' },
  { name: '虚假征信: lender service, cancel student account', least: 'high', text: '您好，我是京东金融客服，您之前开通的学生账户不符合规定，需要注销，否则会影响征信' },
  { name: '虛假徵信: lender service, cancel student account', least: 'high', text: '您好，我是京東金融客服，您之前開通的學生帳戶不符合規定，需要註銷，否則會影響徵信' },
  { name: '虚假征信: regulator requires it', least: 'high', text: '您好，这里是支付宝客服，您在大学期间开通过校园贷，根据银保监会要求需要注销，不然影响您的个人征信' },
  { name: '自我绑架: hotel, phone off, staged photos', least: 'high', text: '他们让我一个人住进酒店，关掉手机，不要联系家人，还要拍被绑的照片发给我爸妈' },
  { name: '自我綁架: hotel, phone off, staged photos', least: 'high', text: '他們讓我一個人住進酒店，關掉手機，不要聯繫家人，還要拍被綁的照片發給我爸媽' },
  { name: '自我绑架: staged video for mum', least: 'high', text: '他们让我录一段被绑着哭的视频发给我妈，说这样才能证明我是清白的' },
  { name: '投资拉人: teacher, sure profit, download the app', least: 'medium', text: '我在一个投资平台跟着导师做了三个月，每天稳赚，你要不要也下载这个APP试试' },
  { name: '投資拉人: teacher, sure profit, download the app', least: 'medium', text: '我在一個投資平台跟著導師做了三個月，每天穩賺，你要不要也下載這個APP試試' },
  { name: '投资拉人: earned on a platform, register', least: 'medium', text: '我最近在一个理财平台赚了5万，导师带单稳赚，你要不要注册试试' },
  { name: '投資拉人: group teacher, join', least: 'medium', text: '我跟著群裡的老師做了兩個月，天天賺，你也下載這個APP，我拉你進群' },
  { name: '使馆 IVR without the embassy: case sent to police, press 0', least: 'high', text: '您涉嫌一宗国际洗钱案件，案件已移交中国警方，请按0' },
  { name: '使館 IVR without the embassy: case sent to police, press 0', least: 'high', text: '您涉嫌一宗國際洗錢案件，案件已移交中國警方，請按0' },
  { name: '冒充领导: bare 我是李总, pay this account', least: 'high', text: '我是李总，我在开会，你先给这个账户转5万' },
  { name: '冒充領導: bare 我是李總, pay this account', least: 'high', text: '我是李總，我在開會，你先給這個帳戶轉5萬' },
  { name: '冒充老板: pay the vendor from the company account, paperwork later', least: 'medium', text: '老板说这批货急要，你先用公司账户付给这个厂商，我晚点补单' },
  { name: '冒充老闆: pay the vendor from the company account, paperwork later', least: 'medium', text: '老闆說這批貨急要，你先用公司帳戶付給這個廠商，我晚點補單' },
  { name: '冒充熟人: wallet lost away from home, lend me money', least: 'medium', text: '在吗？我是小李，我在外地出差钱包丢了，能不能先借我2000块应急' },
  { name: '冒充熟人: wallet lost away from home, lend me money (Hant)', least: 'medium', text: '在嗎？我是小李，我在外地出差錢包丟了，能不能先借我2000塊應急' },
  { name: 'freeze: counter in person, but also a link', least: 'medium', text: '您的账户已被冻结，请本人携带身份证到柜台办理解冻，或点击 http://bit.ly/abc 在线解冻。' },
  { name: 'freeze: counter in person, but also a link (Hant)', least: 'medium', text: '您的帳戶已被凍結，請本人攜帶身分證到櫃檯辦理解凍，或點擊 http://bit.ly/abc 線上解凍。' },
  { name: 'freeze: counter in person, but also a number to call', least: 'medium', text: '您的账户已被冻结，请本人携带身份证到柜台办理解冻，如不便前往请致电 400-123-4567 办理。' },
  { name: 'freeze: counter in person, but also a number to call (Hant)', least: 'medium', text: '您的帳戶已被凍結，請本人攜帶身分證到櫃檯辦理解凍，不便前往請致電 02-2345-6789 辦理。' },
  { name: 'freeze: counter in person, but also a safe account', least: 'high', text: '您的账户已被冻结，请本人携带身份证到柜台办理解冻，或先将余额转入安全账户。' },
  { name: 'freeze: counter in person, but also a safe account (Hant)', least: 'high', text: '您的帳戶已被凍結，請本人攜帶身分證到櫃檯辦理解凍，或先將餘額轉入安全帳戶。' },
];

const ordinary: { name: string; text: string }[] = [
  { name: 'advice: embassies do not ask for keys', text: '使馆不会通过电话要求按键转接，谨防诈骗' },
  { name: 'advice: embassies do not ask for keys (Hant)', text: '使館不會通過電話要求按鍵轉接，謹防詐騙' },
  { name: 'consulate: passport ready at the counter', text: '中国驻纽约总领馆：您申请的护照已办理完成，请本人携带回执于工作日到领馆证件大厅窗口领取。' },
  { name: 'consulate: passport ready at the counter (Hant)', text: '中國駐紐約總領館：您申請的護照已辦理完成，請本人攜帶回執於工作日到領館證件大廳窗口領取。' },
  { name: 'consulate open day', text: '本周六领馆开放日，欢迎同胞参观，详情请看官网。' },
  { name: 'colleague: the boss is in a meeting', text: '王总在开会，你晚点再打给他吧' },
  { name: 'colleague: the boss is in a meeting (Hant)', text: '王總在開會，你晚點再打給他吧' },
  { name: 'advice: tax before withdrawal is a scam', text: '提醒：凡是要求先交税才能提现的都是诈骗' },
  { name: 'advice: tax before withdrawal is a scam (Hant)', text: '提醒：凡是要求先交稅才能提現的都是詐騙' },
  { name: 'app: withdrawal failed, check the card', text: '提现失败，请检查银行卡号后重新提交。' },
  { name: 'app: no withdrawals on holidays', text: '节假日期间无法提现，请于工作日再操作。' },
  { name: 'advice: cancelling 校园贷 is a scam', text: '注销校园贷都是骗局，请勿相信' },
  { name: 'advice: cancelling 校园贷 is a scam (Hant)', text: '註銷校園貸都是騙局，請勿相信' },
  { name: 'advice: self-kidnapping described', text: '反诈提醒：有人让你一个人住进酒店、关掉手机、拍被绑的照片发给父母，这是虚拟绑架诈骗。' },
  { name: 'hotel booking', text: '【携程】您已成功预订如家酒店（大床房）1间，入住日期12月5日，一人入住，请携带身份证办理入住。' },
  { name: 'hotel booking (Hant)', text: '【攜程】您已成功預訂如家酒店（大床房）1間，入住日期12月5日，一人入住，請攜帶身分證辦理入住。' },
  { name: 'a video with a bow for mum', text: '我们拍了一个绑着蝴蝶结的视频发给我妈，她很开心。' },
  { name: 'cinema: phones off', text: '电影院里请关掉手机，不要打扰别人。' },
  { name: 'bank wealth-management ad', text: '【招商银行】朝朝宝稳健理财，七日年化2.1%，下载招商银行APP即可购买。理财有风险，投资需谨慎。' },
  { name: 'bank wealth-management ad (Hant)', text: '【招商銀行】朝朝寶穩健理財，七日年化2.1%，下載招商銀行APP即可購買。理財有風險，投資需謹慎。' },
  { name: 'advice: teacher and sure profit', text: '反诈提醒：网友说跟着导师在投资平台每天稳赚、叫你下载APP的，都是诈骗。' },
  { name: 'lab work with a teacher', text: '我跟着老师做了三个月的实验，终于发论文了。' },
  { name: 'a photo app', text: '你要不要也下载这个APP试试，拍照挺好看的。' },
  { name: 'bill reminder: pay on time, overdue affects credit', text: '我是京东金融客服，您本月的账单已出，请按时还款，逾期会影响征信。' },
  { name: 'bill reminder: pay on time, overdue affects credit (Hant)', text: '我是京東金融客服，您本月的帳單已出，請按時還款，逾期會影響徵信。' },
  { name: 'bank: account frozen, come to the counter in person', text: '您的账户已被冻结，请本人携带身份证到柜台办理解冻。' },
  { name: 'bank: account frozen, come to the counter in person (Hant)', text: '您的帳戶已被凍結，請本人攜帶身分證到櫃檯辦理解凍。' },
  { name: 'advice: fake boss transfers', text: '冒充领导要求转账的都是诈骗，请先电话核实' },
  { name: 'advice: fake boss transfers (Hant)', text: '冒充領導要求轉帳的都是詐騙，請先電話核實' },
  { name: 'advice: fake boss pays the vendor', text: '冒充老板让你用公司账户付给厂商、说晚点补单的，都是诈骗，请先电话核实。' },
  { name: 'advice: fake boss pays the vendor (Hant)', text: '冒充老闆讓你用公司帳戶付給廠商、說晚點補單的，都是詐騙，請先電話核實。' },
  { name: 'advice: robocall case transfer', text: '警方提醒：自动语音说您的案件已移交警方、请按0转人工的，都是诈骗，请直接挂断。' },
  { name: 'advice: robocall case transfer (Hant)', text: '警方提醒：自動語音說您的案件已移交警方、請按0轉人工的，都是詐騙，請直接掛斷。' },
  { name: 'colleague: 李总 in a meeting, contract this afternoon', text: '李总在开会，合同下午再签' },
  { name: 'colleague: 李總 in a meeting, contract this afternoon (Hant)', text: '李總在開會，合同下午再簽' },
  { name: 'real boss: meeting moved', text: '我是王总，下午的会改到三点。' },
  { name: 'friend: wallet lost, going home', text: '钱包丢了，我先回家了' },
  { name: 'friend: wallet lost, going home (Hant)', text: '錢包丟了，我先回家了' },
  { name: 'advice: friend who lost a wallet asks to borrow', text: '反诈提醒：自称熟人说钱包丢了、要借钱应急的，请先打电话核实。' },
];

describe('MPS fraud-type probes reach their level', () => {
  it.each(scams)('$name', ({ least, text }) => {
    expectAtLeast(text, least);
  });
});

describe('warnings and ordinary texts with the same words stay at most low', () => {
  it.each(ordinary)('$name', ({ text }) => {
    expectAtMost(text);
  });
});
