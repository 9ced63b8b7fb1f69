import { describe, it } from 'vitest';
import type { Level } from '../../src/core/verdict.ts';
import { expectAtLeast, expectAtMost } from './level-expect.ts';

/**
 * Chinese scripts written for these tests (not corpus text) from the public fraud lists: the Ministry of
 * Public Security's common telecom-fraud types and Taiwan's 165 anti-fraud categories, each in Simplified and
 * Traditional characters. A scenario reaches at least its level; an ordinary notice stays at most low.
 */
const scenarios: { name: string; least: Level; hans: string; hant: string }[] = [
  {
    name: '165 smishing: parking fee unpaid + link',
    least: 'medium',
    hans: '【停车管理处】您有一笔停车费尚未缴纳，逾期将加收罚款，请点击 http://park-pay.top/a 缴费。',
    hant: '【停車管理處】您有一筆停車費尚未繳納，逾期將加收罰款，請點擊 http://park-pay.top/a 繳費。',
  },
  {
    name: '165 smishing: traffic fine, licence suspended + link',
    least: 'medium',
    hans: '【监理站】您的交通罚单逾期未缴，将吊销您的驾照，请至 mvdis-tw.cc 处理。',
    hant: '【監理站】您的交通罰單逾期未繳，將吊銷您的駕照，請至 mvdis-tw.cc 處理。',
  },
  {
    name: '165 smishing: operator points expire today, redeem by link',
    least: 'medium',
    hans: '【电信】您的门号尚有2680点将于今日到期，请点击连结 https://pt-gift.xyz 立即兑换好礼。',
    hant: '【電信】您的門號尚有2680點將於今日到期，請點擊連結 https://pt-gift.xyz 立即兌換好禮。',
  },
  {
    name: '165 smishing: account suspended + link',
    least: 'medium',
    hans: '【购物网】您的账户已被停权，请于24小时内登录 shop-verify.top 恢复使用。',
    hant: '【購物網】您的帳戶已被停權，請於24小時內登入 shop-verify.top 恢復使用。',
  },
  {
    name: '165 fake investment: "I called you before", free picks, add LINE',
    least: 'medium',
    hans: '你好，我是近期给你打电话的证券助理，导师免费三档报牌送给你，请加我LINE领取。',
    hant: '你好，我是近期給你打電話的證券助理，導師免費三檔報牌送給你，請加我LINE領取。',
  },
  {
    name: 'MPS leader impersonation: red envelope refused, transfer it for me',
    least: 'high',
    hans: '我是你们王总，给领导准备的红包他们不收，我这边不方便出面，你先帮我转五万给他，明天还你。',
    hant: '我是你們王總，給領導準備的紅包他們不收，我這邊不方便出面，你先幫我轉五萬給他，明天還你。',
  },
  {
    name: 'MPS fake investment: guaranteed profit, borrow to top up',
    least: 'medium',
    hans: '你只要按照我说的买，保证可以赚钱。钱不够的话先去网贷借点，充进平台很快就回本。',
    hant: '你只要按照我說的買，保證可以賺錢。錢不夠的話先去網貸借點，充進平台很快就回本。',
  },
  {
    name: '165 fake job: mail your passbook and ATM card',
    least: 'medium',
    hans: '家庭代工日领两千，只需寄出您的存折和提款卡给公司报税用。',
    hant: '家庭代工日領兩千，只需寄出您的存摺和提款卡給公司報稅用。',
  },
  {
    name: '165 fake buyer: your shop is not verified, contact the service link',
    least: 'medium',
    hans: '你的卖场还没有认证，我这边无法下单，请点击客服连结 http://shop-kf.top 签署金流服务。',
    hant: '你的賣場還沒有認證，我這邊無法下單，請點擊客服連結 http://shop-kf.top 簽署金流服務。',
  },
  {
    name: 'smishing that borrows the code notice line: account frozen + link',
    least: 'medium',
    hans: '【某银行】验证码482913，请勿告知他人，您的账户已被冻结，请点击链接 http://bank-jd.top 解除。',
    hant: '【某銀行】驗證碼482913，請勿告知他人，您的帳戶已被凍結，請點擊連結 http://bank-jd.top 解除。',
  },
  {
    name: 'MPS fake police: the case is pinned on you, detention threatened, pay to clear it',
    least: 'high',
    hans: '我是公安局的李警官，您的身份证涉嫌一起洗钱案件，如不配合将对您实施拘留，请把资金转到安全账户。',
    hant: '我是公安局的李警官，您的身分證涉嫌一起洗錢案件，如不配合將對您實施拘留，請把資金轉到安全帳戶。',
  },
  {
    name: 'MPS task scam: task stalled, top up to get principal plus commission back',
    least: 'medium',
    hans: '你的任务卡单了，需要再充值八千元补单，才能提现本金加佣金。',
    hant: '你的任務卡單了，需要再充值八千元補單，才能提現本金加佣金。',
  },
  {
    name: 'MPS pig butchering: a relative inside the platform, put a little in with me',
    least: 'medium',
    hans: '我舅舅在这个平台做技术，知道内部数据，你先充一点跟我一起投。',
    hant: '我舅舅在這個平台做技術，知道內部數據，你先充一點跟我一起投。',
  },
  {
    name: 'MPS fake investment group: teacher picks stocks, members post profit screenshots',
    least: 'medium',
    hans: '加入我们的理财群，导师每天在群里荐股，大家都在晒收益截图。',
    hant: '加入我們的理財群，導師每天在群裡薦股，大家都在曬收益截圖。',
  },
  {
    name: '165 game points: buy point cards and send the serial numbers',
    least: 'medium',
    hans: '帮我去超商买五千元的游戏点数，把序号拍照传给我。',
    hant: '幫我去超商買五千元的遊戲點數，把序號拍照傳給我。',
  },
  {
    name: '165 fake job: pay a deposit before you get the work',
    least: 'medium',
    hans: '在家打字月入五万，先缴保证金两千元才能领工作资料。',
    hant: '在家打字月入五萬，先繳保證金兩千元才能領工作資料。',
  },
  {
    name: '165 smishing: labour-insurance refund, register a bank account',
    least: 'medium',
    hans: '【劳保局】您有一笔退费待领取，请于三日内登记银行账户领取。',
    hant: '【勞保局】您有一筆退費待領取，請於三日內登記銀行帳戶領取。',
  },
  {
    name: 'virtual kidnapping: your child was kidnapped, get the ransom ready',
    least: 'high',
    hans: '你的孩子被我们绑架了，赶紧准备赎金，不然就撕票。',
    hant: '你的孩子被我們綁架了，趕緊準備贖金，不然就撕票。',
  },
  {
    name: '165 smishing: parcel held for unpaid shipping, click to pay',
    least: 'medium',
    hans: '【超商】您的包裹因未付运费暂存门市，请点击补缴运费。',
    hant: '【超商】您的包裹因未付運費暫存門市，請點擊補繳運費。',
  },
  {
    name: '165 smishing: overpaid premium refund, fill in your account',
    least: 'medium',
    hans: '【健保署】您的健保费有溢缴可退，请点击填写账户资料办理退费。',
    hant: '【健保署】您的健保費有溢繳可退，請點擊填寫帳戶資料辦理退費。',
  },
  {
    name: '165 fake officials: ID misused, handed on to the police, cash to a clerk',
    least: 'high',
    hans: '你的身份证被冒用涉及诈骗案件，我帮你转接刑事局，请把钱领出来交给我们派去的专员保管。',
    hant: '你的身分證被冒用涉及詐騙案件，我幫你轉接刑事局，請把錢領出來交給我們派去的專員保管。',
  },
  {
    name: '165 fake investment: free picks by private message',
    least: 'medium',
    hans: '老师带你抓飙股，三档黑马股免费送，私讯我领取。',
    hant: '老師帶你抓飆股，三檔黑馬股免費送，私訊我領取。',
  },
  {
    name: 'MPS fake child: a classmate\'s phone, fees to the teacher\'s account',
    least: 'high',
    hans: '妈，我手机掉水里了，这是同学的手机，我急需交培训费五千，你转到老师的账户上。',
    hant: '媽，我手機掉水裡了，這是同學的手機，我急需交培訓費五千，你轉到老師的帳戶上。',
  },
  {
    name: 'MPS online loan: card number typed wrong, pay to unfreeze',
    least: 'medium',
    hans: '你的贷款账户被冻结了，是因为你的银行卡号填错了，需要交钱解冻。',
    hant: '你的貸款帳戶被凍結了，是因為你的銀行卡號填錯了，需要交錢解凍。',
  },
  {
    name: 'MPS fake customer service: a refund, then move to QQ',
    least: 'medium',
    hans: '你好，我是网店客服，你买的衣服检测出甲醛超标，我们给你办理退款，请加一下我的QQ。',
    hant: '你好，我是網店客服，你買的衣服檢測出甲醛超標，我們給你辦理退款，請加一下我的QQ。',
  },
  {
    name: 'MPS sextortion: the video call was recorded, pay or it goes to all your friends',
    least: 'medium',
    hans: '刚才视频聊天的画面我都录下来了，不给钱就把视频发给你所有好友。',
    hant: '剛才視訊聊天的畫面我都錄下來了，不給錢就把影片發給你所有好友。',
  },
  {
    name: 'MPS task scam: free follow tasks, then a paid "welfare task" returning principal and a rate',
    least: 'medium',
    hans: '接待员：关注三个博主截图发给我就能领佣金。第四个是福利任务，需要充值298元，完成后返还本金和30%佣金。',
    hant: '接待員：關注三個博主截圖發給我就能領佣金。第四個是福利任務，需要儲值298元，完成後返還本金和30%佣金。',
  },
  {
    name: 'MPS pig butchering: an uncle at a broker, tonight\'s swing trade, come in with me',
    least: 'medium',
    hans: '哥哥早安，我舅舅在证券公司做分析师，今晚八点有一个波段行情，你跟着我一起进场吧。',
    hant: '哥哥早安，我舅舅在證券公司做分析師，今晚八點有一個波段行情，你跟著我一起進場吧。',
  },
  {
    name: 'MPS pig butchering: darling, crypto, follow my teacher and win',
    least: 'medium',
    hans: '宝贝我好想你，我最近在做虚拟货币，跟着我的老师操作稳赚，你也来开个账户吧。',
    hant: '寶貝我好想你，我最近在做虛擬貨幣，跟著我的老師操作穩賺，你也來開個帳戶吧。',
  },
  {
    name: 'MPS fake investment group: the teacher made us money again, open an account with the assistant',
    least: 'medium',
    hans: '老师今天又带我们赚了20个点，没跟上的赶紧找助理开户。',
    hant: '老師今天又帶我們賺了20個點，沒跟上的趕緊找助理開戶。',
  },
  {
    name: 'MPS fake investment: withdrawal blocked by a low credit score, top up',
    least: 'medium',
    hans: '提现审核未通过，原因是您的信用分不足，需要充值5万元提升信用分。',
    hant: '提現審核未通過，原因是您的信用分不足，需要儲值5萬元提升信用分。',
  },
  {
    name: 'MPS online loan: prove you can repay by topping up the same amount',
    least: 'medium',
    hans: '平台客服：您的提现金额过大，系统需要验证您的还款能力，请先充值同等金额。',
    hant: '平台客服：您的提現金額過大，系統需要驗證您的還款能力，請先儲值同等金額。',
  },
  {
    name: '165 fake loan: approved, wire a deposit before the disbursement',
    least: 'medium',
    hans: '您申请的贷款已核准，请先汇入保证金5000元至指定账户即可拨款。',
    hant: '您申請的貸款已核准，請先匯入保證金5000元至指定帳戶即可撥款。',
  },
  {
    name: '165 guess who I am: a cousin with a new LINE account, short of cash',
    least: 'high',
    hans: '我是你表哥，换了新的LINE，最近周转不灵，可以先借我三万吗？',
    hant: '我是你表哥，換了新的LINE，最近週轉不靈，可以先借我三萬嗎？',
  },
  {
    name: '165 fake buyer: the store shows an unsigned cash-flow agreement, contact the service',
    least: 'medium',
    hans: '你好，我看到你的商品想购买，但是卖场显示未签署金流协议，请你联系客服。',
    hant: '你好，我看到你的商品想購買，但是賣場顯示未簽署金流協議，請你聯繫客服。',
  },
  {
    name: 'MPS online game trade: cheap skin, pay through my trading site',
    least: 'medium',
    hans: '这个皮肤低价出售，走我给你的交易平台链接，付款后客服给你发货。',
    hant: '這個造型低價出售，走我給你的交易平台連結，付款後客服給你發貨。',
  },
  {
    name: 'MPS fake credit repair: your record can be cleaned for a fee',
    least: 'medium',
    hans: '您的征信有逾期记录，我们可以帮您修复，只需要支付3000元服务费。',
    hant: '您的徵信有逾期記錄，我們可以幫您修復，只需要支付3000元服務費。',
  },
  {
    name: '165 fake investment on a dating app: met there, then an uncle with inside news',
    least: 'medium',
    hans: '我是你的新朋友，在交友软件上认识你很开心，我叔叔是投资顾问，他有内线消息。',
    hant: '我是你的新朋友，在交友軟體上認識你很開心，我叔叔是投資顧問，他有內線消息。',
  },
  {
    name: 'phishing in Taiwan words: unusual login, tap the link to verify',
    least: 'medium',
    hans: '亲爱的会员，您的账号存在异常登录，为保障您的权益，请于24小时内点击链接重新验证。',
    hant: '親愛的會員，您的帳號存在異常登入，為保障您的權益，請於24小時內點選連結重新驗證。',
  },
  {
    name: 'MPS pig butchering chat without a demand: darling, my profit today, I will teach you',
    least: 'medium',
    hans: '早安亲爱的 昨晚睡得好吗 我刚看完盘 今天又赚了八千多 你什么时候有空我教你怎么操作',
    hant: '早安親愛的 昨晚睡得好嗎 我剛看完盤 今天又賺了八千多 你什麼時候有空我教你怎麼操作',
  },
  {
    name: 'MPS pig butchering chat: profits every day, do you invest?',
    least: 'medium',
    hans: '很高兴认识你，我在香港做金融工作，最近行情很好，我每天都有收益，你平时有理财吗？',
    hant: '很高興認識你，我在香港做金融工作，最近行情很好，我每天都有收益，你平時有理財嗎？',
  },
  {
    name: 'MPS fake investment: tax before the withdrawal, the fee named first',
    least: 'medium',
    hans: '客服：您的账户需要缴纳个人所得税后才能提现，这是规定。',
    hant: '客服：您的帳戶需要繳納個人所得稅後才能提現，這是規定。',
  },
  {
    name: '165 fake seller: cheaper off the platform, wire it to me',
    least: 'medium',
    hans: '这支手机全新只要一万二，不走虾皮可以更便宜，直接汇款到我的账户我马上寄出。',
    hant: '這支手機全新只要一萬二，不走蝦皮可以更便宜，直接匯款到我的帳戶我馬上寄出。',
  },
  {
    name: '165 fake job: lend your account to the company to receive money',
    least: 'medium',
    hans: '你好，我们公司征求兼职人员，只需要提供你的账户给公司收款，每天轻松赚三千。',
    hant: '你好，我們公司徵求兼職人員，只需要提供你的帳戶給公司收款，每天輕鬆賺三千。',
  },
  {
    name: '165 fake officials: your health card was misused, I will put you through to the police',
    least: 'medium',
    hans: '你好，这里是健保局，你的健保卡被人冒用，我帮你转接警察局处理。',
    hant: '你好，這裡是健保局，你的健保卡被人冒用，我幫你轉接警察局處理。',
  },
  {
    name: '165 celebrity investment ad: my stock group is open, free for a limited time',
    least: 'medium',
    hans: '我的投资群组开放了，限时免费加入，跟着我一起赚。',
    hant: '我的投資群組開放了，限時免費加入，跟著我一起賺。',
  },
  {
    name: 'MPS boss impersonation in a group: transfer it now, the contract when I am back',
    least: 'high',
    hans: '王总：小李，把这笔款先转到这个账户上，合同的事我回来再签，急。',
    hant: '王總：小李，把這筆款先轉到這個帳戶上，合同的事我回來再簽，急。',
  },
  {
    name: '165 fake escort: a deposit returned when you meet',
    least: 'medium',
    hans: '帅哥你好，今晚可以约，先付两千保证金，见面后退还。',
    hant: '帥哥你好，今晚可以約，先付兩千保證金，見面後退還。',
  },
  {
    name: '165 fake loan broker: a set-up fee before approval',
    least: 'medium',
    hans: '本公司提供代办贷款服务，信用不良也能贷，前置作业费5000元，核贷后再付尾款。',
    hant: '本公司提供代辦貸款服務，信用不良也能貸，前置作業費5000元，核貸後再付尾款。',
  },
  {
    name: '公安部 刷单返利 without the word: paid per order, principal back at once',
    least: 'medium',
    hans: '招兼职，每单佣金五到二十元，本金秒返，当天结算，手机就能做。',
    hant: '招兼職，每單佣金五到二十元，本金秒返，當天結算，手機就能做。',
  },
  {
    name: '公安部 冒充领导: in a meeting, pay the company account first, paperwork later',
    least: 'high',
    hans: '我是王总，我在开会不方便接电话，你先转五万到这个公司账户，手续后补。',
    hant: '我是王總，我在開會不方便接電話，你先轉五萬到這個公司帳戶，手續後補。',
  },
  {
    name: '公安部 虚假投资: withdrawal blocked until a tax is paid',
    least: 'medium',
    hans: '您的提现需缴税百分之二十，缴清后立即到账。',
    hant: '您的提現需繳稅百分之二十，繳清後立即到帳。',
  },
  {
    name: '公安部 网络游戏: free skin, the parent scans and pays',
    least: 'medium',
    hans: '这个皮肤免费送你，你先让爸爸妈妈扫个码验证一下。',
    hant: '這個皮膚免費送你，你先讓爸爸媽媽掃個碼驗證一下。',
  },
  {
    name: '公安部 直播打赏返利: gifts to the streamer, paid back threefold',
    least: 'medium',
    hans: '你给我刷礼物冲榜，公司会返你三倍的现金，先刷一个小的试试。',
    hant: '你給我刷禮物衝榜，公司會返你三倍的現金，先刷一個小的試試。',
  },
  {
    name: '公安部 虚假网络贷款: approval in minutes, no credit check, an unfreezing fee',
    least: 'medium',
    hans: '急用钱吗？三分钟审核，免征信，秒到账，需先交解冻金。',
    hant: '急用錢嗎？三分鐘審核，免徵信，秒到帳，需先交解凍金。',
  },
  {
    name: '165 假投资: next pick and a LINE contact',
    least: 'medium',
    hans: '下一档飙股盘中即将买进，加我赖领取哦。',
    hant: '下一檔飆股盤中即將買進，加我賴領取唷。',
  },
  {
    name: '165 smishing with the link cut off: health card suspended, log in to re-verify',
    least: 'medium',
    hans: '【健保署】您的健保卡已被停用，请立即点击下方重新验证身份。',
    hant: '【健保署】您的健保卡已被停用，請立即點擊下方重新驗證身分。',
  },
  {
    name: '165 smishing with the link cut off: unusual log-in, log in to lift the block',
    least: 'medium',
    hans: '您的网银账号出现异常登录，已暂停使用，请立即登录验证解除。',
    hant: '您的網銀帳號出現異常登入，已暫停使用，請立即登入驗證解除。',
  },
  {
    name: '165 fake parcel: postage short, delivery paused, pay the rest',
    least: 'medium',
    hans: '【物流通知】您的包裹已到达，因运费不足暂停配送，请点选下方补缴运费。',
    hant: '【物流通知】您的包裹已到達，因運費不足暫停配送，請點選下方補繳運費。',
  },
  {
    name: '165 fake prize: you won on our platform, tax first',
    least: 'medium',
    hans: '您在本平台中奖一百万，需先缴纳百分之十税金才能领取奖金。',
    hant: '您在本平台中獎一百萬，需先繳納百分之十稅金才能領取獎金。',
  },
  {
    name: '165 fake investment SMS: the next pick for a LINE add',
    least: 'medium',
    hans: '台股大行情来了，主力已进场，想知道下一档主升段标的，加LINE免费索取。',
    hant: '台股大行情來了，主力已進場，想知道下一檔主升段標的，加LINE免費索取。',
  },
  {
    name: '165 fake loan: bad credit still lent, approval through a specialist',
    least: 'medium',
    hans: '信用不良也能贷，负债整合，您的贷款申请已审核通过，请联系专员办理拨款。',
    hant: '信用不良也能貸，負債整合，您的貸款申請已審核通過，請聯繫專員辦理撥款。',
  },
  {
    name: '165 fake job: likes and shares paid per order, settled daily',
    least: 'medium',
    hans: '招募网络小编，按赞分享就能赚钱，一单五十元，日结薪资，有兴趣加赖。',
    hant: '招募網路小編，按讚分享就能賺錢，一單五十元，日結薪資，有興趣加賴。',
  },
  {
    name: 'MPS fake investment: capital guaranteed with a high return, from a "wealth adviser"',
    least: 'medium',
    hans: '我是银行的理财专员，我们有一个保本高收益的内部项目，名额有限。',
    hant: '我是銀行的理財專員，我們有一個保本高收益的內部項目，名額有限。',
  },
  {
    name: '165 points smishing: expiry, then "reply 1 to activate the link"',
    least: 'medium',
    hans: '【电信】您的电信币将于三个工作日内到期。请及时兑换奖赏，回复1激活链接领取。',
    hant: '【電信】您的電信幣將於三個工作日內到期。請及時兌換獎賞，回覆1激活連結領取。',
  },
  {
    name: 'MPS boss impersonation: refund the client from the company, I put it back later',
    least: 'high',
    hans: '我在开会，你在公司安排把预付款退回去给王总，我回公司后再把款补回公司，手续到时候再补。',
    hant: '我在開會，你在公司安排把預付款退回去給王總，我回公司後再把款補回公司，手續到時候再補。',
  },
  {
    name: 'MPS lottery pig butchering: the victim doubts it with 呢, the scammer pushes a loan',
    least: 'medium',
    hans: '这个高频彩票中奖率特别高，你只要按照我说的买，保证可以赚钱。我怎么听别人说这是骗局呢那是别人眼红，钱不够先去网贷借点充进来。',
    hant: '這個高頻彩票中獎率特別高，你只要按照我說的買，保證可以賺錢。我怎麼聽別人說這是騙局呢那是別人眼紅，錢不夠先去網貸借點充進來。',
  },
  {
    name: 'MPS fake child: a course with a deadline, parents to pay a "director" in person',
    least: 'medium',
    hans: '妈，学校请了名校的老师开培训课，我不会让你们失望的。报名就要截止了，要家长同意后亲自向教务陈主任报名交费。',
    hant: '媽，學校請了名校的老師開培訓課，我不會讓你們失望的。報名就要截止了，要家長同意後親自向教務陳主任報名交費。',
  },
  {
    name: 'MPS gambling agent group: everyone an agent, a share of every recruit',
    least: 'medium',
    hans: '全民皆代理！一个下级收50的分红，十个就是500，人脉就是财富。',
    hant: '全民皆代理！一個下級收50的分紅，十個就是500，人脈就是財富。',
  },
  {
    name: 'MPS task scam: a low credit score, top up before the money comes out',
    least: 'medium',
    hans: '派单员说你的信誉分不够，要补充八千元才可以把钱提出来。',
    hant: '派單員說你的信譽分不夠，要補充八千元才可以把錢提出來。',
  },
  {
    name: 'MPS fake investment: withdrawal held by risk control, a matching turnover first',
    least: 'medium',
    hans: '你的提现申请已被风控，需要做一笔同等金额的流水才能解除。',
    hant: '你的提現申請已被風控，需要做一筆同等金額的流水才能解除。',
  },
  {
    name: 'MPS task scam: pay to join before you get orders',
    least: 'medium',
    hans: '你的额度不够，先充值开通会员才能接单，接完单会员费一起退。',
    hant: '你的額度不夠，先儲值開通會員才能接單，接完單會員費一起退。',
  },
  {
    name: 'MPS fake investment pitch: the more in the more out, a regulated platform, get on board now',
    least: 'medium',
    hans: '入金越多收益越高，我们是正规平台，有国家监管，你放心投，现在上车还来得及。',
    hant: '入金越多收益越高，我們是正規平台，有國家監管，你放心投，現在上車還來得及。',
  },
  {
    name: 'MPS pig butchering: give me the money, I trade it, we split the profit, doubled in a week',
    least: 'medium',
    hans: '你先把钱转给我，我帮你操作，赚了我们分，一般人我不带，一个星期就翻倍。',
    hant: '你先把錢轉給我，我幫你操作，賺了我們分，一般人我不帶，一個星期就翻倍。',
  },
  {
    name: 'MPS online game trade: a buyer for your gear, on "this trading platform"',
    least: 'medium',
    hans: '你在游戏里的装备我出三千收，我们去这个交易平台交易，比较安全。',
    hant: '你在遊戲裡的裝備我出三千收，我們去這個交易平台交易，比較安全。',
  },
  {
    name: 'MPS fake bank service: a higher limit, your card number and code first',
    least: 'high',
    hans: '您好，我这边是银行信用卡中心，你的额度可以提升到十万，需要先验证一下你的卡号和验证码。',
    hant: '您好，我這邊是銀行信用卡中心，你的額度可以提升到十萬，需要先驗證一下你的卡號和驗證碼。',
  },
  {
    name: 'MPS fake investment: money stuck on the platform, a deposit to free it',
    least: 'medium',
    hans: '我的钱都在平台里出不来了，客服说要交百分之三十的保证金。',
    hant: '我的錢都在平台裡出不來了，客服說要交百分之三十的保證金。',
  },
  {
    name: 'MPS task scam chat: a trial order, then a stake returned with a premium, the reception teacher',
    least: 'medium',
    hans: '第一单是体验单，不用垫付。这单本金100元，完成后返还110元，完成任务后截图发给我，我给你结算佣金。',
    hant: '第一單是體驗單，不用墊付。這單本金100元，完成後返還110元，完成任務後截圖發給我，我給你結算佣金。',
  },
  {
    name: 'MPS pig butchering chat: my profit today, follow my orders, never lost',
    least: 'medium',
    hans: '亲爱的，我这边已经赚了八千了。这是行业内部的数据，我每次都看它操作，从来没亏过，你跟着我下单就可以。',
    hant: '親愛的，我這邊已經賺了八千了。這是行業內部的數據，我每次都看它操作，從來沒虧過，你跟著我下單就可以。',
  },
  {
    name: 'MPS fake investment group: the assistant gets you to open an account on a licensed platform',
    least: 'medium',
    hans: '您好，我是助理小李，老师让我来指导您下载APP开户，我们的平台有新加坡的牌照，合法合规，不会有问题。',
    hant: '您好，我是助理小李，老師讓我來指導您下載APP開戶，我們的平台有新加坡的牌照，合法合規，不會有問題。',
  },
  {
    name: '165 fake anti-fraud line: "this is the 165 line", your account in a laundering case',
    least: 'medium',
    hans: '您好，这里是165反诈骗专线，您的账户涉及洗钱案件，请配合调查。',
    hant: '您好，這裡是165反詐騙專線，您的帳戶涉及洗錢案件，請配合調查。',
  },
  {
    name: '165 smishing with the link cut off: bill unpaid, line cut today, tap to pay',
    least: 'medium',
    hans: '【电信】您本月账单尚未缴纳，将于今日停话，请立即点击缴费。',
    hant: '【電信】您本月帳單尚未繳納，將於今日停話，請立即點擊繳費。',
  },
  {
    name: '165 ATM cancel: a duplicate order the buyer must help cancel',
    least: 'medium',
    hans: '您好，您在本店购买的商品因仓库作业疏失重复下单，需要您配合操作取消。',
    hant: '您好，您在本店購買的商品因倉庫作業疏失重複下單，需要您配合操作取消。',
  },
  {
    name: '165 fake job: home typing, buy the materials first',
    least: 'medium',
    hans: '诚征居家打字员，时薪三百，需先购买教材。',
    hant: '誠徵居家打字員，時薪三百，需先購買教材。',
  },
];

