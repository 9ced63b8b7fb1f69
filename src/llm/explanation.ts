import * as OpenCC from 'opencc-js/t2cn';
import { detectLanguage } from '../core/language.ts';
import type { Language } from '../core/request.ts';
import { toTraditional } from '../core/traditional.ts';

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const HAN = /[\u3400-\u9FFF]/u;
const LATIN_WORD = /[A-Za-z]{3,}/g;
const LINK = /\b(?:https?:\/\/|www\.)|\b[a-z0-9-]+\.(?:com|net|org|cn|io|xyz|top|cc|info)\b/i;
/** "is safe", "looks safe", "safe to …", "nothing to worry about": reassurance Safeword never gives. */
const EN_REASSURANCE = /\b(?:is|are|looks|seems|appears|it's|completely|totally|perfectly|100%)\s+(?:\w+\s+)?safe\b|\bsafe to\b|\bnothing to worry\b|\bno need to (?:worry|verify|check)\b/i;
/** 是安全的 / 很安全 / 可以放心 — but not 安全账户 ("safe account", a scam term the model may name). */
const ZH_REASSURANCE = /(?:是|很|非常|完全|比较|绝对)安全(?!账户|帐户)|可以放心|无需担心|不用担心|不必核实|无需核实/;
/** "es seguro", "parece seguro", "puede estar tranquilo", "no es una estafa" — but not "cuenta segura", a scam term. */
const ES_REASSURANCE =
  /\b(?:es|son|parece|parecen|luce|resulta|está|completamente|totalmente|100\s?%)\s+(?:\p{L}+\s+)?segur[oa]s?\b|\bpuede(?:s)?\s+(?:estar|quedarse|quedar)\s+tranquil[oa]\b|\bno\s+hay\s+(?:nada\s+)?(?:de\s+)?qu[eé]\s+preocupar|\bno\s+(?:es|parece)\s+(?:una\s+)?estafa\b|\bno\s+(?:hace\s+falta|es\s+necesario)\s+(?:verificar|comprobar)/iu;
/** "c'est sûr", "semble fiable", "vous pouvez être tranquille", "ce n'est pas une arnaque" — but not "compte sécurisé", a scam term. */
const FR_REASSURANCE =
  /\b(?:est|sont|semble|semblent|parait|paraît|totalement|complètement|parfaitement|100\s?%)\s+(?:\p{L}+\s+)?(?:sûr|sûre|sans\s+danger|sans\s+risque|fiable|légitime|authentique)s?\b|\b(?:c'|c’)est\s+(?:sûr|sans\s+danger|sans\s+risque|fiable|légitime)\b|\bvous\s+pouvez\s+(?:être|rester)\s+(?:tranquille|rassurée?)s?\b|\brien\s+(?:à|a)\s+craindre\b|\bpas\s+(?:une|d['’])\s*arnaque\b|\b(?:inutile|pas\s+besoin)\s+de\s+(?:vérifier|contrôler|s['’]inquiéter|vous\s+inquiéter)/iu;

/**
 * The model's explanation when it may be shown to the user, else undefined. The model read attacker-written
 * text, so its words are checked before they reach a reply: it must be in the reply language (a Chinese
 * reply never carries an English sentence and vice versa, a Spanish or French one never an English sentence), carry no
 * link, and never reassure ("this is safe", 可以放心, "es seguro") — Safeword never says a message is safe. For a Traditional reply the explanation is checked
 * in Simplified characters and shown in Traditional ones, whichever script the model wrote, so a reply is never mixed.
 */
export function presentableExplanation(explanation: string | undefined, language: Language): string | undefined {
  const text = explanation?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  if (language === 'zh-Hant') {
    const checked = presentableExplanation(toSimplified(text), 'zh');
    return checked === undefined ? undefined : toTraditional(checked);
  }
  if (LINK.test(text)) return undefined;
  if (language === 'zh') {
    if (!HAN.test(text) || ZH_REASSURANCE.test(text)) return undefined;
    // A few Latin words (AnyDesk, OTP) are fine in a Chinese sentence; an English sentence is not.
    if ((text.match(LATIN_WORD) ?? []).length > 4) return undefined;
    return text;
  }
  if (HAN.test(text)) return undefined;
  if (language === 'es') {
    // Spanish is read by the language detector: an English sentence (or any other language) is dropped.
    const read = detectLanguage(text);
    if ((read !== 'es' && read !== 'und') || ES_REASSURANCE.test(text)) return undefined;
    return text;
  }
  if (language === 'fr') {
    // French too: an English or Spanish sentence is dropped, and so is any reassurance.
    const read = detectLanguage(text);
    if ((read !== 'fr' && read !== 'und') || FR_REASSURANCE.test(text)) return undefined;
    return text;
  }
  const read = detectLanguage(text);
  if (EN_REASSURANCE.test(text) || ES_REASSURANCE.test(text) || FR_REASSURANCE.test(text) || read === 'es' || read === 'fr') return undefined;
  return text;
}
