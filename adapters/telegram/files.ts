import type { Api } from 'grammy';

/** A file download that went wrong, with a reason the caller maps to a user message. */
export class TelegramFileError extends Error {
  readonly code: 'TOO_LARGE' | 'UNAVAILABLE';
  constructor(code: 'TOO_LARGE' | 'UNAVAILABLE', message: string) {
    super(message);
    this.name = 'TelegramFileError';
    this.code = code;
  }
}

/** Downloads a file a user sent, by file_id, refusing files above `maxBytes`. */
export type FileDownloader = (api: Api, fileId: string, maxBytes: number) => Promise<Buffer>;

/** Creates a downloader for the Bot API at `apiRoot` (files live at <apiRoot>/file/bot<token>/<path>). */
export function createFileDownloader(apiRoot: string, token: string): FileDownloader {
  return async (api, fileId, maxBytes) => {
    const file = await api.getFile(fileId);
    if (file.file_size !== undefined && file.file_size > maxBytes) throw new TelegramFileError('TOO_LARGE', 'file too large');
    if (!file.file_path) throw new TelegramFileError('UNAVAILABLE', 'no file path');
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`);
    if (!response.ok || !response.body) throw new TelegramFileError('UNAVAILABLE', `download failed with HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body.cancel();
      throw new TelegramFileError('TOO_LARGE', 'file too large');
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new TelegramFileError('TOO_LARGE', 'file too large');
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
}
