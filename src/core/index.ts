/**
 * The core's contract with adapters: everything adapters/ may use, imported from here only (a test in
 * test/core/boundaries.test.ts enforces it). An adapter parses its platform's events into a CheckRequest,
 * implements a ReplySurface (send, edit) and a ReplyRenderer (render, notice), and calls answerCheck().
 */
export type { Adapter, AdapterDeps } from './adapter.ts';
export { createMemoryClaims, type Claims, type LeaseState } from './claims.ts';
export { answerCheck, answerContext, answerOrNotify, type AnswerContext, type AnswerOptions, type AnswerResult, type FallbackNotices } from './answer-check.ts';
export type { Checker } from './checker.ts';
export { reportContacts } from './advice-texts.ts';
export { COUNTRIES, parseCountryCode, type Country } from './countries.ts';
export { countScripts, detectLanguage } from './language.ts';
export { replyLanguageFor, textReplyLanguage } from './reply-language.ts';
export type { Logger } from './logger.ts';
export { renderJson, type JsonResult } from './render-json.ts';
export { renderText } from './render-text.ts';
export { buildReply, categoryLabels, secondOpinionState, type ReplyDocument, type SecondOpinionState } from './reply.ts';
export { replySections, sectionOf, type ReplySection, type SectionFormat } from './reply-sections.ts';
export type { ReplyRenderer, ReplySurface, ShortReplyOutlet } from './reply-surface.ts';
export { detailsSurface } from './reply-surface.ts';
export {
  CheckRequestSchema,
  LANGUAGES,
  SOURCE_LANGUAGES,
  languageFromTag,
  LanguageSchema,
  MAX_TEXT_LENGTH,
  sourceLanguage,
  SourceSchema,
  type Source,
  type CheckRequest,
  type ForwardOrigin,
  type Language,
} from './request.ts';
export { closeServer, listen, listenUrl } from './listen.ts';
export { BodyTooLargeError, readLimitedBody } from './limited-body.ts';
export { DownloadError, fetchLimited, urlOnOrigins, type DownloadFailure, type LimitedFetchOptions } from './limited-fetch.ts';
export { BoundedMap, type BoundedMapOptions } from './bounded-map.ts';
export {
  createDetailsCache,
  DEFAULT_DETAILS_ENTRIES,
  DEFAULT_DETAILS_TTL_MS,
  detailsKeyOwner,
  findDetails,
  isDetailsKey,
  serveDetails,
  type DetailsCache,
  type DetailsCacheOptions,
} from './details-cache.ts';
export type { Peers } from './peers.ts';
export { optionalSetting, parseApiUrl, parsePort, pause, SettingError } from './settings.ts';
export { createTaskTracker, type TaskTracker } from './task-tracker.ts';
export type { Ruleset } from './ruleset.ts';
export { loadTexts, textOf, translator, type TextTable, type Translate } from './texts.ts';
export { VerdictSchema, type Level, type Verdict } from './verdict.ts';
