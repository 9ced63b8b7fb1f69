import type { Logger } from './logger.ts';
import { buildAdvice } from './advice.ts';
import { findFrames, framedLevel, splitFramed, wholeTextFraming } from './context.ts';
import { detectLanguage, rulesCoverLanguage } from './language.ts';
import { readLinks } from './link-signals.ts';
import { DEFAULT_MATCH_BUDGET_MS } from './matcher.ts';
import { modelReadsLanguage, scoreText, type LocalModel } from './model/local-model.ts';
import { modelDecision } from './model/model-policy.ts';
import { normalize, originalSpan } from './normalize.ts';
import { replyLanguageFor } from './reply-language.ts';
import type { CheckRequest } from './request.ts';
import type { Ruleset } from './ruleset.ts';
import { scoreSignals } from './scoring.ts';
import { sortSmall } from './small-sort.ts';
import { parseTranscript, type Turn } from './transcript.ts';
import { transcriptSource } from './transcript-source.ts';
import type { Signal, SpeakerRole, Verdict } from './verdict.ts';
import { keepWholeWordHits } from './zh-word-boundary.ts';
import { keepAccentedReadings } from './accent-words.ts';

/** Options that do not come from the request itself. */
export interface AnalyzeOptions {
  /** Country code for report contacts. */
  country?: string;
  /** Where a check that ran out of matching time is reported (never with the text). */
  logger?: Pick<Logger, 'warn'>;
  /** Matching time budget in milliseconds (default DEFAULT_MATCH_BUDGET_MS). */
  matchBudgetMs?: number;
  /** The local model (src/core/model/), a second signal beside the rules; rules only when absent. */
  model?: LocalModel;
}

/** Longest quote kept in a signal; the span still covers the whole match. */
const MAX_QUOTE_LENGTH = 200;

/** Heavier signals first, then by position. */
function strongerFirst(a: Signal, b: Signal): number {
  return b.weight - a.weight || a.start - b.start;
}

