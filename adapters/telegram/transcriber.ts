import type { Language } from '../../src/core/index.ts';

/**
 * Speech-to-text for voice notes and audio, the shape of src/llm/transcribe.ts (issue 3). Defined here so
 * the adapter does not depend on the LLM module; any object with this method fits.
 */
export interface Transcriber {
  /** Largest recording the transcriber accepts, in bytes (the adapter also applies its own limit). */
  readonly maxBytes?: number;
  transcribe(audio: Uint8Array, fileName: string, language?: Language): Promise<string | { text: string }>;
}

/** The text of a transcription result, whichever shape the transcriber returns. */
export function transcriptText(result: string | { text: string }): string {
  return (typeof result === 'string' ? result : result.text).trim();
}

/** A transcriber's error that names the user-facing text to show (src/llm/transcribe.ts TranscriptionError). */
export function transcriptionErrorText(error: unknown): { key: string; vars: Record<string, string | number> } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { textKey, textVars } = error as { textKey?: unknown; textVars?: unknown };
  if (typeof textKey !== 'string') return undefined;
  return { key: textKey, vars: typeof textVars === 'object' && textVars !== null ? (textVars as Record<string, string | number>) : {} };
}
