import type { Api, Context } from 'grammy';
import type Keyv from 'keyv';
import type { Logger } from '../../src/core/adapter.ts';
import type { Checker } from '../../src/core/checker.ts';
import type { Claims } from '../../src/core/claims.ts';
import type { SecondOpinionState } from '../../src/core/reply.ts';
import type { CheckRequest, ForwardOrigin, Language } from '../../src/core/request.ts';
import type { Verdict } from '../../src/core/verdict.ts';

/** The grammY context every Telegram handler receives (plain Context: no session or other flavors). */
export type TelegramContext = Context;

/** Limits and timings of the Telegram bot; every value has a default in config.ts (DEFAULT_TELEGRAM_FEATURES). */
export interface TelegramFeatureConfig {
  /** Checks one user may ask for per rate window. */
  userChecksPerWindow: number;
  /** Checks one chat may ask for per rate window. */
  chatChecksPerWindow: number;
  /** Length of the rate window, in milliseconds. */
  rateWindowMs: number;
  /** How long forwarded messages are collected into one conversation, in milliseconds. */
  burstWindowMs: number;
  /** Largest text document (.txt, .srt, .vtt) accepted, in bytes. */
  maxDocumentBytes: number;
  /** Largest voice note or audio file sent to the transcriber, in bytes. */
  maxAudioBytes: number;
  /** How long a /checkin waits for the member before telling the group what to do, in milliseconds. */
  checkinTimeoutMs: number;
  /** How long update ids are remembered for de-duplication, in milliseconds. */
  dedupTtlMs: number;
}

/** Clock and timers, injectable so tests control time. */
export interface TelegramClock {
  now(): number;
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for {@link TelegramShared.renderVerdictHtml}. */
export interface RenderVerdictOptions {
  /** State of the LLM second opinion shown in the footer ('pending' while the refined verdict is awaited). */
  secondOpinion: SecondOpinionState;
  forwardedFrom?: ForwardOrigin;
  /** A short form (title, summary, top evidence) for group warnings; default false. */
  compact?: boolean;
  /** Extra notes in plain text (escaped when rendered), e.g. "checked as a call transcript". */
  notes?: string[];
}

/** Options for {@link TelegramShared.replyWithCheck}. */
export interface ReplyWithCheckOptions {
  /** Message to answer (reply_parameters); default: the message of the update, when there is one. */
  replyToMessageId?: number;
  /** Reply in this language instead of {@link TelegramShared.languageOf}. */
  language?: Language;
  compact?: boolean;
  /** Extra plain-text notes shown under the verdict. */
  notes?: string[];
  /** Forward origin to mention in the reply (defaults to request.source.forwardedFrom). */
  forwardedFrom?: ForwardOrigin;
  /** A message the bot sent before (a "Reading the screenshot…" progress note) to edit into the answer's first part. */
  editMessageId?: number;
}

/** Result of {@link TelegramShared.replyWithCheck}: the verdicts and the ids of the messages sent. */
export interface ReplyWithCheckResult {
  instant: Verdict;
  messageIds: number[];
  /** Resolves after the reply was edited with the refined verdict (or left alone); never rejects. */
  settled: Promise<void>;
}

/**
 * What the bot hands each feature module (private chat, family group). Everything a handler needs besides
 * the grammY context; no module reaches for globals, so tests can swap any part.
 */
export interface TelegramShared {
  /** The bot's API client (with the retrying transformer), for work that runs outside an update, e.g. check-in deadlines. */
  api: Api;
  checker: Checker;
  /** Adapter state. Keys: `lang:<userId>`, `dedup:<updateId>`, `rate:*` (runtime); `group:*` (group features). Never message text. */
  store: Keyv;
  /** Atomic claims shared by every process on the store: update de-duplication, confirmations, warnings. */
  claims: Claims;
  logger: Logger;
  /** The user's /lang choice, else their Telegram language (zh* → zh), else en. */
  languageOf(ctx: TelegramContext): Promise<Language>;
  /** The verdict as Telegram HTML (every user-derived piece escaped), split into messages of at most 4096 characters. */
  renderVerdictHtml(verdict: Verdict, options: RenderVerdictOptions): string[];
  /** Escapes &, < and > for Telegram HTML. */
  escapeHtml(text: string): string;
  /**
   * Runs a check and answers in the chat: the instant verdict at once, edited in place when the refined
   * verdict differs (outcome.changed). The request's language defaults to the user's language.
   */
  replyWithCheck(ctx: TelegramContext, request: CheckRequest, options?: ReplyWithCheckOptions): Promise<ReplyWithCheckResult>;
  /**
   * Per-user and per-chat rate limit for checks. Returns false when over the limit; then, unless `silent`,
   * it sends a polite note once per window. Passive watch should call it with silent: true.
   */
  allowCheck(ctx: TelegramContext, options?: { silent?: boolean }): Promise<boolean>;
  config: TelegramFeatureConfig;
  clock: TelegramClock;
}
