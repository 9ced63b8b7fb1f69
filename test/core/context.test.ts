import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.ts';
import { findFrames, framedLevel, splitFramed, wholeTextFraming, type Frame } from '../../src/core/context.ts';
import { normalize } from '../../src/core/normalize.ts';
import { parseTranscript } from '../../src/core/transcript.ts';
import type { CheckRequest } from '../../src/core/request.ts';
import { loadRuleset } from '../../src/core/ruleset.ts';
import { levelRank, type Signal } from '../../src/core/verdict.ts';

const ruleset = loadRuleset();

function check(text: string, kind: CheckRequest['kind'] = 'message') {
  return analyze({ kind, text }, ruleset);
}

// Written for these tests (no corpus text): official warnings, a child's "it was a scam", reports of a call.
const advisories: { name: string; text: string }[] = [
  { name: 'en police never ask', text: 'The police will never ask you to transfer money to a safe account or to keep an investigation secret. If someone does, hang up.' },
  { name: 'en embassy warning', text: 'Beware of calls claiming to be from the embassy: we never ask you to pay a fine or bail by phone, and we never ask for bank codes.' },
  { name: 'en child: it was a scam', text: "Mom I'm fine, it was a scam, don't pay anyone. Nobody kidnapped me." },
  { name: 'en bank never asks', text: 'Your bank will never ask you to share your PIN or a one-time code, or to install AnyDesk.' },
  { name: 'en scammers send texts saying', text: 'FTC warning: scammers send texts saying your package could not be delivered and ask you to confirm your address. Do not reply.' },
  { name: 'zh-Hans 公安不会要求', text: '公安机关不会通过电话办案，也不会要求您将资金转入所谓安全账户，请勿相信。' },
  { name: 'zh-Hans 使馆提醒', text: '使馆提醒：谨防冒充使领馆的诈骗电话，凡是要求转账、缴纳保证金的都是诈骗。' },
  { name: 'zh-Hans 孩子报平安', text: '妈我没事，那是诈骗，别给任何人转钱，也没有人绑架我。' },
  { name: 'zh-Hant 這是詐騙', text: '這是詐騙訊息，警察不會要求你把錢轉到安全帳戶，也不會叫你去ATM解除分期付款。' },
  { name: 'zh-Hant 請勿轉帳', text: '提醒大家：銀行不會以電話要求提供驗證碼，請勿轉帳給自稱檢察官的人。' },
  { name: 'zh-Hant 必有詐 勿輕信', text: '凡是網路上要你先繳保證金才能提領的，必有詐，勿輕信。' },
  { name: 'zh-Hans 必有诈 勿轻信', text: '凡是网上要你先交保证金才能提现的，必有诈，勿轻信。' },
  { name: 'zh-Hans 提醒您谨防', text: '提醒您谨防冒充客服的退款诈骗，对方会要求您共享屏幕并转账。' },
  { name: 'zh-Hant 提醒您謹防', text: '提醒您謹防假冒客服的退款詐騙，對方會要求您共用螢幕並轉帳。' },
  { name: 'es la policía nunca le pedirá', text: 'La Policía Nacional nunca le pedirá que transfiera su dinero a una cuenta segura ni que mantenga una investigación en secreto.' },
  { name: 'es su banco nunca le solicitará', text: 'Su banco nunca le solicitará por teléfono el código de verificación ni que instale AnyDesk en su móvil.' },
  { name: 'es tenga cuidado con', text: 'Tenga cuidado con los mensajes que dicen que su paquete está retenido en la aduana y piden pagar tasas de aduana de 1,99 EUR.' },
  {
    name: 'es aviso contra la extorsión telefónica',
    text: 'Si recibe una llamada en la que le dicen que tienen secuestrado a su hijo, cuelgue y llame al 089. Los extorsionadores le pedirán que no cuelgue y que deposite en Oxxo.',
  },
  { name: 'es hijo: era una estafa', text: 'Mamá, estoy bien, era una estafa, no le pagues a nadie. Nadie me tiene secuestrado.' },
  { name: 'es alerta de fraude (aviso)', text: 'Alerta de fraude: circulan mensajes que suplantan a la DGT con multas pendientes de pago. No pulse el enlace.' },
  { name: 'es cuidado con "Hola mamá"', text: 'Cuidado con el mensaje de "Hola mamá, este es mi nuevo número": es la estafa del hijo en apuros, llama a tu hijo a su número de siempre.' },
];

