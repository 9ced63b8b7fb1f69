import { z } from 'zod';
import { CategorySchema, type Category } from './categories.ts';
import { compileMatcher, phraseSource, type Matcher, type MatcherRule } from './matcher.ts';
import type { NormalizedText } from './normalize.ts';
import { foldVariantWordsIn } from './zh-variant-words.ts';
import { originalSpan } from './normalize.ts';
import type { Level, Signal, SpeakerRole } from './verdict.ts';
import { levelFromRank, levelRank } from './verdict.ts';

/**
 * How a text frames the scam words in it: as a warning about a scam (`advisory`: "the police will never ask
 * you to…", 请勿, 这是诈骗) or as somebody's account of what a scammer said (`report`: "someone called saying…",
 * 有人打电话说). Undefined when the text speaks for itself.
 */
export type Framing = 'advisory' | 'report';

/** zod schema for a framing. */
export const FramingSchema = z.enum(['advisory', 'report']);

/**
 * One group of cues in rules/framing.yaml. `scope` says how far a cue reaches: `sentence` (the sentence it is
 * in), `clause` (from the cue to the next comma or stop: a negation such as 请勿 or "do not") or `text` (a
 * verdict on the whole message, such as "this is a scam"; in transcripts it counts as `sentence`).
 */
export const CueGroupSchema = z
  .object({
    kind: FramingSchema,
    scope: z.enum(['clause', 'sentence', 'text']),
    /** Categories whose hits this group never frames: "do not tell anyone" is itself the secrecy tactic. */
    exempt: z.array(CategorySchema).default([]),
    phrases: z.array(z.string().min(2)).default([]),
    /** Regular expressions over normalized text, bounded repetition only; Taiwan words read as the normalizer does. */
    patterns: z.array(z.string().min(2).transform(foldVariantWordsIn)).default([]),
  })
  .strict();
/** One group of framing cues. */
export type CueGroup = z.infer<typeof CueGroupSchema>;

/** rules/framing.yaml: the cue groups and the level limits a framing puts on a verdict. */
export const FramingRulesSchema = z
  .object({
    groups: z.array(CueGroupSchema),
    /** Highest level a framed text can reach (the advisory limit applies only while the rest is not high). */
    maxLevel: z.object({ advisory: z.enum(['low', 'medium']), report: z.enum(['low', 'medium']) }).strict(),
    /** Highest level when a `text`-scope cue (a verdict on the whole text) frames it. */
    maxLevelWholeText: z.enum(['low', 'medium']),
  })
  .strict();
/** The framing data. */
export type FramingRules = z.infer<typeof FramingRulesSchema>;

/** One cue found in a text and the stretch of the original text it frames. */
export interface Frame {
  kind: Framing;
  scope: CueGroup['scope'];
  exempt: readonly Category[];
  /** Where the cue is, in original-text offsets. */
  cueStart: number;
  cueEnd: number;
  /** What it frames, in original-text offsets. */
  scopeStart: number;
  scopeEnd: number;
}

/** Compiled framing cues. */
export interface FrameFinder {
  rules: FramingRules;
  /** One global regular expression per cue group. */
  expressions: RegExp[];
  /**
   * The cue groups as matcher rules (one literal scan, src/core/matcher.ts), giving each group's first match:
   * a group with none is not searched, the others from their first match on. Undefined when a cue is outside
   * the matcher's pattern language; then every group is searched from the start.
   */
  gate?: Matcher;
}

/** Most cues read from one text: enough to frame any real warning, bounded work on hostile input. */
const MAX_CUES = 64;
/** Farthest a sentence scope reaches on either side of its cue (characters of the original text). */
const MAX_SENTENCE_REACH = 160;
/** Farthest a clause scope reaches after its cue. */
const MAX_CLAUSE_REACH = 40;

const SENTENCE_END = new Set(['.', '!', '?', '。', '！', '？', '\n', ';', '；', '…']);
const CLAUSE_END = new Set([...SENTENCE_END, ',', '，', '、', ':', '：']);

/** The cue groups as matcher rules, one per group in file order: the gate's rules, also compiled into the rules' matcher (src/core/ruleset.ts). */
export function cueGroupRules(rules: FramingRules): MatcherRule[] {
  return rules.groups.map((group, index) => ({ id: `framing group ${index + 1}`, phrases: group.phrases, patterns: group.patterns }));
}