/** Finds the speaker role at an original-text offset by binary search over turns sorted by start. */
function roleAt(turns: readonly Turn[], offset: number): SpeakerRole {
  let low = 0;
  let high = turns.length - 1;
  let found: Turn | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const turn = turns[middle] as Turn;
    if (turn.start <= offset) {
      found = turn;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found && offset < found.end ? found.role : 'unknown';
}

/**
 * The rules verdict for one request: normalize, match every rule, attribute transcript hits to the speaker
 * (the callee's words count for less; caller-only rules ignore the callee), score, and choose advice in the
 * reply language. The text's own language is detected and reported; for one the rules cannot read, the
 * advice says so instead of "no warning signs found". Pure and synchronous; the LLM second opinion is layered on top elsewhere.
 */
export function analyze(request: CheckRequest, ruleset: Ruleset, options: AnalyzeOptions = {}): Verdict {
  const { text } = request;
  // A JSON transcript written with \uXXXX escapes is read as what was said; spans map back to the original.
  const source = request.kind === 'transcript' ? transcriptSource(text) : undefined;
  const readable = source?.text ?? text;
  const textLanguage = detectLanguage(readable);
  const covered = rulesCoverLanguage(textLanguage, readable, ruleset.readLanguages);
  const replyLanguage = replyLanguageFor(request, textLanguage, readable);
  const normalized = normalize(readable);
  const budgetMs = options.matchBudgetMs ?? DEFAULT_MATCH_BUDGET_MS;
  const { hits: matched, complete, groupStarts } = ruleset.matcher.matchWithin(normalized.text, budgetMs);
  const hits = keepAccentedReadings(readable, normalized, keepWholeWordHits(normalized.text, matched), ruleset.accentWords);
  if (!complete) {
    // A last guard against a bad rule: this answer may miss signals, the service keeps answering.
    options.logger?.warn('rule matching stopped at its time budget; this verdict may miss signals', { budgetMs, length: text.length });
  }
  const linkReading = ruleset.links ? readLinks(readable, ruleset.links) : undefined;
  const links = linkReading?.findings ?? [];
  // A brand's notice on its own site: what such a notice says anyway ("call us on …") is not scored.
  const brandSite = linkReading?.brandSite !== undefined;

  // The model reads every text the rules cover in a language it learned (not Spanish: its weights are en/zh),
  // so its framing needs the speakers even when no rule matched.
  const modelReads = options.model !== undefined && covered && modelReadsLanguage(textLanguage);
  let turns: Turn[] = [];
  if (request.kind === 'transcript' && (hits.length + links.length > 0 || modelReads)) {
    turns = parseTranscript(text).turns.slice().sort((a, b) => a.start - b.start);
  }

  const signals: Signal[] = [];
  // One object per signal, its properties always in this order (speaker only when known): no spread of a
  // conditional object and no argument objects per hit.
  const addSignal = (ruleId: string, category: Signal['category'], ruleWeight: number, explanationId: string, callerOnly: boolean, readableStart: number, readableEnd: number): void => {
    let start = readableStart;
    let end = readableEnd;
    if (source) {
      const span = source.toOriginal(readableStart, readableEnd);
      start = span.start;
      end = span.end;
    }
    const speaker = turns.length > 0 ? roleAt(turns, start) : undefined;
    if (callerOnly && speaker === 'callee') return;
    const weight = speaker === 'callee' ? ruleWeight * ruleset.scoring.calleeFactor : ruleWeight;
    const quote = text.slice(start, Math.min(end, start + MAX_QUOTE_LENGTH));
    signals.push(speaker ? { ruleId, category, weight, start, end, quote, speaker, explanationId } : { ruleId, category, weight, start, end, quote, explanationId });
  };
  for (const hit of hits) {
    const rule = ruleset.rules[hit.ruleIndex];
    if (!rule || (brandSite && rule.quiet_on_brand_site)) continue;
    const span = originalSpan(normalized, hit.start, hit.end);
    addSignal(rule.id, rule.category, rule.weight, rule.explanation, rule.speaker === 'caller', span.start, span.end);
  }
  // Links are read from the text itself (src/core/link-signals.ts): their hosts keep look-alike letters.
  for (const link of links) {
    const signal = ruleset.links?.signals.get(link.id);
    if (!signal) continue;
    addSignal(signal.id, 'phishing_link', signal.weight, signal.explanation, false, link.start, link.end);
  }
  sortSmall(signals, strongerFirst);

  // Scam words inside a warning ("… will never ask you to …") or a report ("someone called saying …") are
  // not scored; the text keeps a bounded level and says how it was framed.
  const frames =
    signals.length > 0 || modelReads
      ? findFrames(
          ruleset.frames,
          text,
          normalized,
          turns.length > 0 ? (offset) => roleAt(turns, offset) : undefined,
          source ? (start, end) => source.toOriginal(start, end) : undefined,
          // The cue groups' first matches from the rules' scan; undefined: the finder scans for them itself.
          groupStarts,
        )
      : [];
  const split = splitFramed(signals, frames);
  const scored = scoreSignals(split.open, ruleset.scoring);
  const framed = framedLevel(scored.level, split, ruleset.frames.rules);
  const { framing } = framed;
  const kept = framing ? split.open : signals;
  // With no signal framed, the open signals are all the signals in the same order: their score is the same.
  const result = framing || split.framed.length === 0 ? scored : scoreSignals(signals, ruleset.scoring);
  const country = request.country ?? options.country;
  const medium = request.kind === 'transcript' ? 'call' : 'message';
  let level = framed.level;
  let localModel: Verdict['localModel'];
  // The model learned English and Chinese only: a Spanish text, or one the rules cannot read, is not scored.
  if (options.model && modelReads) {
    const score = scoreText(options.model, normalized.text);
    const thresholds = options.model.thresholds[score.language];
    const decision = modelDecision({
      rulesLevel: framed.level,
      combination: result.combinations.length > 0,
      probability: score.probability,
      thresholds,
      // The rules' framing when they found scam words in a warning or report; else the same cues over the whole text.
      framing: framing ?? wholeTextFraming(frames),
    });
    level = decision.level;
    const reaches = score.probability >= thresholds.high ? 'high' : score.probability >= thresholds.medium ? 'medium' : 'none';
    localModel = { probability: Math.round(score.probability * 1e4) / 1e4, reaches, fired: decision.fired };
  }
  const advice = buildAdvice(
    {
      level,
      categories: result.categories,
      signals: kept,
      language: replyLanguage,
      textLanguage,
      rulesCoverLanguage: covered,
      medium,
      ...(country ? { country } : {}),
    },
    ruleset,
  );
  return {
    level,
    score: result.score,
    signals: kept,
    categories: result.categories,
    combinations: result.combinations,
    ...(framing ? { framing } : {}),
    language: textLanguage,
    rulesCoverLanguage: covered,
    replyLanguage,
    summary: advice.summary,
    actions: advice.actions,
    steps: advice.steps,
    medium,
    ...(country ? { country } : {}),
    secondOpinion: { status: 'off' },
    ...(localModel ? { localModel } : {}),
  };
}
