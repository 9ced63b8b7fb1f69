import { buildAdvice } from './advice.ts';
import { findFrames, framedLevel, splitFramed } from './context.ts';
import { detectLanguage, rulesCoverLanguage } from './language.ts';
import { normalize, originalSpan } from './normalize.ts';
import { replyLanguageFor } from './reply-language.ts';
import type { CheckRequest } from './request.ts';
import type { Ruleset } from './ruleset.ts';
import { scoreSignals } from './scoring.ts';
import { parseTranscript, type Turn } from './transcript.ts';
import { transcriptSource } from './transcript-source.ts';
import type { Signal, SpeakerRole, Verdict } from './verdict.ts';

/** Options that do not come from the request itself. */
export interface AnalyzeOptions {
  /** Country code for report contacts. */
  country?: string;
}

/** Longest quote kept in a signal; the span still covers the whole match. */
const MAX_QUOTE_LENGTH = 200;

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
  const covered = rulesCoverLanguage(textLanguage, readable);
  const replyLanguage = replyLanguageFor(request, textLanguage, readable);
  const normalized = normalize(readable);
  const hits = ruleset.matcher.match(normalized.text);

  let turns: Turn[] = [];
  if (request.kind === 'transcript' && hits.length > 0) {
    turns = parseTranscript(text).turns.slice().sort((a, b) => a.start - b.start);
  }

  const signals: Signal[] = [];
  for (const hit of hits) {
    const rule = ruleset.rules[hit.ruleIndex];
    if (!rule) continue;
    let span = originalSpan(normalized, hit.start, hit.end);
    if (source) span = source.toOriginal(span.start, span.end);
    const speaker = turns.length > 0 ? roleAt(turns, span.start) : undefined;
    if (rule.speaker === 'caller' && speaker === 'callee') continue;
    const weight = speaker === 'callee' ? rule.weight * ruleset.scoring.calleeFactor : rule.weight;
    signals.push({
      ruleId: rule.id,
      category: rule.category,
      weight,
      start: span.start,
      end: span.end,
      quote: text.slice(span.start, Math.min(span.end, span.start + MAX_QUOTE_LENGTH)),
      ...(speaker ? { speaker } : {}),
      explanationId: rule.explanation,
    });
  }
  signals.sort((a, b) => b.weight - a.weight || a.start - b.start);

  // Scam words inside a warning ("… will never ask you to …") or a report ("someone called saying …") are
  // not scored; the text keeps a bounded level and says how it was framed.
  const frames =
    signals.length > 0
      ? findFrames(
          ruleset.frames,
          text,
          normalized,
          turns.length > 0 ? (offset) => roleAt(turns, offset) : undefined,
          source ? (start, end) => source.toOriginal(start, end) : undefined,
        )
      : [];
  const split = splitFramed(signals, frames);
  const scored = scoreSignals(split.open, ruleset.scoring);
  const { level, framing } = framedLevel(scored.level, split, ruleset.frames.rules);
  const kept = framing ? split.open : signals;
  const result = framing ? scored : scoreSignals(signals, ruleset.scoring);
  const country = request.country ?? options.country;
  const medium = request.kind === 'transcript' ? 'call' : 'message';
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
  };
}
