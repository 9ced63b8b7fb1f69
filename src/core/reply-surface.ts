import type { DetailsCache } from './details-cache.ts';
import type { ReplyDocument } from './reply.ts';
import type { Language } from './request.ts';

/**
 * Where one check's reply goes on a platform: `send` posts it, `edit` replaces what `send` posted (at most
 * once, when the refined verdict calls for it). Both may reject; {@link answerCheck} handles that.
 */
export interface ReplySurface {
  send(reply: ReplyDocument): Promise<void>;
  edit(reply: ReplyDocument): Promise<void>;
}

/** Turns a reply document, or a short notice from locales/ (usage help, check failed), into a platform message. */
export interface ReplyRenderer<Message> {
  render(reply: ReplyDocument): Message;
  notice(language: Language, key: string, vars?: Record<string, string | number>): Message;
}

/** How {@link detailsSurface} posts a short reply: the first answer, and the edit that replaces it. */
export interface ShortReplyOutlet<Message> {
  /** The short reply for the full `reply` kept under the Details button's `key`. */
  render(reply: ReplyDocument, key: string): Message;
  post(message: Message): Promise<unknown>;
  replace(message: Message): Promise<unknown>;
}

/**
 * A surface that posts the short reply (with a Details button) and keeps the full reply in `details` under the
 * button's key; an edit replaces both, under the same key.
 */
export function detailsSurface<Message>(details: DetailsCache<ReplyDocument>, outlet: ShortReplyOutlet<Message>): ReplySurface {
  let key: string | undefined;
  return {
    async send(reply) {
      key = details.add(reply);
      await outlet.post(outlet.render(reply, key));
    },
    async edit(reply) {
      key ??= details.add(reply);
      details.replace(key, reply);
      await outlet.replace(outlet.render(reply, key));
    },
  };
}
