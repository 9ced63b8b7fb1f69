/**
 * Hostile inputs for the matcher (issue 9): the 200,000-character requests that took 35-39 s each before the
 * engine was bounded, floods of one character of every class the normalizer and the patterns treat apart, and
 * floods of the literals the patterns are anchored on. Written for Safeword, no corpus text.
 */

/** One adversarial input: a name for the table and the text. */
export interface AdversarialInput {
  name: string;
  text: string;
}

/** `head` followed by `unit` repeated until the text is `length` characters long. */
function flood(head: string, unit: string, length: number): string {
  const text = head + unit.repeat(Math.ceil((length - head.length) / unit.length));
  return text.slice(0, length);
}

/** One character of each class: ASCII letters, digits, punctuation, spaces, Han, marks, invisibles, astral. */
const CHARACTER_CLASSES: readonly [string, string][] = [
  ['letter a', 'a'],
  ['digit 1', '1'],
  ['space', ' '],
  ['newline', '\n'],
  ['dot', '.'],
  ['hyphen', '-'],
  ['slash', '/'],
  ['colon', ':'],
  ['at sign', '@'],
  ['dollar', '$'],
  ['quote', '"'],
  ['Han 中', '中'],
  ['Han punctuation ，', '，'],
  ['traditional 體', '體'],
  ['full-width Ａ', 'Ａ'],
  ['Cyrillic а', 'а'],
  ['combining acute', '\u0301'],
  ['zero-width space', '\u200b'],
  ['Braille blank', '\u2800'],
  ['C1 control U+0085', '\u0085'],
  ['emoji', '😀'],
  ['lone surrogate', '\ud800'],
];

/** Every adversarial input at `length` characters (200,000 in the bench). */
export function adversarialInputs(length = 200_000): AdversarialInput[] {
  const inputs: AdversarialInput[] = [
    { name: '"x.xyz " + "a-"...', text: flood('x.xyz ', 'a-', length) },
    { name: '"www." + "a-"...', text: flood('www.', 'a-', length) },
    { name: '"x.com/ " + "a-"...', text: flood('x.com/ ', 'a-', length) },
    { name: '"gmail .com claim " + "a."...', text: flood('gmail .com claim ', 'a.', length) },
    { name: '"x.apk " + "http://"...', text: flood('x.apk ', 'http://', length) },
  ];
  for (const [name, char] of CHARACTER_CLASSES) inputs.push({ name: `flood: ${name}`, text: flood('', char, length) });
  for (const unit of ['claim ', 'www.', 'http://', 'ignore ', 'a.b ', '转账', '我是', 'you ', 'a-b.', '被']) {
    inputs.push({ name: `literal flood: ${JSON.stringify(unit)}`, text: flood('', unit, length) });
  }
  return inputs;
}
