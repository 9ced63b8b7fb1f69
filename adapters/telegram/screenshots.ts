/**
 * Screenshots in the private chat: a photo without a caption, or an image sent as a file, is read as a chat
 * screenshot. Photos of one album (one media_group_id) are collected for `burstWindowMs` and checked together as
 * one conversation. The bot answers "Reading the screenshot…" at once and edits that message into the verdict.
 * Images are downloaded into memory for the OCR worker and dropped; nothing is stored or logged.
 */
import type { Message } from 'grammy/types';
import type { Language } from '../../src/core/index.ts';
import { imageProblemText, readNote, readScreenshots, type ImageProblem } from '../../src/image/image-check.ts';
import type { ImageLimits } from '../../src/image/image-limits.ts';
import type { ImageReader } from '../../src/image/ocr-pool.ts';
import { errorFields, replyWithCheck } from './check-reply.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { editMessageHtml } from './edit-message.ts';
import { TelegramFileError, type FileDownloader } from './files.ts';
import { forwardOriginOf } from './forward-origin.ts';
import { escapeHtml } from './html.ts';
import { languageOf } from './language.ts';
import { allowCheck } from './rate-limit.ts';
import { answerFor, currentUpdate, sendProgressNote, type UpdateScope } from './update-guard.ts';

/** The OCR pool and its limits, shared with the HTTP API. */
export interface ScreenshotService {
  reader: ImageReader;
  limits: ImageLimits;
}

/** The screenshot feature as the private chat uses it. */
export interface Screenshots {
  /** True for a document that is an image by its type or name (PNG, JPEG, WebP, and HEIC, refused with a note). */
  isImageDocument(document: { mime_type?: string; file_name?: string }): boolean;
  /**
   * Takes one image of a message: checked at once, or with the rest of its album (with holdUntilAnswered the
   * promise of an album photo resolves once the album was answered, else at once).
   */
  add(ctx: TelegramContext, fileId: string, message: Message): Promise<void>;
}

const IMAGE_TYPES = /^image\/(png|jpeg|webp|heic|heif)$/i;
const IMAGE_NAMES = /\.(png|jpe?g|webp|heic|heif)$/i;

interface Album {
  ctx: TelegramContext;
  items: Array<{ fileId: string; message: Message }>;
  /** The updates of its photos, acknowledged by the album's one answer. */
  updates: Array<UpdateScope | undefined>;
  timer: unknown;
  /** Resolves once the album was answered. */
  answered: Promise<void>;
  done: () => void;
}

/** Creates the screenshot feature for the private chat. */
export function createScreenshots(shared: TelegramShared, deps: { download: FileDownloader; images: ScreenshotService; holdUntilAnswered?: boolean }): Screenshots {
  const { limits, reader } = deps.images;
  const { t } = shared;
  const albums = new Map<string, Album>();

  async function check(ctx: TelegramContext, items: Array<{ fileId: string; message: Message }>): Promise<void> {
    if (!(await allowCheck(shared, ctx))) return;
    const chatId = ctx.chat?.id as number;
    const language: Language = await languageOf(shared.store, ctx);
    const first = items[0]?.message;
    // The note is not the answer: the update is acknowledged by the edit that turns it into the verdict.
    const progress = await sendProgressNote(() =>
      ctx.api.sendMessage(chatId, t(language, items.length > 1 ? 'image.reading_many' : 'image.reading', { count: items.length }), {
        ...(first ? { reply_parameters: { message_id: first.message_id, allow_sending_without_reply: true } } : {}),
      }),
    );
    const answerProblem = async (problem: ImageProblem): Promise<void> => {
      await editMessageHtml(ctx.api, chatId, progress.message_id, escapeHtml(imageProblemText(t, language, problem, limits)));
    };
    if (items.length > limits.maxImages) return answerProblem('too_many_images');
    const images: Buffer[] = [];
    for (const item of items) {
      try {
        images.push(await deps.download(ctx.api, item.fileId, limits.maxBytes));
      } catch (error) {
        shared.logger.warn('telegram: screenshot download failed', errorFields(error));
        return answerProblem(error instanceof TelegramFileError && error.code === 'TOO_LARGE' ? 'too_large' : 'internal');
      }
    }
    const forwardedFrom = first ? forwardOriginOf(first.forward_origin) : undefined;
    const reading = await readScreenshots(images, reader, limits, {
      language,
      source: { platform: 'telegram', chatType: 'private', ...(forwardedFrom ? { forwardedFrom } : {}) },
    });
    images.length = 0;
    if (!reading.ok) return answerProblem(reading.problem);
    await replyWithCheck(shared, ctx, reading.request, {
      editMessageId: progress.message_id,
      detailsSource: 'screenshot',
      notes: [readNote(t, language, reading.extracted, reading.images)],
      ...(first ? { replyToMessageId: first.message_id } : {}),
    });
  }

  const run = (ctx: TelegramContext, items: Array<{ fileId: string; message: Message }>): Promise<void> =>
    check(ctx, items).catch(async (error: unknown) => {
      shared.logger.error('telegram: screenshot could not be checked', errorFields(error));
      await ctx.reply(t(await languageOf(shared.store, ctx), 'telegram.check_failed')).catch(() => undefined);
    });

  return {
    isImageDocument(document) {
      return IMAGE_TYPES.test(document.mime_type ?? '') || IMAGE_NAMES.test(document.file_name ?? '');
    },
    async add(ctx, fileId, message) {
      const group = message.media_group_id;
      if (group === undefined) return run(ctx, [{ fileId, message }]);
      const key = `${ctx.chat?.id}:${group}`;
      let album = albums.get(key);
      if (!album) {
        let done: () => void = () => undefined;
        const answered = new Promise<void>((resolve) => (done = resolve));
        album = { ctx, items: [], updates: [], timer: undefined, answered, done };
        albums.set(key, album);
      }
      const current = album;
      current.items.push({ fileId, message });
      current.updates.push(currentUpdate());
      shared.clock.clearTimeout(current.timer);
      // The photos of an album arrive as separate updates within moments: wait for a quiet window, then check
      // all; the one answer acknowledges every photo's update as it leaves.
      current.timer = shared.clock.setTimeout(() => {
        albums.delete(key);
        const items = current.items.sort((a, b) => a.message.message_id - b.message.message_id);
        const answered = answerFor(current.updates, () => run(current.ctx, items)).finally(current.done);
        shared.tasks.track(answered);
      }, shared.config.burstWindowMs);
      if (deps.holdUntilAnswered) await current.answered;
    },
  };
}
