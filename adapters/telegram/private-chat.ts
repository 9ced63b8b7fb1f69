import { Composer } from 'grammy';
import type { Message } from 'grammy/types';
import { MAX_TEXT_LENGTH, type CheckRequest, type Language } from '../../src/core/index.ts';
import { errorFields, replyWithCheck } from './check-reply.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { TelegramFileError, type FileDownloader } from './files.ts';
import { combinedOrigin, forwardOriginOf } from './forward-origin.ts';
import { createForwardBurst, type CollectedBurst, type ForwardBurst } from './forward-burst.ts';
import { languageOf } from './language.ts';
import { allowCheck } from './rate-limit.ts';
import type { DetailsSource } from './reply-details.ts';
import type { Screenshots } from './screenshots.ts';
import { decodeTextFile } from './text-file.ts';
import { transcriptionErrorText, transcriptText, type Transcriber } from './transcriber.ts';
import { answerFor, currentUpdate } from './update-guard.ts';

/** Dependencies of {@link createPrivateChat}. */
export interface PrivateChatDeps {
  download: FileDownloader;
  transcriber?: Transcriber;
  /** Photos and image documents read as chat screenshots. */
  screenshots?: Screenshots;
  /**
   * A forward's handler returns only once its burst was answered (webhook mode: Telegram gets its 200 after
   * the answer, so it delivers the forwards again after a crash). Off for long polling, which handles one
   * update at a time (a burst could never gather) and confirms them with its next getUpdates anyway.
   */
  holdUntilAnswered?: boolean;
}

/** The private-chat feature: its middleware and the forward collector (flushed on stop). */
export interface PrivateChat {
  composer: Composer<TelegramContext>;
  burst: ForwardBurst;
}

const TRANSCRIPT_EXTENSIONS = /\.(txt|srt|vtt)$/i;
/** Recordings people share as files (voice memos, call recordings): transcribed like voice notes. */
const RECORDING_EXTENSIONS = /\.(m4a|mp3|ogg|oga|opus|wav|aac|amr|flac|3gp)$/i;
const TRANSCRIPT_TYPES = new Set(['text/plain', 'text/vtt', 'application/x-subrip', 'text/srt']);

function isBareCommand(message: Message): boolean {
  const entity = message.entities?.[0];
  return entity?.type === 'bot_command' && entity.offset === 0;
}

/**
 * Private chat: every text, caption and forward is checked (forwards arriving close together as one
 * conversation), text documents as call transcripts, voice notes and audio through the transcriber.
 */
