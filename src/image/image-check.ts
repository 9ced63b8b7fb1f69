/**
 * Screenshots → the request to check: every image is checked against the limits from its header, read in
 * the OCR pool, its bubbles joined in order (an album is one conversation), and the result is a transcript
 * request in which the other party's turns weigh as the caller's. Nothing here keeps or logs the image.
 */
import { textReplyLanguage } from '../core/reply-language.ts';
import type { CheckRequest, Language, Source } from '../core/request.ts';
import type { ReplyDocument } from '../core/reply.ts';
import type { Translate } from '../core/texts.ts';
import type { Bubble } from './bubbles.ts';
import { extractedConversation, transcriptText, type ExtractedConversation } from './conversation.ts';
import { checkImageBytes, type ImageLimits, type ImageRefusal } from './image-limits.ts';
import { OcrError, type ImageReader, type OcrFailure } from './ocr-pool.ts';

/** Why no request came out of the images: refused before OCR, OCR failed, or nothing readable. */
export type ImageProblem = ImageRefusal | OcrFailure | 'no_text' | 'too_many_images';

/** The outcome of reading screenshots. */
export type ImageReading =
  | { ok: true; request: CheckRequest; extracted: ExtractedConversation; images: number }
  | { ok: false; problem: ImageProblem };

/** Reads one or more screenshots (in order) into a transcript request. Never throws for bad input. */
export async function readScreenshots(
  images: readonly Uint8Array[],
  reader: ImageReader,
  limits: ImageLimits,
  options: { language?: Language; source?: Source } = {},
): Promise<ImageReading> {
  if (images.length === 0) return { ok: false, problem: 'empty' };
  if (images.length > limits.maxImages) return { ok: false, problem: 'too_many_images' };
  for (const image of images) {
    const checked = checkImageBytes(image, limits);
    if ('refused' in checked) return { ok: false, problem: checked.refused };
  }
  const bubbles: Bubble[] = [];
  try {
    const results = await Promise.all(images.map((image) => reader.read(image)));
    for (const result of results) bubbles.push(...result.bubbles);
  } catch (error) {
    return { ok: false, problem: error instanceof OcrError ? error.code : 'internal' };
  }
  const extracted = extractedConversation(bubbles);
  if (extracted.turns.length === 0 || !/[\p{L}\p{N}]/u.test(extracted.text)) return { ok: false, problem: 'no_text' };
  return {
    ok: true,
    extracted,
    images: images.length,
    request: {
      kind: 'transcript',
      text: transcriptText(extracted),
      ...(options.language ? { language: options.language } : {}),
      ...(options.source ? { source: options.source } : {}),
    },
  };
}

/** The answer to a problem, in `language` (texts from `t`, the ruleset's). */
export function imageProblemText(t: Translate, language: Language, problem: ImageProblem, limits: ImageLimits): string {
  if (problem === 'no_text') return t(language, 'image.no_text');
  if (problem === 'too_many_images') return t(language, 'image.refused_too_many_images', { limit: limits.maxImages });
  const refusal = ['empty', 'too_large', 'too_many_pixels', 'heic', 'unsupported_format'].includes(problem);
  return t(language, `image.${refusal ? 'refused' : 'failed'}_${problem}`, {
    limit: problem === 'too_large' ? Math.floor(limits.maxBytes / (1024 * 1024)) : Math.floor(limits.maxPixels / 1_000_000),
  });
}

/** Most turns quoted back in a reply; the rest are counted. */
const MAX_QUOTED_TURNS = 12;
/** Most characters of one quoted turn. */
const MAX_QUOTED_TURN = 300;

/** The lines quoting what was read: "Them: …" / "You: …" (对方 / 您), shortened for a chat reply. */
export function quotedTurns(t: Translate, language: Language, extracted: ExtractedConversation): string[] {
  const lines = extracted.turns.slice(0, MAX_QUOTED_TURNS).map((turn) => {
    const text = turn.text.length > MAX_QUOTED_TURN ? `${turn.text.slice(0, MAX_QUOTED_TURN - 1)}…` : turn.text;
    return t(language, 'image.quote_line', { speaker: t(language, turn.speaker === 'other' ? 'image.speaker_other' : 'image.speaker_user'), text });
  });
  const rest = extracted.turns.length - MAX_QUOTED_TURNS;
  if (rest > 0) lines.push(t(language, 'image.more_turns', { count: rest }));
  return lines;
}

/** The note saying the text was read from `images` images, quoting what was read. */
export function readNote(t: Translate, language: Language, extracted: ExtractedConversation, images = 1): string {
  const heading = images > 1 ? t(language, 'image.read_note_many', { count: images }) : t(language, 'image.read_note');
  return [heading, ...quotedTurns(t, language, extracted)].join('\n');
}

/**
 * What a chat adapter checks after reading screenshots: the request answered in the language of the text read
 * (else the user's interface language), and the {@link readNote} that leads the reply.
 */
export function readingCheck(
  t: Translate,
  reading: Extract<ImageReading, { ok: true }>,
  interfaceLanguage: Language,
): { request: CheckRequest; language: Language; notes: string[] } {
  const language = textReplyLanguage(reading.request.text, interfaceLanguage);
  return { request: { ...reading.request, language, interfaceLanguage }, language, notes: [readNote(t, language, reading.extracted, reading.images)] };
}

/** The reply with {@link readNote} as its first note. */
export function withReadNote(t: Translate, reply: ReplyDocument, extracted: ExtractedConversation, images = 1): ReplyDocument {
  return { ...reply, notes: [readNote(t, reply.language, extracted, images), ...reply.notes] };
}
