/**
 * Look-alike characters folded to the Latin letter they imitate, after NFKC and lower-casing. Covers the
 * Cyrillic and Greek letters scammers and spam filters' adversaries use most ("pοlice" with a Greek omicron,
 * "аnydesk" with a Cyrillic a), plus a few symbols. Derived from Unicode's confusables list, trimmed to
 * letters that are visually identical in common fonts.
 */
export const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    // Cyrillic
    а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
    ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g', ү: 'y', ο: 'o',
    // Greek
    α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
    ς: 's', σ: 'o', μ: 'u', γ: 'y', ϲ: 'c', ϳ: 'j',
    // Latin look-alikes and symbols
    ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ꞵ: 'b', ʏ: 'y', ᴀ: 'a', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ᴊ: 'j', ᴋ: 'k',
    ᴍ: 'm', ᴏ: 'o', ᴘ: 'p', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ʀ: 'r', ɴ: 'n', ʜ: 'h', ʟ: 'l',
    ꜱ: 's', ɢ: 'g',
    // Typographic quotes and dashes (NFKC keeps them) read as their ASCII forms
    '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
    '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u2033': '"',
    '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
    // Simplified variants that OpenCC leaves as the other common form
    帐: '账',
    // Taiwan's 妳 (you, said to a woman) and 祢 (you, said to God) read as 你: OpenCC keeps them, and no rule
    // spelled them, so every 你 pattern missed a message written 妳 (0 of the rule files had the character).
    妳: '你',
    祢: '你',
  }),
);

/** Digits and symbols read as letters when they stand between letters ("p0lice", "b@nk", "tran$fer"). */
export const LEET: ReadonlyMap<string, string> = new Map(
  Object.entries({ '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '|': 'l' }),
);
