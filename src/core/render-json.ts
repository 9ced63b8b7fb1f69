import type { ReplyDocument } from './reply.ts';
import type { Verdict } from './verdict.ts';

/** The JSON shape of a check result, as served by the HTTP API and `safeword check --json`. */
export interface JsonResult {
  verdict: Verdict;
  reply: ReplyDocument;
}

/** Renders a verdict and its reply as one JSON-ready object (plain data, no class instances). */
export function renderJson(verdict: Verdict, reply: ReplyDocument): JsonResult {
  return { verdict: structuredClone(verdict), reply: structuredClone(reply) };
}