export function createPrivateChat(shared: TelegramShared, deps: PrivateChatDeps): PrivateChat {
  const composer = new Composer<TelegramContext>();
  const chat = composer.chatType('private');
  const { t } = shared;
  const say = async (ctx: TelegramContext, key: string, vars: Record<string, string | number> = {}): Promise<void> => {
    await ctx.reply(t(await languageOf(shared.store, ctx), key, vars));
  };
  const burst = createForwardBurst({ windowMs: shared.config.burstWindowMs, clock: shared.clock });

  /**
   * Checks a closed burst of forwards (and questions typed meanwhile) as one conversation, one reply, which
   * acknowledges every update of the burst as it leaves.
   */
  function checkBurst(burst: CollectedBurst): Promise<void> {
    return answerFor(burst.items.map((item) => item.update), () => checkCollected(burst));
  }

  async function checkCollected({ ctx, items: collected }: CollectedBurst): Promise<void> {
    try {
      // Forwarded photos and stickers without a caption ride along silently; only text is checked.
      const items = collected.filter((item) => item.text.trim() !== '');
      if (items.length === 0) return await say(ctx, 'telegram.nothing_to_check');
      if (!(await allowCheck(shared, ctx))) return;
      const language = await languageOf(shared.store, ctx);
      const forwardedFrom = combinedOrigin(items.map((item) => item.origin));
      const request: CheckRequest = {
        kind: 'message',
        text: items.map((item) => item.text).join('\n\n'),
        language,
        source: { platform: 'telegram', chatType: 'private', ...(forwardedFrom ? { forwardedFrom } : {}) },
      };
      const notes = items.length > 1 ? [t(language, 'telegram.conversation_note', { count: items.length })] : [];
      const last = items[items.length - 1];
      // One message is checked as the reply's message holds it; several are not in it (only the last is answered).
      const detailsSource = items.length === 1 ? 'message' : 'other';
      const answered = await replyWithCheck(shared, ctx, request, { notes, detailsSource, ...(last ? { replyToMessageId: last.messageId } : {}) });
      if (!answered) await say(ctx, 'telegram.nothing_to_check');
    } catch (error) {
      shared.logger.error('telegram: forwarded messages could not be checked', errorFields(error));
      await say(ctx, 'telegram.check_failed').catch(() => undefined);
    }
  }

  /** Each burst's answer (the check of it, done), by the burst's `closed` promise. */
  const answers = new WeakMap<Promise<CollectedBurst>, Promise<void>>();

  /**
   * Adds a message to the chat's burst; the message that opens one checks the whole burst once it closes.
   * With holdUntilAnswered, resolves once the burst was answered; else at once.
   */
  async function collect(ctx: TelegramContext, item: Omit<Parameters<ForwardBurst['add']>[1], 'update'>): Promise<void> {
    const added = burst.add(ctx, { ...item, update: currentUpdate() });
    if (!added) return;
    if (added.opened) {
      const answered = added.closed.then(checkBurst);
      answers.set(added.closed, answered);
      shared.tasks.track(answered);
    }
    if (deps.holdUntilAnswered) await answers.get(added.closed);
  }

  async function checkText(ctx: TelegramContext, text: string, kind: CheckRequest['kind'], notes: string[], message: Message, detailsSource: DetailsSource): Promise<void> {
    const language: Language = await languageOf(shared.store, ctx);
    const forwardedFrom = forwardOriginOf(message.forward_origin);
    const request: CheckRequest = {
      kind,
      text: text.slice(0, MAX_TEXT_LENGTH),
      language,
      source: { platform: 'telegram', chatType: 'private', ...(forwardedFrom ? { forwardedFrom } : {}) },
    };
    if (!(await replyWithCheck(shared, ctx, request, { notes, detailsSource }))) await say(ctx, 'telegram.nothing_to_check');
  }

  chat.on('message:document', async (ctx) => {
    const document = ctx.message.document;
    if (deps.screenshots?.isImageDocument(document)) return deps.screenshots.add(ctx, document.file_id, ctx.message);
    const isRecording = (document.mime_type ?? '').startsWith('audio/') || RECORDING_EXTENSIONS.test(document.file_name ?? '');
    if (isRecording) return checkRecording(ctx, document, document.file_name ?? 'recording', ctx.message);
    const byName = document.file_name ? TRANSCRIPT_EXTENSIONS.test(document.file_name) : false;
    if (!byName && !TRANSCRIPT_TYPES.has(document.mime_type ?? '')) return say(ctx, 'telegram.document_unsupported');
    const maxKb = Math.floor(shared.config.maxDocumentBytes / 1024);
    if ((document.file_size ?? 0) > shared.config.maxDocumentBytes) return say(ctx, 'telegram.document_too_large', { maxKb });
    if (!(await allowCheck(shared, ctx))) return;
    let content: Buffer;
    try {
      content = await deps.download(ctx.api, document.file_id, shared.config.maxDocumentBytes);
    } catch (error) {
      shared.logger.warn('telegram: document download failed', errorFields(error));
      if (error instanceof TelegramFileError && error.code === 'TOO_LARGE') return say(ctx, 'telegram.document_too_large', { maxKb });
      return say(ctx, 'telegram.document_failed');
    }
    const decoded = decodeTextFile(content);
    if (!decoded.ok) return say(ctx, 'telegram.document_not_text');
    const text = decoded.text;
    if (text.trim() === '') return say(ctx, 'telegram.nothing_to_check');
    if (text.length > MAX_TEXT_LENGTH) return say(ctx, 'telegram.document_too_large', { maxKb });
    const language = await languageOf(shared.store, ctx);
    await checkText(ctx, text, 'transcript', [t(language, 'telegram.transcript_note')], ctx.message, 'other');
  });

  /** Transcribes a recording (voice note, audio, video note, or an audio file sent as a document) and checks it. */
  async function checkRecording(ctx: TelegramContext, media: { file_id: string; file_size?: number }, fileName: string, message: Message): Promise<void> {
    if (!deps.transcriber) return say(ctx, 'telegram.voice_no_transcriber');
    const maxBytes = Math.min(shared.config.maxAudioBytes, deps.transcriber.maxBytes ?? Number.POSITIVE_INFINITY);
    const maxMb = Math.floor(maxBytes / (1024 * 1024));
    if ((media.file_size ?? 0) > maxBytes) return say(ctx, 'telegram.voice_too_large', { maxMb });
    if (!(await allowCheck(shared, ctx))) return;
    const language = await languageOf(shared.store, ctx);
    let text: string;
    try {
      const audio = await deps.download(ctx.api, media.file_id, maxBytes);
      text = transcriptText(await deps.transcriber.transcribe(audio, fileName, language));
    } catch (error) {
      shared.logger.warn('telegram: transcription failed', errorFields(error));
      if (error instanceof TelegramFileError && error.code === 'TOO_LARGE') return say(ctx, 'telegram.voice_too_large', { maxMb });
      const known = transcriptionErrorText(error);
      let reason: string | undefined;
      try {
        reason = known ? t(language, known.key, known.vars) : undefined;
      } catch {
        reason = undefined; // a text id we do not know: use our own sentence
      }
      await ctx.reply(reason ?? t(language, 'telegram.voice_failed'));
      return;
    }
    if (text === '') return say(ctx, 'telegram.voice_empty');
    await checkText(ctx, text, 'message', [t(language, 'telegram.voice_note')], message, 'other');
  }

  chat.on(['message:voice', 'message:audio', 'message:video_note'], async (ctx) => {
    const message = ctx.message;
    const media = message.voice ?? message.audio ?? message.video_note;
    if (!media) return;
    const fileName = message.audio?.file_name ?? (message.video_note ? 'video-note.mp4' : 'voice.ogg');
    await checkRecording(ctx, media, fileName, message);
  });

  // /check works here too (people read about it for groups); the group-only commands say where they work.
  chat.command('check', async (ctx) => {
    const text = ctx.match.trim();
    if (text === '') return say(ctx, 'telegram.nothing_to_check');
    if (!(await allowCheck(shared, ctx))) return;
    await checkText(ctx, text, 'message', [], ctx.message, 'command');
  });
  chat.command(['watch', 'checkin'], (ctx) => say(ctx, 'telegram.group_only'));

  chat.on('message', async (ctx) => {
    const message = ctx.message;
    const text = message.text ?? message.caption;
    const photo = message.photo?.at(-1); // the largest size Telegram made
    if (photo && deps.screenshots && (text === undefined || text.trim() === '')) return deps.screenshots.add(ctx, photo.file_id, message);
    if (message.forward_origin) {
      // One reply per burst, also when a forwarded photo or sticker without text is part of it.
      return collect(ctx, { text: text ?? '', origin: forwardOriginOf(message.forward_origin), messageId: message.message_id });
    }
    if (text === undefined || text.trim() === '') return say(ctx, 'telegram.nothing_to_check');
    if (message.text !== undefined && isBareCommand(message)) return say(ctx, 'telegram.unknown_command'); // not a message to check
    if (burst.waiting(ctx.chat.id)) {
      // "Is this real?" typed right after forwarding: part of the same conversation, one reply.
      return collect(ctx, { text, origin: undefined, messageId: message.message_id });
    }
    if (!(await allowCheck(shared, ctx))) return;
    await checkText(ctx, text, 'message', [], message, 'message');
  });

  return { composer, burst };
}