const reports: { name: string; text: string }[] = [
  { name: 'en someone called saying', text: 'Someone called my mom saying I was kidnapped and they wanted 5,000 dollars. I am OK.' },
  { name: 'en I got a text claiming', text: 'I got a weird text claiming to be from the tax office saying I owe a fine, and asking me to pay by gift cards.' },
  { name: 'zh-Hans 有人打电话说', text: '有人打电话给我妈说我被绑架了，要家里转二十万赎金，我没事。' },
  { name: 'zh-Hant 對方自稱', text: '剛才接到電話說我涉嫌洗錢，對方自稱是檢察官，要我把存款轉到安全帳戶。' },
  { name: 'zh-Hans 新闻：局长表示', text: '公安局局长在记者会上表示，近期常有以法院名义打来的电话，以冻结账户为由要求转账到安全账户。' },
  { name: 'zh-Hant 查核：網傳', text: '網傳海關會以電話通知包裹內有違禁品並要求繳交罰款，相關單位已澄清。' },
  { name: 'es me llamaron diciendo', text: 'Me llamaron diciendo que tenían secuestrado a mi hermano y pedían 50 mil pesos de rescate, pero él estaba en la escuela.' },
  { name: 'es recibí un mensaje que decía', text: 'Recibí un mensaje que decía que su cuenta ha sido bloqueada y que tenía que verificar mis datos en un enlace.' },
  {
    name: 'es noticia: según la Fiscalía',
    text: 'Según la Fiscalía, la banda de extorsionadores llamaba a las víctimas diciendo que tenían secuestrado a un familiar; cinco personas están detenidas.',
  },
  { name: 'es a mi abuela le llamó un señor', text: 'A mi abuela le llamó un señor diciendo que era el agente de la policía y que su nieto estaba detenido, pidiendo la fianza.' },
];

// Scams that contain negations ("do not tell anyone", 不许报警) or a warning sentence and must stay high.
const scams: { name: string; text: string }[] = [
  { name: 'en secrecy negation', text: 'This is the Chinese embassy. Your case has been transferred to the police. Do not tell anyone, not even your family, and pay the bail of 20,000 dollars by wire transfer.' },
  { name: 'en kidnapping with do not call the police', text: 'We have your daughter. Do not call the police. Send 5,000 dollars in bitcoin within the hour.' },
  { name: 'zh-Hans 不许报警', text: '你儿子在我们手上，准备五十万赎金，不许报警，不要告诉任何人。' },
  { name: 'zh-Hans 请勿告诉他人 + 安全账户', text: '我是公安局的李警官，你涉嫌洗钱，此事请勿告诉他人。你必须把资金转到安全账户接受清查。' },
  { name: 'zh-Hant 不要告訴家人', text: '我是檢察官，你的帳戶涉嫌洗錢案，這件事不要告訴家人，馬上把錢轉到安全帳戶。' },
  {
    name: 'es no le diga a nadie + cuenta segura',
    text: 'Le habla el agente Ramírez de la Policía Nacional. Su cuenta está vinculada con una red de lavado de dinero. No le diga a nadie y transfiera sus ahorros a una cuenta segura hoy.',
  },
  { name: 'es no llame a la policía + Oxxo', text: 'Tenemos a su hija. No llame a la policía. Deposite 80 mil pesos en Oxxo antes de las seis o no la vuelve a ver.' },
  { name: 'es esto no es una estafa', text: 'Esto no es una estafa. Soy de la fiscalía, transfiera su dinero a una cuenta segura ahora.' },
  {
    name: 'es ¿es una estafa? then demand',
    text: '¿Es una estafa? No, señora. Le llamamos de la Agencia Tributaria, tiene una deuda pendiente, pague hoy por transferencia a esta cuenta para evitar el embargo de sus cuentas.',
  },
  {
    name: 'es warning sentence then demand',
    text: 'Los bancos nunca llaman, pero esto es urgente: le habla el departamento de fraudes de su banco. Para proteger sus ahorros debe transferirlos hoy a una cuenta segura.',
  },
  { name: 'en warning sentence then demand', text: 'Scammers often pretend to be banks. This is Officer Brown from the Metropolitan Police: your account is linked to money laundering, move your savings to a safe account today.' },
];

