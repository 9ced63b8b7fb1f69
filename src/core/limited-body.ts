/** The body went past its byte limit; reading stopped there. */
export class BodyTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the body is larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
    this.limit = limit;
  }
}

/**
 * Reads a request body while it streams, stopping with {@link BodyTooLargeError} as soon as more than
 * `limit` bytes arrived, whatever Content-Length said (a chunked body has none). Nothing past the limit is
 * kept, so a 100 MB body costs at most `limit` bytes of memory; the caller answers 413 and closes.
 */
export async function readLimitedBody(stream: AsyncIterable<Uint8Array>, limit: number, declaredLength?: string | undefined): Promise<Buffer> {
  const declared = Number(declaredLength);
  if (declaredLength !== undefined && Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, size);
}
