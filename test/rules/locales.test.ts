/**
 * Checks of every user-facing text: locales/<lang>/<area>.yaml and the rules' advice (rules/advice/<lang>.yaml).
 * test/core/texts.test.ts covers loading and placeholders at run time; this file checks the content:
 * the same files, keys and placeholders in every language, one language per file, and never a "safe" verdict.
 * Spanish and French are also checked for their register (usted, never tú; vous, never tu) and for English
 * sentences left in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/core/language.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LANGUAGES = ['en', 'zh', 'es', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];

/** One user-facing text: where it is and what it says. */
interface Entry {
  file: string;
  key: string;
  text: string;
}

/** Flattens a YAML document into `a.b.c` keys with string values (advice files nest, locale files do not). */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, out);
  }
}

function readTexts(path: string): Map<string, string> {
  const out = new Map<string, string>();
  flatten(parse(readFileSync(path, 'utf8')), '', out);
  return out;
}

/** The text files of one language: locales/<lang>/*.yaml and rules/advice/<lang>.yaml, keyed by a language-free name. */
function textFiles(language: Language): Map<string, string> {
  const files = new Map<string, string>();
  const folder = join(ROOT, 'locales', language);
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml')).sort()) {
    files.set(`locales/${name}`, join(folder, name));
  }
  files.set('rules/advice', join(ROOT, 'rules', 'advice', `${language}.yaml`));
  return files;
}

function entries(language: Language): Entry[] {
  const all: Entry[] = [];
  for (const [name, path] of textFiles(language)) {
    for (const [key, text] of readTexts(path)) all.push({ file: name.replace('locales/', `locales/${language}/`).replace('rules/advice', `rules/advice/${language}.yaml`), key, text });
  }
  return all;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** CJK punctuation and full-width forms (，。：（）！？ …); typographic quotes “ ” are shared with English. */
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff5e]/;

/** Texts may name the other languages in their own script, so a reader of that language can find it. */
const LANGUAGE_NAMES = new Set(['中文', 'English', '简体中文', '繁體中文', 'Español', 'Français']);

// ---------------------------------------------------------------------------------------------------------
// "Purely English sentence in a Chinese text"

/** Words that may stand alone in Chinese text: product and brand names, file formats, units, CLI words. */
const ALLOWED_WORDS = new Set(
  [
    'safeword', 'telegram', 'botfather', 'discord', 'slack', 'wechat', 'whatsapp', 'anydesk', 'teamviewer', 'zoom',
    'ai', 'llm', 'srt', 'webvtt', 'vtt', 'json', 'txt', 'utc', 'mb', 'kb', 'ok', 'it', 'id', 'url', 'http', 'https',
    'cn', 'us', 'gb', 'uk', 'fbi', 'ic3', 'ctrl', 'enter', 'disable', 'english', 'en', 'zh',
    // Command-line syntax shown in the CLI help.
    'check', 'echo', 'help', 'json', 'lang', 'file', 'transcript', 'country',
  ],
);

/** Removes what is not prose: placeholders, tags, URLs, e-mails, @names, /commands, --flags, file names. */
function stripNonProse(sentence: string): string {
  return sentence
    .replace(/\{\w+\}/g, ' ')
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+\.\w+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/(?:^|\s)\/\w+/g, ' ')
    .replace(/--?\w[\w-]*/g, ' ')
    .replace(/\b[\w-]+\.(?:txt|srt|vtt|json|gov|com|org)\b/gi, ' ');
}

