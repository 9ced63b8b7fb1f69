import { z } from 'zod';

const Host = z
  .string()
  .min(1)
  .regex(/^[a-z0-9.*-]+$/, 'write hosts in lower-case ASCII (punycode for IDN)');

/** One brand in rules/links/brands.yaml. */
export const BrandSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
    /** Host tokens that name the brand (lower-case ASCII letters, digits and hyphens). */
    tokens: z.array(z.string().regex(/^[a-z0-9-]{2,63}$/, 'a token is 2 to 63 lower-case letters, digits or hyphens')).min(1),
    /** Registrable domains the brand owns; "name.*" is the name under any public suffix that is not unusual. */
    domains: z.array(Host).min(1),
    /** Any host whose public suffix has one of these labels is the brand's own (gov → gov.uk, gov.cn). */
    suffixLabels: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    /** The tokens count only beside a bait word or under an unusual TLD (short or ambiguous names). */
    needsBait: z.boolean().default(false),
    /**
     * The brand's name as a text writes it in a script without word spaces (招商银行, 順豐), found anywhere in
     * the text: a text that names its brand so and links only to the brand's own site is its notice.
     */
    names: z.array(z.string().regex(/^[^\x00-\x7f]{2,16}$/, 'a name is 2 to 16 characters written without ASCII')).default([]),
  })
  .strict();
/** One brand. */
export type Brand = z.infer<typeof BrandSchema>;

/** rules/links/brands.yaml. */
export const BrandsFileSchema = z.object({ brands: z.array(BrandSchema).min(1) }).strict();

const Tld = z.string().regex(/^[a-z0-9-]+$/, 'a TLD is written without the dot, in lower-case ASCII');

/** rules/links/tlds.yaml: TLD lists, shorteners, app stores and the words around app links. */
export const TldsFileSchema = z
  .object({
    web: z.array(Tld).min(1),
    unusual: z.array(Tld).min(1),
    /** TLDs that are also file endings ("release-notes.md", "build-tools.py"): a bare name under one is no link. */
    fileEndings: z.array(Tld).min(1),
    /** Web endings that a phishing host puts after another name ("ledger.com-device.id"). */
    deceptiveEndings: z.array(Tld).min(1),
    shorteners: z.array(Host).min(1),
    appStores: z.array(Host).min(1),
    appFiles: z.array(z.string().regex(/^\.[a-z0-9]+$/, 'an app file ending starts with a dot')).min(1),
    downloadWords: z.array(z.string().min(2)).min(1),
    appWords: z.array(z.string().min(2)).min(1),
    followWords: z.array(z.string().min(2)).min(1),
    baitWords: z.array(z.string().regex(/^[a-z0-9]+$/)).min(1),
    senderBaitWords: z.array(z.string().regex(/^(?:[a-z0-9]+|[^\x00-\x7f]+)$/, 'a sender bait word is lower-case ASCII or written without ASCII')).min(1),
    /** Hosts of a brand where anyone can publish (docs.google.com): never the brand's own notice. */
    hostedContent: z.array(Host).min(1),
  })
  .strict();
/** The TLD and host lists. */
export type TldsFile = z.infer<typeof TldsFileSchema>;

/** The ids of the signals the link analyzer can emit; rules/links/signals.yaml must define each once. */
export const LINK_SIGNAL_IDS = [
  'link-present',
  'link-brand-mismatch',
  'link-sender-mismatch',
  'link-lookalike',
  'link-shortener',
  'link-ip-host',
  'link-unusual-tld',
  'link-deceptive-host',
  'link-app-file',
  'link-app-download',
] as const;
/** One link signal id. */
export type LinkSignalId = (typeof LINK_SIGNAL_IDS)[number];

/** One signal definition in rules/links/signals.yaml: reads like a rule without phrases or patterns. */
export const LinkSignalSchema = z
  .object({
    id: z.enum(LINK_SIGNAL_IDS),
    weight: z.number().int().min(1).max(3),
    description: z.string().min(1),
    explanation: z.string().min(1),
    advice: z.array(z.string().min(1)).min(1),
  })
  .strict();
/** One link signal definition. */
export type LinkSignal = z.infer<typeof LinkSignalSchema>;

/** rules/links/signals.yaml. */
export const SignalsFileSchema = z
  .object({ signals: z.array(LinkSignalSchema) })
  .strict()
  .refine((file) => LINK_SIGNAL_IDS.every((id) => file.signals.filter((signal) => signal.id === id).length === 1), {
    message: `define each of ${LINK_SIGNAL_IDS.join(', ')} exactly once`,
    path: ['signals'],
  });

