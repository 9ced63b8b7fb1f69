import { Composer } from 'grammy';
import type { TelegramContext, TelegramShared } from '../context.ts';

/** A command the group features offer, for setMyCommands in group chats. */
export interface GroupCommand {
  command: string;
  description: string;
}

/**
 * Family-group features (/check, mentions, /watch, /checkin). PLACEHOLDER until the group engineer lands
 * the real module: it handles nothing.
 */
export function createGroupFeatures(shared: TelegramShared): Composer<TelegramContext> {
  void shared;
  return new Composer<TelegramContext>();
}

/** Commands to show in group chats, in `language`. PLACEHOLDER: none yet. */
export function groupCommands(language: 'en' | 'zh'): GroupCommand[] {
  void language;
  return [];
}
