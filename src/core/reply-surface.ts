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