/** Compiles the cue groups once; phrases are folded like rule phrases, so Traditional text matches too. */
export function compileFrames(rules: FramingRules): FrameFinder {
  const expressions = rules.groups.map((group) => {
    const sources = [...group.phrases.map((phrase) => phraseSource(phrase)), ...group.patterns];
    if (sources.length === 0) return /(?!)/gu;
    return new RegExp(sources.map((source) => `(?:${source})`).join('|'), 'gu');
  });
  let gate: Matcher | undefined;
  try {
    gate = compileMatcher(cueGroupRules(rules), 1);
  } catch {
    gate = undefined;
  }
  return { rules, expressions, ...(gate ? { gate } : {}) };
}

/**
 * Where each cue group's search starts (-1: the group has no match): the gate's first match per group, which
 * is the group expression's own first match (the same alternation, leftmost first, earlier cue on a tie, none
 * empty), so searching from there finds exactly what a search from the start would. Searching every group
 * over the whole text was ~9% of a 500-byte check; the gate's scan ~2%.
 */
function groupStarts(finder: FrameFinder, text: string): ArrayLike<number> {
  const starts: number[] = finder.expressions.map(() => (finder.gate ? -1 : 0));
  if (!finder.gate) return starts;
  const { hits, complete } = finder.gate.matchWithin(text);
  if (!complete) return starts.fill(0);
  for (const hit of hits) starts[hit.ruleIndex] = hit.start;
  return starts;
}

/** Walks from `from` in `step` direction until a boundary character or `reach` characters. */
function boundary(text: string, from: number, step: 1 | -1, stops: Set<string>, reach: number): number {
  let position = from;
  for (let moved = 0; moved < reach; moved += 1) {
    const next = step === 1 ? position : position - 1;
    if (next < 0 || next >= text.length) break;
    const character = text[next] as string;
    if (stops.has(character)) {
      // A full stop between digits or letters ("1.5", "u.s.") does not end a sentence.
      const isDecimal = character === '.' && /\w/.test(text[next - 1] ?? '') && /\w/.test(text[next + 1] ?? '');
      if (!isDecimal) break;
    }
    position += step;
  }
  return position;
}

/**
 * Finds the framing cues of a text and their scopes. Cues are matched on the normalized text (folded case and
 * script) and their scopes measured on the original, where line breaks still end sentences. In a transcript
 * (`roleAt` given) the callee's own words frame nothing — a victim saying "this sounds like a scam" does not
 * turn the caller's demand into a warning — and a whole-text cue reaches only its sentence. `starts` are the
 * groups' first match starts when the rules' matcher already found them (MatchResult.groupStarts, the same
 * scan); without them the finder's own gate scans the text.
 */
export function findFrames(
  finder: FrameFinder,
  original: string,
  normalized: NormalizedText,
  roleAt?: (offset: number) => SpeakerRole,
  toOriginal: (start: number, end: number) => { start: number; end: number } = (start, end) => ({ start, end }),
  starts: ArrayLike<number> = groupStarts(finder, normalized.text),
): Frame[] {
  const frames: Frame[] = [];
  finder.expressions.forEach((expression, index) => {
    const group = finder.rules.groups[index] as CueGroup;
    const from = starts[index] as number;
    if (from < 0) return;
    expression.lastIndex = from;
    let found: RegExpExecArray | null;
    while (frames.length < MAX_CUES && (found = expression.exec(normalized.text)) !== null) {
      if (found[0].length === 0) {
        expression.lastIndex += 1;
        continue;
      }
      const span = originalSpan(normalized, found.index, found.index + found[0].length);
      const { start, end } = toOriginal(span.start, span.end);
      if (roleAt && roleAt(start) === 'callee') continue;
      let scope = group.scope;
      if (scope === 'text' && roleAt) scope = 'sentence';
      let scopeStart: number;
      let scopeEnd: number;
      if (scope === 'text') {
        scopeStart = 0;
        scopeEnd = original.length;
      } else if (scope === 'clause') {
        scopeStart = start;
        scopeEnd = boundary(original, end, 1, CLAUSE_END, MAX_CLAUSE_REACH);
      } else {
        scopeStart = boundary(original, start, -1, SENTENCE_END, MAX_SENTENCE_REACH);
        scopeEnd = boundary(original, end, 1, SENTENCE_END, MAX_SENTENCE_REACH);
      }
      frames.push({ kind: group.kind, scope, exempt: group.exempt, cueStart: start, cueEnd: end, scopeStart, scopeEnd });
    }
  });
  return frames;
}

