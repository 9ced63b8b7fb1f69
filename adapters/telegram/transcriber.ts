import type { Language } from '../../src/core/request.ts';

/**
 * Speech-to-text for voice notes and audio, the shape of src/llm/transcribe.ts (issue 3). Defined here so
 * the adapter does not depend on the LLM module; any object with this method fits.
 */
export interface Transcriber {
  transcribe(audio: Uint8Array, fileName: string, language?: Language): Promise<string | { text: string }>;
}

/** The text of a transcription result, whichever shape the transcriber returns. */
export function transcriptText(result: string | { text: string }): string {
  return (typeof result === 'string' ? result : result.text).trim();
}