describe('framing: advisories', () => {
  it.each(advisories)('$name is an advisory and never high', ({ text }) => {
    const verdict = check(text);
    expect(verdict.framing).toBe('advisory');
    expect(verdict.level).toBe('low');
  });
});

describe('framing: reported speech', () => {
  it.each(reports)('$name is a report, not a demand', ({ text }) => {
    const verdict = check(text);
    expect(verdict.framing).toBeDefined();
    expect(levelRank(verdict.level)).toBeLessThanOrEqual(levelRank('medium'));
    expect(verdict.level).not.toBe('none');
  });
});

// 提醒您 said in passing by a smishing text or a task scam is no warning: only 提醒您 + a warning word frames.
const passingReminders: string[] = [
  '温馨提醒您：您的积分今日到期，请点击链接兑换礼品。',
  '溫馨提醒您：您的點數今日到期，請點擊連結兌換禮品。',
  '提醒您一下，你的任务卡单了，需要再充值八千补单才能提现。',
  '提醒您一下，你的任務卡單了，需要再儲值八千補單才能提現。',
];

describe('framing: 提醒您 in passing frames nothing', () => {
  it.each(passingReminders)('%s', (text) => {
    const verdict = check(text);
    expect(verdict.framing).toBeUndefined();
    expect(levelRank(verdict.level)).toBeGreaterThanOrEqual(levelRank('medium'));
  });
});

