import type { APIMessage, Attachment, Message } from 'discord.js';
import { z } from 'zod';

/** An image attached to a message or given to `/verify image:`, as the API describes it. */
export interface ImageAttachment {
  /** Where Discord serves it (its CDN). */
  url: string;
  /** Size in bytes as Discord reports it. */
  size: number;
}

const IMAGE_TYPES = /^image\/(png|jpeg|webp|heic|heif)$/i;
const IMAGE_NAMES = /\.(png|jpe?g|webp|heic|heif)$/i;

/** True for an attachment that is an image by its content type or name (HEIC too: it is refused with a note). */
export function isImage(contentType: string | null | undefined, name: string | null | undefined): boolean {
  return IMAGE_TYPES.test(contentType ?? '') || IMAGE_NAMES.test(name ?? '');
}

const RawAttachmentSchema = z.object({ url: z.string(), size: z.number(), content_type: z.string().optional(), filename: z.string().optional() });
const RawMessageSchema = z.object({
  attachments: z.array(RawAttachmentSchema).optional(),
  message_snapshots: z.array(z.object({ message: z.object({ attachments: z.array(RawAttachmentSchema).optional() }) })).optional(),
});

/** One discord.js Attachment as an {@link ImageAttachment}, or undefined when it is not an image. */
export function imageAttachment(attachment: Pick<Attachment, 'url' | 'size' | 'contentType' | 'name'>): ImageAttachment | undefined {
  return isImage(attachment.contentType, attachment.name) ? { url: attachment.url, size: attachment.size } : undefined;
}

/**
 * The images of a message picked with the context menu, in order: its attachments and, for a forwarded
 * message, those of the forwarded copy. Works on a discord.js Message and on the raw API message.
 */
export function messageImages(message: Message | APIMessage): ImageAttachment[] {
  if ('messageSnapshots' in message) {
    const all = [...message.attachments.values(), ...[...message.messageSnapshots.values()].flatMap((snapshot) => [...snapshot.attachments.values()])];
    return all.map(imageAttachment).filter((image): image is ImageAttachment => image !== undefined);
  }
  const raw = RawMessageSchema.safeParse(message);
  if (!raw.success) return [];
  const all = [...(raw.data.attachments ?? []), ...(raw.data.message_snapshots ?? []).flatMap((snapshot) => snapshot.message.attachments ?? [])];
  return all.filter((item) => isImage(item.content_type, item.filename)).map((item) => ({ url: item.url, size: item.size }));
}