/** Whether a frame covers a signal: the signal lies in its scope, is not exempt, and is not the cue itself. */
function covers(frame: Frame, signal: Signal): boolean {
  if (frame.exempt.includes(signal.category)) return false;
  // A negation that is part of the matched scam phrase ("不许报警", "do not tell anyone") frames nothing.
  if (signal.start <= frame.cueStart && signal.end >= frame.cueEnd) return false;
  return signal.start >= frame.scopeStart && signal.end <= frame.scopeEnd;
}

/** Signals split by whether a warning or report frames them. */
export interface FramedSignals {
  /** Signals no frame covers: they speak for themselves. */
  open: Signal[];
  /** Signals inside a warning or a report. */
  framed: Signal[];
  /** The frame kind that covers most framed signals (advisory wins a tie), if any signal is framed. */
  framing: Framing | undefined;
  /** Whether a whole-text cue ("this is a scam") frames the text. */
  wholeText: boolean;
}

/** Sorts signals into those a frame covers and the rest. Pure. */
export function splitFramed(signals: readonly Signal[], frames: readonly Frame[]): FramedSignals {
  const open: Signal[] = [];
  const framed: Signal[] = [];
  const counts = { advisory: 0, report: 0 };
  for (const signal of signals) {
    const frame = frames.find((candidate) => covers(candidate, signal));
    if (frame) {
      framed.push(signal);
      counts[frame.kind] += 1;
    } else {
      open.push(signal);
    }
  }
  const wholeText = frames.some((frame) => frame.scope === 'text');
  let framing: Framing | undefined;
  if (wholeText) framing = 'advisory';
  else if (framed.length > 0) framing = counts.advisory >= counts.report ? 'advisory' : 'report';
  return { open, framed, framing, wholeText };
}

/**
 * The level of a framed text: what its open signals score, raised to low when a warning or report mentions
 * scam tactics (so the family sees it was read) and held at the framing's limit. A text whose open signals
 * alone reach high is a scam that also contains a warning, and keeps its level — unless a whole-text verdict
 * ("it was a scam, don't pay anyone") frames everything.
 */
export function framedLevel(openLevel: Level, split: FramedSignals, rules: FramingRules): { level: Level; framing: Framing | undefined } {
  if (!split.framing) return { level: openLevel, framing: undefined };
  if (split.wholeText) {
    const limit = levelRank(rules.maxLevelWholeText);
    const floor = split.framed.length > 0 || split.open.length > 0 ? 1 : 0;
    return { level: levelFromRank(Math.max(floor, Math.min(levelRank(openLevel), limit))), framing: 'advisory' };
  }
  if (openLevel === 'high') return { level: 'high', framing: undefined };
  const limit = levelRank(rules.maxLevel[split.framing]);
  return { level: levelFromRank(Math.max(1, Math.min(levelRank(openLevel), limit))), framing: split.framing };
}

/**
 * The framing of a text as a whole, for an opinion that has no span of its own (the local model's, which reads
 * every word and cannot say which of them a warning covers): a warning or report cue found outside the
 * callee's words (`frames` from {@link findFrames}) frames it. A whole-text verdict ("it was a scam") is an
 * advisory; otherwise the kind with more cues wins, advisory on a tie. Negations (`clause` scope: "do not
 * reply", 请勿点击) frame only the words they negate, not the text: counted here, they silenced the model on
 * phishing texts that carry such a line (Mishra holdout recall 0.801 → 0.789) and spared no benign set a
 * single false alarm. Pure.
 */
export function wholeTextFraming(frames: readonly Frame[]): Framing | undefined {
  let advisory = 0;
  let report = 0;
  for (const frame of frames) {
    if (frame.scope === 'text') return 'advisory';
    if (frame.scope === 'clause') continue;
    if (frame.kind === 'advisory') advisory += 1;
    else report += 1;
  }
  if (advisory + report === 0) return undefined;
  return advisory >= report ? 'advisory' : 'report';
}