describe('framing: look-alike scams stay high', () => {
  it.each(scams)('$name', ({ text }) => {
    const verdict = check(text);
    expect(verdict.level).toBe('high');
    expect(verdict.framing).toBeUndefined();
  });

  it('an order joined by "and do not contact" is not a promise ("X will not contact"): the self-kidnapping script is read', () => {
    const verdict = check('Stay in the hotel room alone, turn off your phone and do not contact your family. We will send the video to the officer.');
    expect(verdict.framing).toBeUndefined();
    expect(verdict.categories).toContain('isolation');
    expect(levelRank(verdict.level)).toBeGreaterThanOrEqual(levelRank('medium'));
    // The promise it resembles still frames: a named subject.
    expect(check('HSBC will never contact you to ask you to move your savings to a safe account.').framing).toBe('advisory');
  });

  it('English kidnapping news stays low; a ransom call and a bail call that say "police" stay high', () => {
    for (const text of ['Police arrested two men for a virtual kidnapping scam targeting students, prosecutors said.', 'Two men were arrested after a kidnapping in Ohio, police say.']) {
      expect(levelRank(check(text).level), text).toBeLessThanOrEqual(levelRank('low'));
    }
    expect(check('We have your daughter. Do not hang up and do not call the police. Wire $5,000 now or you will never see her again.').level).toBe('high');
    expect(check("Grandma, I was arrested after an accident. The police say I need $3,000 for bail. Don't tell mom.").level).toBe('high');
  });

  it('a question ("is this a scam?") frames nothing', () => {
    const verdict = check('Is this a scam? This is the police, move your savings to a safe account today.');
    expect(verdict.level).toBe('high');
    expect(check('这是诈骗吗？我是公安局的，你涉嫌洗钱，马上把钱转到安全账户。').level).toBe('high');
    // A doubt asked with 呢 in a chat (a victim to the scammer) is a question too, in either script.
    expect(check('我怎么听别人说这是杀猪盘骗局呢，我是公安局的，你涉嫌洗钱，马上把钱转到安全账户。').level).toBe('high');
    expect(check('我怎麼聽別人說這是殺豬盤騙局呢，我是公安局的，你涉嫌洗錢，馬上把錢轉到安全帳戶。').level).toBe('high');
    // A child's promise 不会让你们失望 is no "X will not make you…" warning: the fee demand after it stays open.
    expect(check('这次我会好好努力，不会让你们失望，培训费直接转到李老师的账户就行，妈你快给我报名，报名就要截止了。').framing).toBeUndefined();
    expect(check('銀行不會讓你把錢轉到安全帳戶。').framing).toBe('advisory');
    // The statement itself still frames.
    expect(check('这是杀猪盘骗局，千万不要转账到安全账户。').framing).toBe('advisory');
    // 要不要 asks; it negates nothing: the invitation to download the platform's app stays open (either script),
    // and a real 不要下载 still frames.
    expect(check('我在一个投资平台跟着导师做了三个月，每天稳赚，你要不要也下载这个APP试试').framing).toBeUndefined();
    expect(check('我在一個投資平台跟著導師做了三個月，每天穩賺，你要不要也下載這個APP試試').framing).toBeUndefined();
    expect(check('不要下载陌生人发来的投资平台APP。').framing).toBe('advisory');
    // 别 inside 别人 / 别的 / 分别 negates nothing: the scammer's cover story for the bank stays open (either
    // script), and a real 别转账 still frames.
    expect(check('这笔钱是办案用的，你去银行时就告诉别人转账是给家里装修，马上把钱转到安全账户。').framing).toBeUndefined();
    expect(check('這筆錢是辦案用的，你去銀行時就告訴別人轉帳是給家裡裝修，馬上把錢轉到安全帳戶。').framing).toBeUndefined();
    expect(check('钱分别转账到这三个账户，今天必须完成。').framing).toBeUndefined();
    expect(check('别转账给陌生人。').framing).toBe('advisory');
    expect(check('別轉帳給陌生人。').framing).toBe('advisory');
  });

  it('"this is not a scam" is not a verdict on the text', () => {
    const verdict = check('This is not a scam. I am from the police, transfer your savings to a safe account now.');
    expect(verdict.level).toBe('high');
    expect(check('这不是诈骗，我是公安局的，你马上把钱转到安全账户。').level).toBe('high');
  });

  it('in a transcript the callee saying "this is a scam" does not frame the caller', () => {
    const text = [
      'Caller: This is Officer Brown from the police. Your account is linked to money laundering.',
      'Callee: I think this is a scam.',
      'Caller: You must transfer your savings to a safe account today, do not tell anyone.',
    ].join('\n');
    const verdict = check(text, 'transcript');
    expect(verdict.level).toBe('high');
    expect(verdict.framing).toBeUndefined();
  });
});

