import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';
import { CONFUSABLES } from './confusables.ts';
import type { BrandToken, LinkData, LinkSignalId } from './link-data.ts';
import { scanLinks, type LinkCandidate } from './link-scan.ts';

/** One link signal: which finding, and the link it is about (offsets in the analysed text). */
export interface LinkFinding {
  id: LinkSignalId;
  start: number;
  end: number;
}

/** Most findings of one kind per text, like the matcher's hits per rule. */
export const MAX_FINDINGS_PER_KIND = 3;
/** How many characters before a link are searched for "download" / "下载" and "app" / "客户端". */
const DOWNLOAD_WINDOW = 40;
/** How many characters before a bare host are searched for "登录" / "visit". */
const FOLLOW_WINDOW = 12;

/** What tldts makes of a host. */
type IResult = ReturnType<typeof parse>;

const TLDTS_OPTIONS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: true } as const;
const DIGIT_AS_LETTER: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '5': 's', '4': 'a', '7': 't' };
const COMBINING_MARK = /\p{M}/gu;
const ASCII_LETTER = /[a-z]/;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const DIGIT = /[0-9]/;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/u;

/**
 * A host token as it reads to the eye: look-alike letters folded to Latin (Cyrillic "а" → "a"), marks
 * stripped, digits standing for letters read as letters when the token has letters ("paypa1" → "paypal"),
 * "rn" → "m" and "vv" → "w".
 */
export function skeleton(token: string): string {
  let out = token;
  if (!ASCII_ONLY.test(token)) {
    out = '';
    for (const char of token.normalize('NFD').replace(COMBINING_MARK, '')) out += CONFUSABLES.get(char) ?? char;
  }
  if (DIGIT.test(out) && ASCII_LETTER.test(out)) out = out.replace(/[013457]/g, (digit) => DIGIT_AS_LETTER[digit] as string);
  return out.includes('rn') || out.includes('vv') ? out.replace(/rn/g, 'm').replace(/vv/g, 'w') : out;
}

function lastLabel(suffix: string | null): string {
  if (!suffix) return '';
  const dot = suffix.lastIndexOf('.');
  return dot < 0 ? suffix : suffix.slice(dot + 1);
}

/**
 * The ids of the brands that own the parsed host: one of their domains or a host under it, their name
 * under a usual public suffix ("dhl.de" for "dhl.*"), or a public suffix label they own (gov.uk).
 */
function owners(parsed: IResult, data: LinkData): Set<string> {
  const found = new Set<string>();
  const add = (ids: string[] | undefined): void => {
    for (const id of ids ?? []) found.add(id);
  };
  const { hostname, domainWithoutSuffix, publicSuffix } = parsed;
  if (hostname) {
    // The host and each parent up to the registrable domain: weixin.qq.com, qq.com.
    let at = 0;
    for (let labels = 0; at >= 0 && labels < 8; labels += 1) {
      add(data.ownedHosts.get(hostname.slice(at)));
      const dot = hostname.indexOf('.', at);
      at = dot < 0 ? -1 : dot + 1;
    }
  }
  if (domainWithoutSuffix && !data.unusual.has(lastLabel(publicSuffix))) add(data.ownedNames.get(domainWithoutSuffix));
  if (publicSuffix) for (const label of publicSuffix.split('.')) add(data.ownedSuffixLabels.get(label));
  return found;
}

/** The brand a token names, directly or through its skeleton; `disguised` when only the skeleton matches. */
function brandOfToken(token: string, data: LinkData): { entry: BrandToken; disguised: boolean } | undefined {
  const direct = data.tokens.get(token);
  if (direct) return { entry: direct, disguised: false };
  const seen = skeleton(token);
  const folded = data.tokens.get(seen);
  if (folded) return { entry: folded, disguised: true };
  for (const entry of data.longTokens) {
    if (seen.includes(entry.token)) return { entry, disguised: !token.includes(entry.token) };
  }
  return undefined;
}

/** Whether a label mixes Latin letters with Cyrillic or Greek ones, or is all Cyrillic/Greek letters that read as Latin. */
function mixedScript(label: string): boolean {
  if (!CYRILLIC_OR_GREEK.test(label)) return false;
  if (LATIN.test(label)) return true;
  let confusable = 0;
  for (const char of label) {
    if (CONFUSABLES.has(char)) confusable += 1;
    else if (CYRILLIC_OR_GREEK.test(char)) return false;
  }
  return confusable >= 3;
}

