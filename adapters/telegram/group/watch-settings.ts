import type Keyv from 'keyv';
import { z } from 'zod';
import { LanguageSchema } from '../../../src/core/index.ts';

/** Per-chat settings of the family-group features. */
const GroupSettingsSchema = z.object({
  /** Passive watch: read group messages and warn on high-risk ones. Off unless an admin turned it on. */
  watch: z.boolean(),
  /** Language of the passive watch's warnings: that of the admin who turned it on (one language for the group). */
  language: LanguageSchema.optional(),
  /** Telegram user id of the admin who last changed it (no names, no text). */
  changedBy: z.number().int().optional(),
  /** Epoch milliseconds of the last change. */
  changedAt: z.number().optional(),
});
/** Per-chat settings of the family-group features. */
export type GroupSettings = z.infer<typeof GroupSettingsSchema>;

const DEFAULT_SETTINGS: GroupSettings = { watch: false };

function settingsKey(chatId: number): string {
  return `group:settings:${chatId}`;
}

/** Reads a chat's settings; unknown or unreadable settings mean the defaults (watch off). */
export async function readGroupSettings(store: Keyv, chatId: number): Promise<GroupSettings> {
  const parsed = GroupSettingsSchema.safeParse(await store.get(settingsKey(chatId)));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Saves a chat's settings (kept until changed). */
export async function writeGroupSettings(store: Keyv, chatId: number, settings: GroupSettings): Promise<void> {
  await store.set(settingsKey(chatId), settings);
}

/**
 * Carries a group's settings over when Telegram upgrades it to a supergroup (a new chat id). Does nothing
 * when the old chat has no settings or the new one has its own already, so both migration notices may call it.
 */
export async function moveGroupSettings(store: Keyv, fromChatId: number, toChatId: number): Promise<boolean> {
  const old = GroupSettingsSchema.safeParse(await store.get(settingsKey(fromChatId)));
  if (!old.success || (await store.get(settingsKey(toChatId))) !== undefined) return false;
  await store.set(settingsKey(toChatId), old.data);
  await store.delete(settingsKey(fromChatId));
  return true;
}

/** Forgets a chat's settings (the bot left it). */
export async function deleteGroupSettings(store: Keyv, chatId: number): Promise<void> {
  await store.delete(settingsKey(chatId));
}
