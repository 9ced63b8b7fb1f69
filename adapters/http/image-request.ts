/**
 * Screenshots on the HTTP API: `POST /v1/check` with `{"kind":"image","image":"<base64>"}` (or `"images": [...]`
 * for several screenshots of one chat) as JSON, or as `multipart/form-data` with one or more files and an optional
 * `language` field. Multipart is parsed by Node's own fetch implementation (undici's `Response.formData()`).
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { LanguageSchema, SourceSchema, type Language, type Source, type Translate } from '../../src/core/index.ts';
import { imageProblemText, type ImageProblem } from '../../src/image/image-check.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import { HttpError } from './http-errors.ts';

/** The image form of a check request, as JSON. */
export const ImageCheckBodySchema = z
  .object({
    kind: z.literal('image'),
    image: z.string().min(1).optional(),
    images: z.array(z.string().min(1)).min(1).optional(),
    language: LanguageSchema.optional(),
    source: SourceSchema.optional(),
  })
  .refine((body) => (body.image === undefined) !== (body.images === undefined), { message: 'give "image" (one base64 string) or "images" (a list), not both', path: ['image'] });

/** Screenshots to check, from either form. */
export interface ImageCheckInput {
  images: Uint8Array[];
  language?: Language;
  source: Source;
}

/** The body limit for requests that may carry images: the image limit in base64 (4/3) plus room for the JSON. */
export function imageBodyLimit(limits: ImageLimits): number {
  return Math.ceil((limits.maxBytes * limits.maxImages * 4) / 3) + 64 * 1024;
}

function decodeBase64(value: string, field: string): Uint8Array {
  const data = value.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) throw new HttpError(422, 'invalid_request', `${field}: not base64`, { issues: [{ field, message: 'not base64' }] });
  return Buffer.from(data, 'base64');
}

/** Validates a parsed JSON body of kind "image" (422 naming the field). */
export function imageInputFromJson(body: unknown): ImageCheckInput {
  const parsed = ImageCheckBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    throw new HttpError(422, 'invalid_request', `${field || 'body'}: ${issue?.message ?? 'invalid'}`, { issues: [{ field, message: issue?.message ?? 'invalid' }] });
  }
  const { image, images, language, source } = parsed.data;
  const list = images ?? (image !== undefined ? [image] : []);
  return {
    images: list.map((value, index) => decodeBase64(value, images ? `images.${index}` : 'image')),
    ...(language ? { language } : {}),
    source: source ?? { platform: 'api' },
  };
}

/** True for a multipart/form-data request. */
export function isMultipart(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * A browser sends multipart forms across sites without a CORS preflight; such a post carries an Origin header
 * naming the other site. Requests without Origin (curl, scripts) and from this server's own page are let in.
 */
export function requireSameOrigin(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== request.headers.host) throw new HttpError(415, 'unsupported_media_type', 'multipart forms are accepted from this server\'s own page only; send JSON from other origins');
}

/** Reads a multipart body (up to `limit` bytes) into the screenshots it carries and its `language` field. */
export async function imageInputFromMultipart(request: IncomingMessage, limit: number): Promise<ImageCheckInput> {
  const declared = Number(request.headers['content-length']);
  const tooLarge = new HttpError(413, 'payload_too_large', `the body is larger than ${limit} bytes`, { headers: { connection: 'close' } });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge;
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'incomplete_body', 'the connection closed before the whole body arrived');
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData();
  } catch {
    throw new HttpError(400, 'malformed_json', 'the multipart body could not be parsed');
  }
  const images: Uint8Array[] = [];
  for (const value of form.values()) if (typeof value !== 'string') images.push(new Uint8Array(await value.arrayBuffer()));
  if (images.length === 0) throw new HttpError(422, 'invalid_request', 'image: send at least one image file', { issues: [{ field: 'image', message: 'is required' }] });
  const language = LanguageSchema.safeParse(form.get('language') ?? undefined);
  return { images, ...(language.success ? { language: language.data } : {}), source: { platform: 'api' } };
}

const STATUS: Record<ImageProblem, { status: number; code: 'image_refused' | 'no_text' | 'ocr_unavailable' | 'payload_too_large' | 'internal_error' }> = {
  empty: { status: 422, code: 'image_refused' },
  too_large: { status: 413, code: 'payload_too_large' },
  too_many_pixels: { status: 413, code: 'payload_too_large' },
  too_many_images: { status: 413, code: 'payload_too_large' },
  heic: { status: 415, code: 'image_refused' },
  unsupported_format: { status: 415, code: 'image_refused' },
  decode: { status: 422, code: 'image_refused' },
  no_text: { status: 422, code: 'no_text' },
  busy: { status: 503, code: 'ocr_unavailable' },
  timeout: { status: 503, code: 'ocr_unavailable' },
  closed: { status: 503, code: 'ocr_unavailable' },
  internal: { status: 500, code: 'internal_error' },
};

/** The HTTP error for a screenshot that could not be checked, its message in the request's language. */
export function imageProblemError(t: Translate, problem: ImageProblem, language: Language, limits: ImageLimits): HttpError {
  const { status, code } = STATUS[problem];
  return new HttpError(status, code, imageProblemText(t, language, problem, limits), status === 503 ? { headers: { 'retry-after': '30' } } : {});
}