/** What a host says about brands: a brand's name on a domain it does not own, or a disguised one. */
function brandFinding(candidate: LinkCandidate, parsed: IResult, unicodeHost: string, owned: Set<string>, data: LinkData): LinkSignalId | undefined {
  const suffix = parsed.publicSuffix ?? '';
  const ownPart = suffix && unicodeHost.endsWith(`.${suffix}`) ? unicodeHost.slice(0, -(suffix.length + 1)) : unicodeHost;
  const labels = ownPart.split('.');
  if (candidate.userinfo) labels.push(...candidate.userinfo.split(/[.:]/));
  const hostTokens = labels.flatMap((label) => label.split('-')).filter((token) => token.length > 0);
  const pathTokens = candidate.rest.split(NON_ALPHANUMERIC).filter((token) => token.length > 1).slice(0, 32);
  const unusualTld = data.unusual.has(lastLabel(suffix));
  const bait = unusualTld || hostTokens.some((token) => data.baitWords.has(token)) || pathTokens.some((token) => data.baitWords.has(token));

  let found: LinkSignalId | undefined;
  for (const token of new Set([...labels, ...hostTokens])) {
    const hit = brandOfToken(token, data);
    if (!hit || owned.has(hit.entry.brand.id)) continue;
    if (hit.entry.brand.needsBait && !bait) continue;
    if (hit.disguised) return 'link-lookalike';
    found = 'link-brand-mismatch';
  }
  if (labels.some(mixedScript)) return 'link-lookalike';
  if (found) return found;
  // A brand's name in the path of someone else's site counts only beside a bait word ("/paypal/login").
  const pathBait = pathTokens.some((token) => data.baitWords.has(token));
  if (pathBait) {
    for (const token of pathTokens) {
      const entry = data.tokens.get(token);
      if (entry && !owned.has(entry.brand.id)) return 'link-brand-mismatch';
    }
  }
  return undefined;
}

/**
 * Longest registrable label of a throwaway short-link host ("qi.lv", "51.fi", "vinted-pay.cc"): 10, as the
 * regex rule it replaces used; 4 lost one tune-split smishing text and 10 flags no legitimate one there.
 */
const SHORT_HOST_LABEL = 10;

/**
 * A link shaped like a shortened one: a registrable label of at most SHORT_HOST_LABEL characters with no
 * subdomain (or www) and one short path code ("/DyW", "/aJdD"), which is how shortener services on rarely used
 * country domains look. Only asked under an unusual TLD.
 */
function throwawayShortLink(parsed: IResult, candidate: LinkCandidate): boolean {
  const label = parsed.domainWithoutSuffix ?? '';
  const subdomain = parsed.subdomain ?? '';
  return label.length <= SHORT_HOST_LABEL && (subdomain === '' || subdomain === 'www') && /^\/[a-z0-9_-]{2,16}\/?$/.test(candidate.rest);
}

/**
 * Whether the registrable label joins words with hyphens ("parking-citation-pay", "usps-redelivery"): how
 * throwaway phishing domains are named, and rarely how a site mentioned in passing is ("Snopes.com", "Walmart.com").
 */
function hyphenatedName(parsed: IResult): boolean {
  const label = parsed.domainWithoutSuffix ?? '';
  return label.includes('-') && !label.startsWith('xn--');
}

const TITLE_WORD = /^[A-Z][a-z]+$/;
const LOWER_LETTER = /[a-z]/;

/**
 * Whether a bare host's suffix is written as the first word of a new sentence ("follow-up.In the meantime"):
 * a lower-case letter, the dot, then the suffix in title case. Read from the original text at the link's end.
 */
function sentenceBreak(text: string, candidate: LinkCandidate, tld: string): boolean {
  const written = text.slice(candidate.end - tld.length, candidate.end);
  return TITLE_WORD.test(written) && LOWER_LETTER.test(text.charAt(candidate.end - tld.length - 2));
}

