import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Simplified-Chinese chat scripts (WeChat/QQ screenshots after OCR, stray spaces kept) written for these tests
 * from the Ministry of Public Security's list of common telecom-fraud types, not from corpus text. Each reaches
 * at least its level as a message; the warnings and ordinary chats after them stay at most low.
 */
const scams: { name: string; least: Level; text: string }[] = [
  { name: '刷单: like and follow for commission', least: 'medium', text: '亲 我们这边是抖音点赞关注的兼职，做任务一单佣金3-5元，做完截图发我 立即返佣 日结' },
  { name: '刷单: advance task', least: 'medium', text: '第二个任务是垫付任务，先在平台充值 1000 元，完成后返还本金加 15% 佣金' },
  { name: '刷单: chained orders block withdrawal', least: 'medium', text: '您这是连单了，系统卡单，需要继续 充值 3 笔才能提现 本金和佣金一起返还' },
  { name: '投资: teacher trades, top up first', least: 'medium', text: '老师带我们在这个平台操作 ， 收益很高 ， 你先充 一万 试试 ，跟着老师的指令买入' },
  { name: '投资: frozen account, margin to unfreeze', least: 'medium', text: '您的账户 已被冻结，需要缴纳 20% 保证金才能解冻 提现' },
  { name: '博彩: the plan man', least: 'medium', text: '我是计划员，跟着我的计划下注，稳定盈利，把把 跟单 一天 赚 几千' },
  { name: '博彩: insider plan on a lottery site', least: 'medium', text: '这个彩票平台有内部计划，跟单 胜率90% 以上，充值 500 就能开始' },
  { name: 'USDT: collect on your card for a cut', least: 'medium', text: '招 USDT 代收 ，用你的银行卡 帮忙收款，每单 给你 3个点 的 佣金' },
  { name: '跑分: rent your QR code', least: 'medium', text: '跑分 兼职 ，提供 支付宝 收款码 ，日入 上千 ，无需 本金' },
  { name: '校园贷: cancel or your credit suffers', least: 'medium', text: '您好 我们是 京东金融 客服，您 大学 期间开通了 校园贷 账户，现在 国家 要求 注销，不注销 会 影响 征信' },
  { name: '杀猪盘: the lover brings you to a platform', least: 'medium', text: '宝贝 你 相信 我 ，这个 平台 有 漏洞 ，你 先 注册 充 五万 ，我 教你 怎么 操作' },
  { name: '冒充领导: new WeChat, no calls, pay someone', least: 'medium', text: '这是我的新微信，原来的号不用了，我这会儿不方便接电话，你先帮我给李总转五万，急用' },
  { name: '冒充领导: in a meeting, transfer now', least: 'medium', text: '我 在 开会 不方便 接电话 ，你 先 帮我 转 8 万 给 这个 账户 ，合同 急用 ，回头 我 报给 你' },
  { name: '网贷: unfreeze fee', least: 'medium', text: '您的 贷款 已 审批 通过 ，但 您的 银行卡 号 填写 错误 ，资金 被 冻结 ，需要 缴纳 解冻金 5000 元' },
  { name: '网贷: risk deposit before the loan', least: 'medium', text: '放款前 需要 先交 3000 元 的 风险金 证明 您 有 还款 能力 ，放款 后 一起 退还' },
  { name: '客服: lost parcel, double compensation', least: 'medium', text: '您好 我是 淘宝 客服 ，您 购买 的 商品 快递 丢失 了 ，我们 这边 给您 双倍 理赔 ，请 加 一下 我的 QQ' },
  { name: '客服: cancel the million cover or be charged', least: 'medium', text: '您 开通 了 百万 保障 服务 ，不 取消 的话 每月 会 自动 扣费 800 元 ，请 按 我 说的 操作' },
  { name: '客服: screen share for the refund', least: 'medium', text: '请 打开 腾讯会议 ，点击 屏幕 共享 ，我 指导 您 操作 退款' },
  { name: '部队采购: order, then the designated supplier', least: 'medium', text: '你好 我们 部队 要 订 50 份 餐 ，另外 需要 你 帮 代购 一批 特供 酒 ，先 付 给 我们 指定 的 供应商' },
];

const ordinary: { name: string; text: string }[] = [
  { name: 'police: every 刷单 is a scam', text: '反诈中心提醒：凡是刷单都是诈骗，凡是让你垫付、充值做任务的都是骗子。' },
  { name: 'police: 计划员 betting is fraud', text: '警方提示：所谓“计划员”带你下注赢钱的都是赌博诈骗，切勿相信。' },
  { name: 'police: renting a QR code is a crime', text: '凡是让你出租收款码、跑分的都是诈骗，请勿参与。' },
  { name: 'police: teacher deposit', text: '反诈提醒：群里“老师”让你往陌生平台充值入金的，都是诈骗。' },
  { name: 'police: refund with screen share', text: '反诈中心提醒：客服以退款为由让你屏幕共享的都是诈骗。' },
  { name: 'police: fake boss on a new WeChat', text: '警惕：有人自称领导加你新微信，说不方便接电话让你帮忙转账的，一定要当面或电话核实。' },
  { name: 'office: advance the travel costs', text: '领导让我先垫付差旅费，回来按公司流程报销。' },
  { name: 'office: new number, nothing asked', text: '这是我的新号，麻烦存一下。' },
  { name: 'shop: refund returned', text: '您好，退款已原路返回，预计1-3个工作日到账，请注意查收。' },
  { name: 'meeting link', text: '明天的周会用腾讯会议，会议号稍后发群里。' },
  { name: 'foreign trade order follower job', text: '招聘外贸跟单员，负责订单进度跟进。' },
  { name: 'phone benchmark', text: '这款手机的安兔兔跑分超过一百万。' },
];

describe('Simplified-Chinese chat scams reach their level', () => {
  it.each(scams)('$name', ({ least, text }) => {
    expectAtLeast(text, least);
  });
});

describe('Chinese warnings and ordinary chats about the same things stay at most low', () => {
  it.each(ordinary)('$name', ({ text }) => {
    expectAtMost(text);
  });
});