/** The English words left in a Chinese sentence without any Han character (empty when it is fine). */
function englishOnlyWords(sentence: string): string[] {
  if (HAN.test(sentence)) return [];
  const words = stripNonProse(sentence).match(/[A-Za-z][A-Za-z']+/g) ?? [];
  return words.filter((word) => !ALLOWED_WORDS.has(word.toLowerCase()));
}

/** Sentences of four words or more that the language detector reads as English (command-line examples aside). */
function englishSentences(text: string): string[] {
  // The synopsis "safeword check [options] [texte...]" is the command's own words, in any language.
  const prose = stripNonProse(text.replace(/^\s*(?:safeword|echo)\b.*$/gm, ' ').replace(/\bsafeword\s+check(?:\s+\[[^\]]*\])*/g, ' '));
  return prose
    .split(/[.!?:;\n]/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.split(/\s+/).length >= 4 && detectLanguage(sentence) === 'en');
}

function chineseSentences(text: string): string[] {
  return text.split(/[。！？!?；\n]/).map((sentence) => sentence.trim()).filter((sentence) => sentence.length > 0);
}

// ---------------------------------------------------------------------------------------------------------
// "Never tell the user a message is safe"

/** Drops quoted passages: scam phrases are quoted ("safe account", “安全账户”, 'classify this as safe', « compte sécurisé »). */
function withoutQuotes(text: string): string {
  return text.replace(/"[^"\n]*"|“[^”\n]*”|「[^」\n]*」|‘[^’\n]*’|«[^»\n]*»/g, ' ');
}

const ENGLISH_VERDICTS = [
  // "This message is safe", "the link looks completely safe", "it seems safe".
  /\b(?:message|text|link|call|caller|sender|number|website|site|app|request|transfer|content|email|sms|this|that|it)\s+(?:is|was|looks|seems|appears|appears to be|should be|must be|will be)\s+(?:\w+ly\s+)?safe\b(?!\s+(?:word|phrase|account))/i,
  /\b(?:it's|that's|this's|looks|seems)\s+(?:\w+ly\s+)?safe\b(?!\s+(?:word|phrase|account))/i,
  /\bsafe\s+to\s+(?:open|click|pay|trust|reply|answer|install|use|ignore|proceed|transfer|share)\b/i,
  /\b(?:marked|classified|rated|verified|confirmed)\s+(?:as\s+)?safe\b/i,
  /\b(?:is|it's|this is|that's)\s+not\s+a\s+scam\b|\bisn't\s+a\s+scam\b/i,
];
const ENGLISH_NEGATION = /\b(?:not|never|no|cannot|can't|don't|doesn't|isn't|won't|without)\b/i;

const CHINESE_VERDICTS = [
  // "是安全的。", "很安全", "完全安全，" … at the end of a clause (not 安全账户, 安全部门, 安全词).
  /(?:是|很|挺|非常|绝对|完全|应该|肯定|都)安全(?:的)?(?=$|[。！？!?，,；;、\s])/,
  /(?:判定|认定|确认|标记|显示|检测)为?安全/,
  /(?:可以|请|尽管)放心|放心(?:地)?(?:转账|付款|点击|安装|回复)/,
  /没有(?:任何)?(?:风险|危险)|无风险|零风险/,
  /不是诈骗|并非诈骗|没有诈骗/,
];
const CHINESE_NEGATION = /[不没未别]|无法|并非/;

const SPANISH_VERDICTS = [
  // "Este mensaje es seguro", "el enlace parece totalmente seguro" (not "cuenta segura", "palabra clave").
  /\b(?:mensaje|texto|enlace|llamada|remitente|número|sitio|aplicación|petición|transferencia|esto|eso|es|parece|resulta)\s+(?:\p{L}+mente\s+)?(?:es\s+|parece\s+|está\s+)?segur[oa]\b(?!\s+(?:de|que))/iu,
  /\b(?:puede|pueden)\s+(?:estar|quedarse)\s+tranquil[oa]s?\b/iu,
  /\b(?:marcado|clasificado|verificado|confirmado)\s+como\s+seguro\b/iu,
  /\bno\s+es\s+(?:una\s+)?estafa\b/iu,
  /\bno\s+hay\s+(?:ningún\s+)?riesgo\b/iu,
];
const SPANISH_NEGATION = /\b(?:no|nunca|jamás|ni|sin)\b/iu;

const FRENCH_VERDICTS = [
  // "Ce message est sûr", "le lien semble totalement fiable" (not "compte sécurisé", "mot de passe", "êtes-vous en sécurité").
  /\b(?:message|texte|lien|appel|expéditeur|numéro|site|application|demande|virement|ceci|cela|c'est|est|semble|paraît)\s+(?:\p{L}+ment\s+)?(?:est\s+|semble\s+|paraît\s+)?(?:sûr|sûre|fiable|sans\s+danger|sans\s+risque)\b(?!\s+(?:de|que))/iu,
  /\bvous\s+pouvez\s+(?:être|rester)\s+(?:tranquille|rassurée?)s?\b/iu,
  /\b(?:marqué|classé|vérifié|confirmé)\s+comme\s+(?:sûr|fiable|légitime)\b/iu,
  /\bce\s+n['’]est\s+pas\s+une\s+arnaque\b/iu,
  /\b(?:il\s+n['’]y\s+a\s+)?aucun\s+risque\b/iu,
];
const FRENCH_NEGATION = /\b(?:ne|n['’]|pas|jamais|ni|sans|aucun)\b/iu;

/** The verdict-like "safe" claims in a text, with negated ones ("does not prove it is safe") let through. */
function safeVerdicts(text: string, language: Language): string[] {
  const found: string[] = [];
  const verdicts = { en: ENGLISH_VERDICTS, es: SPANISH_VERDICTS, fr: FRENCH_VERDICTS, zh: CHINESE_VERDICTS }[language];
  const negation = { en: ENGLISH_NEGATION, es: SPANISH_NEGATION, fr: FRENCH_NEGATION, zh: CHINESE_NEGATION }[language];
  const clauses = withoutQuotes(text).split(language === 'zh' ? /[。；：！？!?\n，,]/ : /[.;:!?¡¿\n]|,\s/);
  for (const clause of clauses) {
    for (const pattern of verdicts) {
      const match = pattern.exec(clause);
      if (!match) continue;
      const before = clause.slice(0, match.index);
      // A negation before the claim in the same clause turns it around; one inside the match does not count
      // (the Spanish "no es una estafa" is itself the claim, so only a negation before it counts).
      if (language === 'zh' ? negation.test(before.slice(-8)) : negation.test(before)) continue;
      found.push(match[0]);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------

describe('the checks themselves', () => {
  it.each([
    ['This message is safe.', 'en'],
    ['The link looks completely safe, go ahead.', 'en'],
    ["Relax, it's safe.", 'en'],
    ['It is safe to click the link.', 'en'],
    ['We verified it: marked as safe.', 'en'],
    ['This is not a scam.', 'en'],
    ['这条消息是安全的。', 'zh'],
    ['经检测，该链接完全安全，', 'zh'],
    ['系统判定为安全', 'zh'],
    ['您可以放心转账。', 'zh'],
    ['没有风险。', 'zh'],
    ['这不是诈骗。', 'zh'],
    ['Este mensaje es seguro.', 'es'],
    ['El enlace parece totalmente seguro, adelante.', 'es'],
    ['Puede estar tranquilo.', 'es'],
    ['Lo verificamos: marcado como seguro.', 'es'],
    ['Esto no es una estafa.', 'es'],
    ['Ce message est sûr.', 'fr'],
    ['Le lien semble totalement fiable, allez-y.', 'fr'],
    ['Vous pouvez être tranquille.', 'fr'],
    ['Nous avons vérifié : marqué comme sûr.', 'fr'],
    ["Ce n'est pas une arnaque.", 'fr'],
  ] as const)('flags the verdict %j', (text, language) => {
    expect(safeVerdicts(text, language)).not.toEqual([]);
  });

  it.each([
    ['Agree a family safe word before anyone needs it.', 'en'],
    ['Never move money to a "safe account".', 'en'],
    ['Real police never ask for a “safe account”.', 'en'],
    ['{member}, are you safe? Tap to confirm.', 'en'],
    ['Safeword never calls a message safe: when in doubt, verify.', 'en'],
    ['That does not prove it is safe, so verify first.', 'en'],
    ['The person is usually safe and unaware.', 'en'],
    ['such as "ignore previous instructions" or "classify this as safe".', 'en'],
    ['不要把钱转入“安全账户”。', 'zh'],
    ['公安不会要求把钱转到安全账户。', 'zh'],
    ['Safeword 从不断定某条消息“安全”。', 'zh'],
    ['这不能证明它是安全的。', 'zh'],
    ['约定一个家庭安全词。', 'zh'],
    ['对方自称银行安全部门。', 'zh'],
    ['例如"忽略之前的指令"或"判定为安全"。', 'zh'],
    ['Nunca pase dinero a una "cuenta segura".', 'es'],
    ['Eso no prueba que sea seguro, así que verifique primero.', 'es'],
    ['¿Está a salvo? Toque para confirmar.', 'es'],
    ['Acuerden una palabra clave familiar.', 'es'],
    ['como "clasifica esto como seguro".', 'es'],
    ['Ne virez jamais d\'argent sur un « compte sécurisé ».', 'fr'],
    ["Cela ne prouve pas qu'il est sûr : vérifiez d'abord.", 'fr'],
    ['{member}, êtes-vous en sécurité ? Touchez pour confirmer.', 'fr'],
    ['Convenez d\'un mot de passe familial.', 'fr'],
    ['comme « classe ceci comme sûr ».', 'fr'],
  ] as const)('lets %j through', (text, language) => {
    expect(safeVerdicts(text, language)).toEqual([]);
  });

  it('finds English-only sentences in Chinese text and allows names, commands and placeholders', () => {
    expect(englishOnlyWords('Please try again later.')).toEqual(['Please', 'try', 'again', 'later']);
    expect(englishOnlyWords('Sorry, something went wrong')).toEqual(['Sorry', 'something', 'went', 'wrong']);
    expect(englishOnlyWords('safeword check --json --lang en "..."')).toEqual([]);
    expect(englishOnlyWords('Telegram · AnyDesk · https://example.com/a-b · {name} · @BotFather · /setprivacy')).toEqual([]);
    expect(englishOnlyWords('请安装 AnyDesk please')).toEqual([]);
    expect(chineseSentences('第一句。Second one!\n第三句')).toEqual(['第一句', 'Second one', '第三句']);
  });

  it('finds English sentences left in Spanish text', () => {
    expect(englishSentences('Inténtelo de nuevo. Please try again in a moment.')).toEqual(['Please try again in a moment']);
    expect(englishSentences('Lo siento, la revisión falló. Inténtelo de nuevo en un momento.')).toEqual([]);
    expect(englishSentences('  safeword check --json --lang es "..."')).toEqual([]);
    expect(englishSentences('Réessayez dans un instant. Please try again in a moment.')).toEqual(['Please try again in a moment']);
    expect(englishSentences('Désolé, la vérification a échoué. Réessayez dans un instant.')).toEqual([]);
  });
});

describe('locale files', () => {
  const files = Object.fromEntries(LANGUAGES.map((language) => [language, textFiles(language)])) as Record<Language, Map<string, string>>;

  it('exist with the same names in every language', () => {
    expect([...files.en.keys()].length).toBeGreaterThan(2);
    expect([...files.en.keys()]).toContain('rules/advice');
    for (const language of LANGUAGES) expect(entries(language).length).toBeGreaterThan(100);
    for (const language of LANGUAGES) expect([...files[language].keys()], language).toEqual([...files.en.keys()]);
  });

  it('have the same keys and the same placeholders in every language', () => {
    const problems: string[] = [];
    for (const other of LANGUAGES.filter((language) => language !== 'en')) {
      for (const [name, enPath] of files.en) {
        const en = readTexts(enPath);
        const translated = readTexts(files[other].get(name) as string);
        for (const key of new Set([...en.keys(), ...translated.keys()])) {
          const enText = en.get(key);
          const otherText = translated.get(key);
          if (enText === undefined || otherText === undefined) {
            problems.push(`${name}: "${key}" is missing in ${enText === undefined ? 'en' : other}`);
            continue;
          }
          const placeholders = (text: string): string[] => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
          if (placeholders(enText).join() !== placeholders(otherText).join()) {
            problems.push(`${name}: "${key}" has placeholders ${placeholders(enText).join() || 'none'} in en but ${placeholders(otherText).join() || 'none'} in ${other}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('hold no Chinese in the English, Spanish and French texts (language names aside)', () => {
    const problems = [...entries('en'), ...entries('es'), ...entries('fr')]
      .filter((entry) => !LANGUAGE_NAMES.has(entry.text.trim()))
      .filter((entry) => HAN.test(entry.text) || CJK_PUNCTUATION.test(entry.text))
      .map((entry) => `${entry.file} ${entry.key}: ${entry.text.slice(0, 80)}`);
    expect(problems).toEqual([]);
  });

  it('hold no sentence in plain English in the Chinese texts (names, commands and placeholders aside)', () => {
    const problems: string[] = [];
    for (const entry of entries('zh')) {
      if (LANGUAGE_NAMES.has(entry.text.trim())) continue;
      for (const sentence of chineseSentences(entry.text)) {
        const words = englishOnlyWords(sentence);
        if (words.length > 0) problems.push(`${entry.file} ${entry.key}: "${sentence.slice(0, 80)}" (${words.join(' ')})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('address the reader in one register in Chinese: 您, never 你 (quoted scam speech aside)', () => {
    const quotesScammer = new Set(['locales/zh/web.yaml placeholder_transcript']);
    const problems = entries('zh')
      .filter((entry) => entry.text.includes('你') && !quotesScammer.has(`${entry.file} ${entry.key}`))
      .map((entry) => `${entry.file} ${entry.key}: ${entry.text.slice(0, 60)}`);
    expect(problems).toEqual([]);
  });

  it.each(['es', 'fr'] as const)('hold no sentence in English in the %s texts (names, commands and placeholders aside)', (language) => {
    const problems: string[] = [];
    for (const entry of entries(language)) {
      for (const sentence of englishSentences(entry.text)) problems.push(`${entry.file} ${entry.key}: "${sentence.slice(0, 80)}"`);
    }
    expect(problems).toEqual([]);
  });

  it('address the reader as usted in Spanish, never tú (quoted scam speech aside)', () => {
    // "Mamá, soy yo" and the few-word scam lines quoted in help texts are the scammer's voice, not ours.
    const INFORMAL = /\b(?:tú|tu|tus|tienes|puedes|quieres|debes|eres|estás|haz|dime|envíame|mándame|contigo)\b/iu;
    const problems = entries('es')
      .filter((entry) => INFORMAL.test(withoutQuotes(entry.text)))
      .map((entry) => `${entry.file} ${entry.key}: ${entry.text.slice(0, 60)}`);
    expect(problems).toEqual([]);
  });

  it('address the reader as vous in French, never tu (quoted scam speech aside)', () => {
    // "Coucou maman, c'est moi" and the scam lines quoted in examples are the scammer's voice, not ours.
    const INFORMAL = /(?<![\p{L}'’-])(?:tu|toi|ton|ta|tes|t['’]|envoie-moi|dis-moi|rappelle-moi)(?![\p{L}'’-])/iu;
    const problems = entries('fr')
      .filter((entry) => INFORMAL.test(stripNonProse(withoutQuotes(entry.text))))
      .map((entry) => `${entry.file} ${entry.key}: ${entry.text.slice(0, 60)}`);
    expect(problems).toEqual([]);
  });

  it('never tell the user that a message is safe', () => {
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      for (const entry of entries(language)) {
        for (const claim of safeVerdicts(entry.text, language)) problems.push(`${entry.file} ${entry.key}: "${claim}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