/** The brand of a host token, compiled for lookups. */
export interface BrandToken {
  brand: Brand;
  token: string;
}

/** Everything the link analyzer needs, validated and indexed once at start-up. */
export interface LinkData {
  brands: Brand[];
  /** Brand tokens by token. */
  tokens: Map<string, BrandToken>;
  /** Tokens of six or more characters, also found inside a longer host token ("paypalsecure"). */
  longTokens: BrandToken[];
  web: Set<string>;
  /** TLDs that are also file endings: a bare hyphen-joined name under one is a file, not a link. */
  fileEndings: Set<string>;
  /** Web endings that stand where only a name belongs in a phishing host ("ledger.com-device.id"). */
  deceptiveEndings: Set<string>;
  unusual: Set<string>;
  shorteners: Set<string>;
  appStores: Set<string>;
  appFiles: string[];
  downloadWords: string[];
  appWords: string[];
  followWords: string[];
  baitWords: Set<string>;
  /** Words of a text that make a brand-signed text with a foreign link phishing: ASCII ones as whole words. */
  senderBaitWords: Set<string>;
  /** The same, written without ASCII (Chinese): found anywhere in the text. */
  senderBaitPhrases: string[];
  /** Hosts where anyone can publish under a brand's domain (docs.google.com, sites.google.com). */
  hostedContent: Set<string>;
  /** Brand ids by a name written without ASCII (招商银行), and those names, searched in the text. */
  names: Map<string, string[]>;
  /** Signal definitions by id (keyed by string so a verdict's rule id can be looked up directly). */
  signals: Map<string, LinkSignal>;
  /** Brand ids by a registrable domain or host they own ("dhl.com", "weixin.qq.com"). */
  ownedHosts: Map<string, string[]>;
  /** Brand ids by a name they own under any usual public suffix ("dhl" for "dhl.*"). */
  ownedNames: Map<string, string[]>;
  /** Brand ids by a public-suffix label they own ("gov" for gov.uk, gov.cn). */
  ownedSuffixLabels: Map<string, string[]>;
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Shortest brand token matched inside a longer host token; shorter ones ("dhl", "ups") only as whole tokens. */
export const MIN_CONTAINED_TOKEN = 6;

/** Indexes the three validated link data files. */
export function compileLinkData(
  brands: z.infer<typeof BrandsFileSchema>,
  tlds: TldsFile,
  signals: z.infer<typeof SignalsFileSchema>,
): LinkData {
  const tokens = new Map<string, BrandToken>();
  const ownedHosts = new Map<string, string[]>();
  const ownedNames = new Map<string, string[]>();
  const ownedSuffixLabels = new Map<string, string[]>();
  const names = new Map<string, string[]>();
  for (const brand of brands.brands) {
    for (const name of brand.names) addTo(names, name, brand.id);
    for (const token of brand.tokens) tokens.set(token, { brand, token });
    for (const owned of brand.domains) {
      if (owned.endsWith('.*')) addTo(ownedNames, owned.slice(0, -2), brand.id);
      else addTo(ownedHosts, owned, brand.id);
    }
    for (const label of brand.suffixLabels) addTo(ownedSuffixLabels, label, brand.id);
  }
  return {
    brands: brands.brands,
    tokens,
    longTokens: [...tokens.values()].filter((entry) => entry.token.length >= MIN_CONTAINED_TOKEN && !entry.token.includes('-')),
    web: new Set(tlds.web),
    fileEndings: new Set(tlds.fileEndings),
    deceptiveEndings: new Set(tlds.deceptiveEndings),
    unusual: new Set(tlds.unusual),
    shorteners: new Set(tlds.shorteners),
    appStores: new Set(tlds.appStores),
    appFiles: tlds.appFiles,
    downloadWords: tlds.downloadWords.map((word) => word.toLowerCase()),
    appWords: tlds.appWords.map((word) => word.toLowerCase()),
    followWords: tlds.followWords.map((word) => word.toLowerCase()),
    baitWords: new Set(tlds.baitWords),
    senderBaitWords: new Set(tlds.senderBaitWords.filter((word) => /^[a-z0-9]+$/.test(word))),
    senderBaitPhrases: tlds.senderBaitWords.filter((word) => !/^[a-z0-9]+$/.test(word)),
    hostedContent: new Set(tlds.hostedContent),
    names,
    signals: new Map(signals.signals.map((signal): [string, LinkSignal] => [signal.id, signal])),
    ownedHosts,
    ownedNames,
    ownedSuffixLabels,
  };
}
