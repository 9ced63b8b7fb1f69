/**
 * A minimal stand-in for the detection issue's framing (advisories and reported speech) so the local model
 * stays silent on warnings: a few unambiguous advisory and report phrasings over normalized text (lower case,
 * simplified Chinese). HOOK: when the core computes a framing of its own (the `rules` work on context),
 * analyze() should pass that instead and this file can go.
 */
import type { Framing } from './model-policy.ts';

const ADVISORY =
  /\b(?:will never|would never|never asks?|do not (?:pay|send|transfer|share|give)|don't (?:pay|send|transfer|share|give)|beware of|watch out for|it was a scam|this is a scam|scam alert|fraud alert)\b|请勿|切勿|谨防|不会要求|提醒大家|提高警惕|(?<!不)是诈骗|诈骗手法|防骗|防诈|不要转账|警方提示/;
const REPORT = /\b(?:someone|somebody|a man|a woman|they|he|she) (?:called|texted|messaged|rang) (?:me|us|my \w+)\b|(?:有人|对方)(?:打电话|来电|发短信|发消息)(?:给我|给我们)?(?:说|称)|接到(?:一个)?(?:电话|短信)(?:说|称)/;

/** `advisory` or `report` when the text reads as a warning or an account of a scam, else undefined. */
export function framingHint(normalizedText: string): Framing {
  const head = normalizedText.length > 4000 ? normalizedText.slice(0, 4000) : normalizedText;
  if (ADVISORY.test(head)) return 'advisory';
  if (REPORT.test(head)) return 'report';
  return undefined;
}