describe('framing: the policy', () => {
  const signal = (category: Signal['category'], start: number, end: number): Signal => ({
    ruleId: `rule-${category}`,
    category,
    weight: 3,
    start,
    end,
    quote: 'x',
    explanationId: category,
  });
  const frame = (kind: Frame['kind'], scope: Frame['scope'], scopeStart: number, scopeEnd: number, exempt: Frame['exempt'] = []): Frame => ({
    kind,
    scope,
    exempt,
    cueStart: scopeEnd - 1,
    cueEnd: scopeEnd,
    scopeStart,
    scopeEnd,
  });

  it('frames only the signals inside a scope, and never an exempt category', () => {
    const signals = [signal('payment', 5, 10), signal('isolation', 12, 16), signal('authority', 40, 45)];
    const split = splitFramed(signals, [frame('advisory', 'clause', 0, 20, ['isolation'])]);
    expect(split.framed.map((item) => item.category)).toEqual(['payment']);
    expect(split.open.map((item) => item.category)).toEqual(['isolation', 'authority']);
    expect(split.framing).toBe('advisory');
  });

  it('a cue that is part of the matched phrase frames nothing', () => {
    const split = splitFramed([signal('payment', 0, 10)], [frame('advisory', 'clause', 2, 10)]);
    expect(split.framed).toEqual([]);
  });

  it('keeps a high scam high unless a whole-text verdict frames it', () => {
    const rules = ruleset.frames.rules;
    const scoped = splitFramed([signal('payment', 0, 5), signal('authority', 50, 60)], [frame('advisory', 'sentence', 0, 20)]);
    expect(framedLevel('high', scoped, rules)).toEqual({ level: 'high', framing: undefined });
    expect(framedLevel('medium', scoped, rules)).toEqual({ level: 'low', framing: 'advisory' });
    const whole = splitFramed([signal('payment', 0, 5)], [frame('advisory', 'text', 0, 100)]);
    expect(framedLevel('high', whole, rules).level).toBe('low');
  });
});

describe('generic marketing', () => {
  it.each([
    '名额有限，先到先得！',
    '名额有限，赶紧下载官方APP，点击链接参与活动。',
    '限时优惠，名额有限，点击链接立即报名',
    '名額有限，報名從速，點擊連結立即搶購',
    '名额有限',
    '名額有限，報名從速。',
    'Limited places, book now!',
    'Download our official app and click the link to get started.',
    '下载我们的官方App，点击链接立即体验。',
  ])('%s stays below medium', (text) => {
    expect(levelRank(check(text).level)).toBeLessThan(levelRank('medium'));
  });
});

describe('framing of the whole text (what keeps the local model quiet)', () => {
  const { frames: finder } = ruleset;
  const framingOf = (text: string, kind: CheckRequest['kind'] = 'message') => {
    const normalized = normalize(text);
    const turns = kind === 'transcript' ? parseTranscript(text).turns : [];
    const roleAt = turns.length > 0 ? (offset: number) => turns.find((turn) => offset >= turn.start && offset < turn.end)?.role ?? 'unknown' : undefined;
    return wholeTextFraming(findFrames(finder, text, normalized, roleAt));
  };

  it('reads warnings and whole-text verdicts as advisories', () => {
    expect(framingOf('Your bank will never ask for your PIN. Beware of fake calls.')).toBe('advisory');
    expect(framingOf("I'm fine, it was a scam, don't pay anyone.")).toBe('advisory');
    expect(framingOf('警方提示：公检法机关不会要求您转账到安全账户。')).toBe('advisory');
    expect(framingOf('這是詐騙訊息，不要相信。')).toBe('advisory');
  });

  it('reads accounts of a scam as reports', () => {
    expect(framingOf('Someone called me saying my son had been arrested.')).toBe('report');
    expect(framingOf('今天有人打电话给我说我儿子被绑架了')).toBe('report');
  });

  it('leaves demands alone: a scammer saying it is not a scam, a lone negation, the callee calling it a scam', () => {
    expect(framingOf('Transfer the money to the safe account now and tell no one.')).toBeUndefined();
    expect(framingOf('放心，这不是诈骗，请把钱转到安全账户。')).toBeUndefined();
    expect(framingOf('This is not a scam, just pay the release fee at the link.')).toBeUndefined();
    expect(framingOf('Your parcel is on hold. Do not reply to this text, pay the fee at the link.')).toBeUndefined();
    expect(framingOf('Caller: You must pay the customs fee today.\nMe: this is a scam, right?\nCaller: Pay now or the parcel is destroyed.', 'transcript')).toBeUndefined();
    expect(framingOf('Caller: You must pay the customs fee today.\nMe: this is a scam, right?\nCaller: Pay now or the parcel is destroyed.')).toBe('advisory');
  });
});
