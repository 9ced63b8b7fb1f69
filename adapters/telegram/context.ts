import type { Api, Context } from 'grammy';
import type Keyv from 'keyv';
import type { Checker, Claims, Logger, TaskTracker, Translate } from '../../src/core/index.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ReplyDetails } from './reply-details.ts';

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

/**
 * What the bot hands each feature module (private chat, family group): the bot's clients, stores and
 * settings, data only. Handlers call module functions with it (languageOf, allowCheck, replyWithCheck), so
 * tests can swap any part.
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
  /** The adapter's one owner of background work (reply edits, forward bursts, check-in sends); stop drains it. */
  tasks: TaskTracker;
  /** The user-facing texts (the checker's ruleset's). */
  t: Translate;
  /** Per-user and per-chat check budget (see allowCheck in rate-limit.ts). */
  limiter: RateLimiter;
  config: TelegramFeatureConfig;
  clock: TelegramClock;
  /** Check replies whose Details button still works (this process's memory only, with a time limit). */
  details: ReplyDetails;
}