/** Ordinary notices and news that must stay at most low in either script. */
const ordinary: { name: string; hans: string; hant: string }[] = [
  {
    name: 'bank transfer OTP notice',
    hans: '【某银行】转账验证码482913，转入账号尾号1234，金额5000元，请勿告知他人。',
    hant: '【某銀行】轉帳驗證碼482913，轉入帳號尾號1234，金額5000元，請勿告知他人。',
  },
  {
    name: 'app verification code that expires',
    hans: 'LINE认证码：482913（10分钟后失效），认证码请勿外流。',
    hant: 'LINE認證碼：482913（10分鐘後失效），認證碼請勿外流。',
  },
  {
    name: 'operator bill reminder',
    hans: '尊敬的客户，您本月话费已欠费36元，请及时缴费以免影响使用。',
    hant: '親愛的用戶，您本期帳單36元尚未繳納，請儘速繳費以免影響通信權益。',
  },
  {
    name: 'news: a man detained for spreading a rumour',
    hans: '该名男子因在网上散布谣言，被公安机关依法拘留七天，法院随后开庭审理。',
    hant: '該名男子因在網上散布謠言，被公安機關依法拘留七天，法院隨後開庭審理。',
  },
  {
    name: 'news: a suspect arrested after approval',
    hans: '2019年，嫌疑人经检察院批准逮捕，案件已移送法院。',
    hant: '2019年，嫌疑人經檢察院批准逮捕，案件已移送法院。',
  },
  {
    name: 'parcel ready at the pick-up point',
    hans: '【快递】您的包裹已送达便利店，请于七日内凭取件码取件。',
    hant: '【宅配】您的包裹已送達超商，請於七日內憑取件碼取件。',
  },
  {
    name: 'a colleague in a meeting',
    hans: '我在开会，不方便接电话，有事发信息，明天上午的会改到三楼。',
    hant: '我在開會，不方便接電話，有事發訊息，明天上午的會改到三樓。',
  },
  {
    name: 'news: a kidnapping suspect arrested after asking for a ransom',
    hans: '警方表示，嫌犯绑架一名男童并向家属索要赎金，目前已被抓获。',
    hant: '警方表示，嫌犯綁架一名男童並向家屬索要贖金，目前已被抓獲。',
  },
  {
    name: 'news: a kidnapping sentence',
    hans: '一名男子因绑架前女友被判处有期徒刑十年。',
    hant: '一名男子因綁架前女友被判處有期徒刑十年。',
  },
  {
    name: 'a film about a kidnapping',
    hans: '这部电影讲的是一起绑架案，主角最后拒绝支付赎金。',
    hant: '這部電影講的是一起綁架案，主角最後拒絕支付贖金。',
  },
  {
    name: 'a bank notice: a term deposit matured',
    hans: '【银行】您的定期存款已到期，本金和利息已转入您的活期账户。',
    hant: '【銀行】您的定期存款已到期，本金和利息已轉入您的活期帳戶。',
  },
  {
    name: 'marketing: a shop sale',
    hans: '【商城】双十一全场五折，下单满两百包邮，欢迎选购。',
    hant: '【商城】雙十一全場五折，下單滿兩百免運，歡迎選購。',
  },
  {
    name: 'news: the index closed higher',
    hans: '今日股市收涨，券商板块领涨，成交量较昨日放大。',
    hant: '今日股市收漲，券商類股領漲，成交量較昨日放大。',
  },
  {
    name: 'a parents group: the teacher shares the exam schedule',
    hans: '班主任老师在家长群里分享了期末考试的时间安排。',
    hant: '班導師在家長群裡分享了期末考試的時間安排。',
  },
  {
    name: 'a bank notice: if this was not you, call us',
    hans: '【银行】您尾号1234的信用卡消费1,280元，如非本人操作，请致电客服热线。',
    hant: '【銀行】您末四碼1234的信用卡消費1,280元，如非本人操作，請致電客服專線。',
  },
  {
    name: 'a toll notice: paid',
    hans: '【ETC】您本月的通行费已扣款成功，感谢使用。',
    hant: '【eTag】您本月的通行費已扣款成功，感謝使用。',
  },
  {
    name: 'friends who met on a dating app',
    hans: '我们在交友软件上认识的，现在已经结婚三年了。',
    hant: '我們在交友軟體上認識的，現在已經結婚三年了。',
  },
  {
    name: 'a friend who works at a broker',
    hans: '我舅舅在证券公司上班，每天都很忙，周末才回家。',
    hant: '我舅舅在證券公司上班，每天都很忙，週末才回家。',
  },
  {
    name: 'a teacher took the class out',
    hans: '老师今天带我们去公园写生了，很开心。',
    hant: '老師今天帶我們去公園寫生了，很開心。',
  },
  {
    name: 'a video call with colleagues, recorded for the team',
    hans: '明天上午视频会议，我会录下来发给没来的同事。',
    hant: '明天上午視訊會議，我會錄下來發給沒來的同事。',
  },
  {
    name: 'a new phone number, no ask',
    hans: '我换了新的手机号，你存一下，旧号下个月停用。',
    hant: '我換了新的手機號，你存一下，舊號下個月停用。',
  },
  {
    name: 'a login notice with the official app',
    hans: '请登录网银查看本月对账单，如有疑问请致电客服。',
    hant: '請登入網銀查看本月對帳單，如有疑問請致電客服。',
  },
  {
    name: 'a shop notice: the order shipped',
    hans: '卖场显示已出货，请留意物流通知。',
    hant: '賣場顯示已出貨，請留意物流通知。',
  },
  {
    name: 'a partner on a fund that went up',
    hans: '亲爱的，今天股市大涨，我的基金赚了一点，晚上请你吃饭。',
    hant: '親愛的，今天股市大漲，我的基金賺了一點，晚上請你吃飯。',
  },
  {
    name: 'a partner on a purchase',
    hans: '老婆，我在平台上买了一台洗衣机，你看看喜不喜欢。',
    hant: '老婆，我在平台上買了一台洗衣機，你看看喜不喜歡。',
  },
  {
    name: 'a buyer meets the seller in person',
    hans: '我们可以约在地铁站面交，当面看货再付款。',
    hant: '我們可以約在捷運站面交，當面看貨再付款。',
  },
  {
    name: 'HR asks for the salary account',
    hans: '请于本月底前提供你的银行账户给人事部，用于发放薪资。',
    hant: '請於本月底前提供你的銀行帳戶給人事部，用於發放薪資。',
  },
  {
    name: 'accounts: the supplier was paid, the invoice follows',
    hans: '会计：货款已经转到供应商账户，发票下周开。',
    hant: '會計：貨款已經轉到供應商帳戶，發票下週開。',
  },
  {
    name: 'a bank notice on ID checks for cash deposits',
    hans: '银行提醒：办理三万元以上无折存款，须出示身份证件并留存姓名及电话。',
    hant: '銀行提醒：辦理三萬元以上無摺存款，須出示身分證件並留存姓名及電話。',
  },
  {
    name: 'a boss in a meeting who asks for nothing',
    hans: '今天开会到很晚，晚点给你回电话。',
    hant: '今天開會到很晚，晚點給你回電話。',
  },
  {
    name: 'an anti-fraud slogan: 凡是…必有诈，勿轻信',
    hans: '提醒您：凡是网上要你先交保证金才能提现的，必有诈，勿轻信。',
    hant: '提醒您：凡是網路上要你先繳保證金才能提領的，必有詐，勿輕信。',
  },
  {
    name: 'a real card notice: points expire at year end, redeem in the app',
    hans: '您的信用卡红利积分将于年底到期，可于本行APP兑换。',
    hant: '您的信用卡紅利積分將於年底到期，可於本行APP兌換。',
  },
  {
    name: 'a bank approval sent to the counter',
    hans: '您的房贷申请已审核通过，请携带身份证到分行签约。',
    hant: '您的房貸申請已審核通過，請攜帶身分證到分行簽約。',
  },
  {
    name: 'a courier notice: delivery paused for the holiday',
    hans: '春节期间快递暂停配送，初五恢复派送。',
    hant: '春節期間快遞暫停配送，初五恢復派送。',
  },
  {
    name: 'a boss back from a trip who asks for a report',
    hans: '我下周回公司后再把报告补给你，合同你先放我桌上。',
    hant: '我下週回公司後再把報告補給你，合約你先放我桌上。',
  },
  {
    name: 'a teacher on a school trip',
    hans: '老师今天带大家去博物馆参观，下午四点回校。',
    hant: '老師今天帶大家去博物館參觀，下午四點回校。',
  },
  {
    name: 'deposit insurance explained',
    hans: '存款保本，但利息不高，高收益一定伴随高风险。',
    hant: '存款保本，但利息不高，高收益一定伴隨高風險。',
  },
  {
    name: 'an anti-fraud advisory on fake-child fee texts',
    hans: '警方提醒：凡是要家长把培训费转到老师个人账户的，都是诈骗，请先打电话给班主任核实。',
    hant: '警方提醒：凡是要家長把培訓費轉到老師個人帳戶的，都是詐騙，請先打電話給班導師核實。',
  },
  {
    name: 'a class notice: sign-up closes soon, pay through the school',
    hans: '本周五报名就要截止了，费用请通过学校缴费平台缴纳。',
    hant: '本週五報名就要截止了，費用請透過學校繳費平台繳納。',
  },
  {
    name: 'friends taking the bus',
    hans: '我们明天一起上车去机场，老师说明天会下雨。',
    hant: '我們明天一起上車去機場，老師說明天會下雨。',
  },
  {
    name: 'a courier app: sign the health form before taking orders',
    hans: '外卖骑手接单前要先做好健康登记，提现一般两小时到账。',
    hant: '外送員接單前要先做好健康登記，提現一般兩小時到帳。',
  },
  {
    name: 'a homework photo for the teacher',
    hans: '完成作业后截图发给老师检查，你加她微信，她会把资料发给你。',
    hant: '完成作業後截圖發給老師檢查，你加她微信，她會把資料發給你。',
  },
  {
    name: 'a partner working late',
    hans: '亲爱的，我今天加班到很晚，你跟着我走就可以，别走丢了。',
    hant: '親愛的，我今天加班到很晚，你跟著我走就可以，別走丟了。',
  },
  {
    name: 'an advisory that names the 165 line',
    hans: '接到可疑电话请拨打165反诈骗专线查证，不要依指示转账。',
    hant: '接到可疑電話請撥打165反詐騙專線查證，不要依指示轉帳。',
  },
  {
    name: 'a real log-in notice: change your password if it was not you',
    hans: '您的账号已在其他设备登录，若非本人操作请修改密码。',
    hant: '您的帳號已在其他裝置登入，若非本人操作請變更密碼。',
  },
];

describe('Chinese taxonomy scenarios reach their level in both scripts', () => {
  const rows = scenarios.flatMap((scenario) =>
    (['hans', 'hant'] as const).map((script) => ({ name: `${scenario.name} (${script})`, least: scenario.least, text: scenario[script] })),
  );
  it.each(rows)('$name', ({ least, text }) => {
    expectAtLeast(text, least);
  });
});

describe('ordinary Chinese notices and news stay at most low in both scripts', () => {
  const rows = ordinary.flatMap((notice) => (['hans', 'hant'] as const).map((script) => ({ name: `${notice.name} (${script})`, text: notice[script] })));
  it.each(rows)('$name', ({ text }) => {
    expectAtMost(text);
  });
});
