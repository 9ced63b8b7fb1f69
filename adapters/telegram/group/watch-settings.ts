import type Keyv from 'keyv';
import { z } from 'zod';
import { COUNTRIES, LanguageSchema } from '../../../src/core/index.ts';

/** Per-chat settings of the family-group features. */
const GroupSettingsSchema = z.object({
  /** Passive watch: read group messages and warn on high-risk ones. Off unless an admin turned it on. */
  watch: z.boolean(),
  /**
   * The group's language (watch warnings, check-in messages, anonymous admins): set by an admin with /lang in
   * the group; until then, that of the admin who first turned the watch on.
   */
  language: LanguageSchema.optional(),
  /** The group's country (report and emergency contacts in replies and check-in timeouts), set with /country. */
  country: z.enum(COUNTRIES).optional(),
  /** IANA time zone for check-in times (/timezone, or a single-zone /country); without it times are relative. */
  timeZone: z.string().max(64).optional(),
  /** Whether the time zone came with the country (a later /country may replace it) rather than /timezone. */
  timeZoneFromCountry: z.boolean().optional(),
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

/** Reads a chat's settings, applies `change` and saves the result. */
export async function changeGroupSettings(store: Keyv, chatId: number, change: (settings: GroupSettings) => GroupSettings): Promise<GroupSettings> {
  const next = change(await readGroupSettings(store, chatId));
  await writeGroupSettings(store, chatId, next);
  return next;
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
