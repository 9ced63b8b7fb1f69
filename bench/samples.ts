/**
 * Synthetic benchmark inputs written for Safeword (no corpus text): ordinary and scam-like sentences in
 * English and Chinese, assembled into messages of a target size and into long call transcripts.
 */
const ENGLISH = [
  'Hi, are we still meeting for lunch tomorrow at noon?',
  'Your parcel could not be delivered, please confirm your address at the link below.',
  'This is Officer Wang from the city police, your identity was used in a money laundering case.',
  'Transfer your savings to the safe account we give you and do not tell anyone.',
  'Mom, it is me, I lost my phone and this is my new number, I am in trouble.',
  'Please install AnyDesk so our technician can fix your computer.',
  'The school will hold a safety talk with the local police on Friday.',
  'Rent for December is due on the first, thanks!',
];
const CHINESE = [
  '您好，我是市公安局的王警官，您的身份证涉嫌一起洗钱案件。',
  '请把资金转到安全账户进行资金清查，不要告诉任何人。',
  '妈，我换号了，出了点事，先别告诉爸爸。',
  '今晚回家吃饭吗？我买了鱼。',
  '请下载指定的会议软件并打开屏幕共享。',
  '您的验证码是 482913，请勿向任何人泄露。',
];
const SENTENCES = [...ENGLISH, ...CHINESE];

/** Up to `size` UTF-8 bytes of sentences from `pool`, starting at `cursor`, cut at a character boundary. */
function fill(pool: readonly string[], cursor: number, size: number, extra?: string): string {
  let text = extra ? `${extra} ` : '';
  while (Buffer.byteLength(text) < size) {
    text += `${pool[cursor % pool.length]} `;
    cursor += 3;
  }
  while (Buffer.byteLength(text) > size) text = text.slice(0, -1);
  // A flat copy, as JSON.parse gives the service: the `+=` and `.slice` above leave V8 a sliced string, through
  // which one charCodeAt pass ran 2.1× slower, so the detector/charCodeAt ratio read 48–65× where flat texts read 94–120×.
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * Messages of about `size` UTF-8 bytes, deterministic for a given count: English and Chinese messages in
 * turn (real messages are in one language), and every tenth a Chinese message quoting an English sentence.
 */
export function makeMessages(count: number, size = 500): string[] {
  const messages: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const cursor = index * 7;
    if (index % 10 === 9) messages.push(fill(CHINESE, cursor, size, ENGLISH[index % ENGLISH.length]));
    else messages.push(fill(index % 2 === 0 ? ENGLISH : CHINESE, cursor, size));
  }
  return messages;
}

/** A call transcript of about `bytes` UTF-8 bytes in "Speaker: text" lines. */
export function makeTranscript(bytes = 60_000): string {
  const lines: string[] = [];
  let size = 0;
  let index = 0;
  while (size < bytes) {
    const line = `${index % 2 === 0 ? 'Caller' : 'Callee'}: ${SENTENCES[index % SENTENCES.length]}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    index += 1;
  }
  return lines.join('\n');
}
