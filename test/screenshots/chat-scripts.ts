/**
 * Conversations for generated chat screenshots, hand-written for these tests (no corpus text): English, Simplified and
 * Traditional Chinese and Spanish, scam and benign. `other` is the left bubble (the other party), `user` the right one.
 */

/** Who sent a bubble: the other party (left) or the phone's owner (right). */
export type ChatSide = 'other' | 'user';

/** One bubble, or a centred timestamp row between bubbles. */
export type ChatItem = { side: ChatSide; text: string } | { time: string };

/** The script of one screenshot. */
export interface ChatScript {
  id: string;
  /** Script of the text: picks the CJK font (Simplified or Traditional glyph forms) and the app's own labels. */
  script: 'en' | 'es' | 'zh-Hans' | 'zh-Hant';
  kind: 'scam' | 'benign';
  /** The chat title: the contact's name or number. */
  title: string;
  items: ChatItem[];
}

/** Every script; the generator renders each in several app layouts, light and dark. */
export const CHAT_SCRIPTS: readonly ChatScript[] = [
  {
    id: 'en-police',
    script: 'en',
    kind: 'scam',
    title: 'Officer Daniels',
    items: [
      { time: 'Today 10:24' },
      { side: 'other', text: 'This is Officer Daniels from the Metropolitan Police. Your bank account is linked to a money laundering case.' },
      { side: 'user', text: 'What? I have done nothing wrong.' },
      { side: 'other', text: 'To protect your savings you must transfer them to a safe account today. Do not tell anyone, not even your family.' },
      { side: 'user', text: 'Which account should I use?' },
      { side: 'other', text: 'I will send you the account number now.' },
    ],
  },
  {
    id: 'en-new-number',
    script: 'en',
    kind: 'scam',
    title: '+44 7700 900481',
    items: [
      { time: 'Yesterday 21:05' },
      { side: 'other', text: 'Hi Mum, it is me. I dropped my phone, this is my new number.' },
      { side: 'user', text: 'Oh no, are you all right?' },
      { side: 'other', text: 'I am in trouble and need to pay a bill today. Can you send 800 pounds now? I will pay you back tomorrow.' },
    ],
  },
  {
    id: 'en-benign-dinner',
    script: 'en',
    kind: 'benign',
    title: 'Aunt Rose',
    items: [
      { time: 'Sat 17:40' },
      { side: 'other', text: 'Are you still coming for dinner on Sunday?' },
      { side: 'user', text: 'Yes, we will be there around six.' },
      { side: 'other', text: 'Lovely. Bring the kids, I made an apple pie.' },
      { side: 'user', text: 'They will be thrilled. See you then!' },
    ],
  },
  {
    id: 'zh-hans-police',
    script: 'zh-Hans',
    kind: 'scam',
    title: '李警官',
    items: [
      { time: '今天 上午10:24' },
      { side: 'other', text: '您好，我是上海市公安局的李警官，你的身份证涉嫌一起洗钱案。' },
      { side: 'user', text: '怎么可能？我什么都没做。' },
      { side: 'other', text: '为了配合调查，你需要把资金转到安全账户接受资金清查。这件事必须保密，不要告诉任何人。' },
      { side: 'user', text: '那我要转到哪个账户？' },
    ],
  },
  {
    id: 'zh-hans-new-number',
    script: 'zh-Hans',
    kind: 'scam',
    title: '儿子',
    items: [
      { time: '昨天 晚上9:05' },
      { side: 'other', text: '妈，是我，我换号码了，手机摔坏了。' },
      { side: 'user', text: '你没事吧？' },
      { side: 'other', text: '我出事了，急需用钱，快给我转五千块，明天就还你。' },
    ],
  },
  {
    id: 'zh-hans-benign-dinner',
    script: 'zh-Hans',
    kind: 'benign',
    title: '王阿姨',
    items: [
      { time: '星期六 下午5:40' },
      { side: 'other', text: '周日晚上还来吃饭吗？' },
      { side: 'user', text: '来的，我们六点左右到。' },
      { side: 'other', text: '好呀，把孩子们也带来，我做了红烧肉。' },
      { side: 'user', text: '太好了，到时候见！' },
    ],
  },
  {
    id: 'zh-hant-police',
    script: 'zh-Hant',
    kind: 'scam',
    title: '陳警官',
    items: [
      { time: '今天 上午10:24' },
      { side: 'other', text: '您好，我是台北市警察局的陳警官，你的帳戶涉嫌洗錢案件。' },
      { side: 'user', text: '怎麼會這樣？' },
      { side: 'other', text: '你必須把存款轉到安全帳戶配合調查，這件事要保密，不要告訴家人。' },
      { side: 'user', text: '好的，我該怎麼做？' },
    ],
  },
  {
    id: 'zh-hant-benign-dinner',
    script: 'zh-Hant',
    kind: 'benign',
    title: '林阿姨',
    items: [
      { time: '星期六 下午5:40' },
      { side: 'other', text: '週日晚上還來吃飯嗎？' },
      { side: 'user', text: '會的，我們六點左右到。' },
      { side: 'other', text: '好啊，把孩子們也帶來，我做了滷肉飯。' },
      { side: 'user', text: '太好了，到時候見！' },
    ],
  },
  // More Traditional chats (hand-written, Taiwan and Hong Kong usage) so the re-read's thresholds
  // (traditional-reread.ts) are measured on more than two conversations: each has characters PP-OCRv4's
  // dictionary lacks (錢 麼 須 帳 週 嗎 …) in the middle and at the ends of lines.
  {
    id: 'zh-hant-installment',
    script: 'zh-Hant',
    kind: 'scam',
    title: '購物網客服',
    items: [
      { time: '昨天 下午8:12' },
      { side: 'other', text: '您好，這裡是購物網客服，系統錯誤把您的訂單設成十二期分期付款。' },
      { side: 'other', text: '您須到附近的ATM操作解除，否則每個月會從您的帳戶自動扣款。' },
      { side: 'user', text: '要怎麼解除？' },
      { side: 'other', text: '銀行專員會打給您，照著他說的按，先不要掛斷，也別告訴別人。' },
    ],
  },
  {
    id: 'zh-hant-new-number',
    script: 'zh-Hant',
    kind: 'scam',
    title: '+852 6123 4587',
    items: [
      { time: '今天 下午3:05' },
      { side: 'other', text: '爸，我換了新號碼，舊手機掉進水裡壞了，先存這個。' },
      { side: 'user', text: '是阿明嗎？' },
      { side: 'other', text: '是啊。我急需一筆錢繳學費，可以先幫我轉帳三萬到這個帳戶嗎？' },
      { side: 'other', text: '下週就還你，先別跟媽說。' },
    ],
  },
  {
    id: 'zh-hant-benign-clinic',
    script: 'zh-Hant',
    kind: 'benign',
    title: '姊姊',
    items: [
      { time: '星期一 上午9:30' },
      { side: 'other', text: '下週二我帶爸去醫院回診，妳要一起去嗎？' },
      { side: 'user', text: '好啊，幾點出門？' },
      { side: 'other', text: '早上九點，我開車去接妳們。記得帶健保卡和上次的藥袋。' },
      { side: 'user', text: '知道了，麻煩妳囉。' },
    ],
  },
  // Spanish, hand-written: the "hi mum, new number" plea (Spain's and Latin America's most reported WhatsApp
  // scam) and a family chat; every accent, ñ, ¿ and ¡ the recognizer has to get through.
  {
    id: 'es-new-number',
    script: 'es',
    kind: 'scam',
    title: '+34 612 48 09 73',
    items: [
      { time: 'Ayer 21:05' },
      { side: 'other', text: 'Hola mamá, este es mi nuevo número. Se me cayó el móvil y se rompió la pantalla.' },
      { side: 'user', text: '¿Estás bien, hija?' },
      { side: 'other', text: 'Sí, pero tengo un problema: hoy tengo que pagar una factura y no puedo entrar en el banco desde este teléfono.' },
      { side: 'other', text: '¿Me puedes hacer una transferencia de 850 euros? Mañana te lo devuelvo.' },
      { side: 'user', text: '¿A qué cuenta?' },
    ],
  },
  {
    id: 'es-benign-lunch',
    script: 'es',
    kind: 'benign',
    title: 'Tía Carmen',
    items: [
      { time: 'Sáb 17:40' },
      { side: 'other', text: '¿Venís a comer el domingo? Es el cumpleaños de la abuela.' },
      { side: 'user', text: 'Sí, llegamos sobre las dos.' },
      { side: 'other', text: 'Qué bien. Traed a los niños, he hecho tarta de manzana y flan.' },
      { side: 'user', text: '¡Les va a encantar! Hasta el domingo.' },
    ],
  },
];