/** The path without query and fragment. */
function pathOnly(rest: string): string {
  const cut = rest.search(/[?#]/);
  return cut < 0 ? rest : rest.slice(0, cut);
}

/** How many leading characters are read for the sender's name ("DHL:", "[HSBC] ", "Dear PayPal customer,"). */
const SENDER_WINDOW = 48;
/** How much of the text is read for a bait word (parcel, account, 包裹…) beside a sender's name: a long SMS. */
const SENDER_BAIT_LENGTH = 480;
const WORD = /[\p{L}\p{N}]+/gu;
/** Words that open a greeting before the brand's name ("Dear Paytm user", "Hello HSBC customer"). */
const GREETINGS = new Set(['dear', 'hello', 'hi', 'attention', 'valued']);

const MARKS = /\p{M}/gu;

/** A Latin word without its accents ("envío" → "envio"), as the bait words are listed. */
function withoutAccents(word: string): string {
  return word.normalize('NFD').replace(MARKS, '');
}

/**
 * The brand a text opens as, the way phishing texts sign themselves ("DHL: your parcel…", "[HSBC] A payment…",
 * "Dear PayPal customer"): one to three leading words that join into a brand token, when the text also holds
 * a bait word (rules/links/tlds.yaml senderBaitWords: parcel, account, verify, 包裹…). Short or ambiguous tokens (needsBait: ups, gov, tax) are
 * left out, as are texts with no bait word ("Apple pie recipe: <link>").
 */
export function senderBrand(text: string, data: LinkData): string | undefined {
  const head = text.slice(0, SENDER_WINDOW).toLowerCase();
  const words = head.match(WORD) ?? [];
  // The first word must open the text (after punctuation such as "[" or "<#>"), not stand in mid-sentence.
  const first = head.search(/[\p{L}\p{N}]/u);
  if (first < 0 || first > 4) return undefined;
  const start = words.length > 1 && GREETINGS.has(words[0] as string) ? 1 : 0;
  let brand: string | undefined;
  let joined = '';
  for (let index = start; index < Math.min(words.length, start + 3) && !brand; index += 1) {
    joined += words[index] as string;
    const entry = data.tokens.get(joined);
    if (entry && !entry.brand.needsBait) brand = entry.brand.id;
  }
  if (!brand) return undefined;
  const sample = text.slice(0, SENDER_BAIT_LENGTH).toLowerCase();
  for (const word of sample.match(WORD) ?? []) if (data.senderBaitWords.has(word) || (!ASCII_ONLY.test(word) && data.senderBaitWords.has(withoutAccents(word)))) return brand;
  return data.senderBaitPhrases.some((phrase) => sample.includes(phrase)) ? brand : undefined;
}

/** Whether a host is, or is under, one of the hosted-content hosts (docs.google.com, *.amazonaws.com). */
function hostedContent(hostname: string, data: LinkData): boolean {
  let at = 0;
  for (let labels = 0; at >= 0 && labels < 8; labels += 1) {
    if (data.hostedContent.has(hostname.slice(at))) return true;
    const dot = hostname.indexOf('.', at);
    at = dot < 0 ? -1 : dot + 1;
  }
  return false;
}

/**
 * A link that carries another address to go on to: a URL in its path or query (google.com/url?q=…,
 * /amp/s/host/…, an encoded "https%3A%2F%2F") or a redirect endpoint (/url, /redirect, /away), so where it
 * leads is not the host's owner's page.
 */
const REDIRECT = /https?(?::|%3a)|%2f%2f|\/amp\/s\/|^\/(?:url|redirect|redir|away)(?:[/?#]|$)|[?&](?:url|q|u|redirect|redirect_uri|target|dest|destination|continue|next|goto|link)=[^&#\s]{0,200}\./i;

/** What one link is: its findings (undefined: not taken for a link) and whose own page it is. */
interface LinkJudgement {
  ids: LinkSignalId[] | undefined;
  /** The brands that own the page: empty for hosted content, redirects and unknown sites. */
  ownPage: Set<string>;
  /** A site the text names, taken for a link or not ("… or see refunds-desk.net"): it must be the brand's too. */
  site: boolean;
}

const NOBODY: ReadonlySet<string> = new Set();

/** The findings about one link and whose own page it is; see {@link judgeFindings}. */
function judge(text: string, candidate: LinkCandidate, data: LinkData, sender: string | undefined): LinkJudgement {
  const page = { owned: NOBODY as Set<string>, site: false };
  const ids = judgeFindings(text, candidate, data, sender, page);
  return { ids, ownPage: page.owned, site: page.site };
}

/**
 * True when a web ending (tlds.yaml deceptiveEndings) stands where only a name belongs, after some other name:
 * "ledger.com-device.id" (a registrable name that starts "com-") or "www.paypal.com.secure-login.top",
 * "paypal.com.top" (a "com" label after a name). Read from the labels in front of the public suffix, so
 * "example.com.au" (suffix com.au) and a site's own "com-…" name without a subdomain ("com-x.org") are not taken.
 */
function deceptiveHost(hostname: string, publicSuffix: string | null, endings: ReadonlySet<string>): boolean {
  if (!publicSuffix) return false;
  const labels = hostname.split('.');
  const names = labels.length - publicSuffix.split('.').length;
  let named = false;
  for (let i = 0; i < names; i += 1) {
    const label = labels[i]!;
    if (named) {
      if (endings.has(label)) return true;
      const dash = label.indexOf('-');
      if (dash > 0 && endings.has(label.slice(0, dash))) return true;
    }
    if (label !== 'www' && label !== '') named = true;
  }
  return false;
}

/**
 * The findings about one link, or undefined when the candidate is not taken for a link (a bare name such as
 * "Snopes.com" still reports its owners in `page`: a notice may name its own site so, and any other site it
 * names keeps the text from being a brand's notice).
 */
function judgeFindings(text: string, candidate: LinkCandidate, data: LinkData, sender: string | undefined, page: { owned: Set<string>; site: boolean }): LinkSignalId[] | undefined {
  // Punycode both ways only when needed: most hosts are plain ASCII.
  const ascii = ASCII_ONLY.test(candidate.host) ? candidate.host : domainToASCII(candidate.host);
  if (!ascii) return undefined;
  const unicodeHost = ascii.includes('xn--') ? domainToUnicode(ascii) || ascii : candidate.host;
  const parsed = parse(unicodeHost, TLDTS_OPTIONS);
  const ids: LinkSignalId[] = ['link-present'];
  if (parsed.isIp) {
    // A dotted number without a scheme, path or port is a version or an amount, not a link.
    if (!candidate.scheme && candidate.rest === '') return undefined;
    ids.push('link-ip-host');
    if (data.appFiles.some((ending) => pathOnly(candidate.rest).endsWith(ending))) ids.push('link-app-file');
    return ids;
  }
  const hostname = parsed.hostname ?? unicodeHost;
  if (!parsed.domain || !parsed.domainWithoutSuffix || !(parsed.isIcann || parsed.isPrivate)) {
    // After a scheme or "www." it is a link even when the host is cut short ("x.c om") or runs on ("x.com1win").
    return candidate.scheme || hostname.startsWith('www.') ? ids : undefined;
  }
  const tld = lastLabel(parsed.publicSuffix);
  const bare = !candidate.scheme && !hostname.startsWith('www.') && candidate.rest === '';
  const composed = hyphenatedName(parsed);
  if (bare) {
    // Any other ICANN suffix counts for a name of hyphen-joined words ("usps-redelivery.us"), unless it is a
    // file ending ("release-notes.md": rules/links/tlds.yaml fileEndings) or starts a sentence ("follow-up.In the…").
    const known =
      data.web.has(tld) || data.unusual.has(tld) || data.shorteners.has(hostname) || ascii.includes('xn--') || (composed && parsed.isIcann === true && !data.fileEndings.has(tld) && !sentenceBreak(text, candidate, tld));
    if (!known) return undefined;
  }
  const unusual = data.unusual.has(tld);
  if (data.shorteners.has(hostname) || data.shorteners.has(parsed.domain) || (unusual && throwawayShortLink(parsed, candidate))) ids.push('link-shortener');
  if (unusual) ids.push('link-unusual-tld');
  if (deceptiveHost(hostname, parsed.publicSuffix, data.deceptiveEndings)) ids.push('link-deceptive-host');
  const owned = owners(parsed, data);
  page.site = true;
  // Anyone's page on a brand's host (a Google form, an S3 bucket) or a redirect through it is nobody's own page.
  const foreignPage = hostedContent(hostname, data) || REDIRECT.test(candidate.rest);
  if (!foreignPage) page.owned = owned;
  const brand = brandFinding(candidate, parsed, unicodeHost, owned, data);
  if (brand) ids.push(brand);
  // Signed as a brand, linking to a site of nobody the link data knows, or to a page anyone can publish on a
  // brand's host (even the sender's own: a Google form is not Google speaking): a shortener is judged on its own.
  else if (sender && (owned.size === 0 || foreignPage) && !ids.includes('link-shortener')) ids.push('link-sender-mismatch');
  if (data.appFiles.some((ending) => pathOnly(candidate.rest).endsWith(ending))) {
    ids.push('link-app-file');
  } else if (!data.appStores.has(hostname) && !data.appStores.has(parsed.domain) && owned.size === 0) {
    const before = text.slice(Math.max(0, candidate.start - DOWNLOAD_WINDOW), candidate.start).toLowerCase();
    if (data.downloadWords.some((word) => before.includes(word)) && data.appWords.some((word) => before.includes(word))) ids.push('link-app-download');
  }
  // A bare name under an ordinary TLD ("Snopes.com reports…") is a name, not a link to follow, unless its
  // structure gives something away, it joins words with hyphens ("parking-citation-pay.com") or the words
  // before it say to open it ("请登录 x.com").
  if (bare && ids.length === 1 && !composed) {
    const before = text.slice(Math.max(0, candidate.start - FOLLOW_WINDOW), candidate.start).toLowerCase();
    if (!data.followWords.some((word) => before.includes(word))) return undefined;
  }
  return ids;
}

/**
 * The phishing-link findings of a text: every link (link-present) and what its structure gives away — a
 * brand's name on a domain the brand does not own, look-alike or mixed-alphabet hosts (punycode decoded),
 * shorteners, bare IP addresses, unusual TLDs, app install files and "download the app" links to unknown
 * hosts. Hosts are parsed with the Public Suffix List (tldts); the data lives in rules/links/. Linear in the
 * text length: one scan (src/core/link-scan.ts), then bounded work for at most MAX_LINKS links.
 */
export function findLinkSignals(text: string, data: LinkData): LinkFinding[] {
  return readLinks(text, data).findings;
}

/** What the links of a text say: their findings, and whether the text is a brand's notice on its own site. */
export interface LinkReading {
  findings: LinkFinding[];
  /**
   * The brand whose notice this reads as: the text names it (a brand token as a word, or its name in
   * Chinese) and every link or site it mentions is that brand's own page (not hosted content, not a
   * redirect) with nothing else found about it. Its links are then not findings (a link to the brand's own
   * site is no lure), and rules marked `quiet_on_brand_site` ("call us on …") are not scored.
   */
  brandSite: string | undefined;
}

/**
 * {@link findLinkSignals} plus the brand whose own site every link of the text goes to (LinkReading.brandSite).
 * Still one scan and bounded work per link; naming the brand is one pass over the text's words.
 */
export function readLinks(text: string, data: LinkData): LinkReading {
  const findings: LinkFinding[] = [];
  const counts = new Map<LinkSignalId, number>();
  const candidates = scanLinks(text);
  if (candidates.length === 0) return { findings, brandSite: undefined };
  const sender = senderBrand(text, data);
  // The brands that own every link and mentioned site so far; undefined before the first.
  let common: Set<string> | undefined;
  let onlyPresent = true;
  for (const candidate of candidates) {
    const { ids, ownPage, site } = judge(text, candidate, data, sender);
    if (ids || site) common = common ? new Set([...common].filter((id) => ownPage.has(id))) : new Set(ownPage);
    for (const id of ids ?? []) {
      if (id !== 'link-present') onlyPresent = false;
      const count = counts.get(id) ?? 0;
      if (count >= MAX_FINDINGS_PER_KIND) continue;
      counts.set(id, count + 1);
      findings.push({ id, start: candidate.start, end: candidate.end });
    }
  }
  const brandSite = onlyPresent && common && common.size > 0 ? namedBrand(text, candidates, common, data) : undefined;
  return brandSite ? { findings: findings.filter((finding) => finding.id !== 'link-present'), brandSite } : { findings, brandSite };
}

/**
 * The first of `brands` the text names outside its links: one to three adjacent words that join into one of
 * the brand's tokens ("Chase", "Wells Fargo", "Bank of America"; a short token such as "ups" counts too, as
 * the brand's own site must also be linked), or one of its names written without ASCII (招商银行).
 */
function namedBrand(text: string, candidates: readonly LinkCandidate[], brands: ReadonlySet<string>, data: LinkData): string | undefined {
  for (const [name, ids] of data.names) {
    const id = ids.find((brand) => brands.has(brand));
    if (id && text.includes(name)) return id;
  }
  // The text with its links blanked, so "chase.com" alone does not name Chase.
  let outside = '';
  let at = 0;
  for (const candidate of candidates) {
    outside += text.slice(at, candidate.start) + ' ';
    at = candidate.end;
  }
  outside += text.slice(at);
  const words = outside.toLowerCase().match(WORD) ?? [];
  for (let index = 0; index < words.length; index += 1) {
    let joined = '';
    for (let length = 0; length < 3 && index + length < words.length; length += 1) {
      joined += words[index + length] as string;
      const entry = data.tokens.get(joined);
      if (entry && brands.has(entry.brand.id)) return entry.brand.id;
    }
  }
  return undefined;
}
