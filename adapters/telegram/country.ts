import { Composer } from 'grammy';
import type Keyv from 'keyv';
import { COUNTRIES, parseCountryCode, type Country, type Language } from '../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from './context.ts';
import { senderIsAdmin } from './group/admin.ts';
import { groupText } from './group/group-text.ts';
import { countryTimeZone, formatClockTime } from './group/time-zone.ts';
import { changeGroupSettings, readGroupSettings } from './group/watch-settings.ts';
import { escapeHtml } from './html.ts';
import { languageOf } from './language.ts';
import { memberLanguage } from './group/member-language.ts';

/** Store key of a private chat's /country choice (the user's id). */
function countryKey(userId: number): string {
  return `country:${userId}`;
}

function isGroup(ctx: TelegramContext): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
}

/**
 * The country for report and emergency contacts in this chat: a group's /country (group settings), else
 * the user's own in a private chat; undefined leaves it to the service's COUNTRY.
 */
export async function countryOf(store: Keyv, ctx: TelegramContext): Promise<Country | undefined> {
  const chat = ctx.chat;
  if (!chat) return undefined;
  if (isGroup(ctx)) return (await readGroupSettings(store, chat.id)).country;
  if (!ctx.from) return undefined;
  const stored = await store.get(countryKey(ctx.from.id));
  return typeof stored === 'string' ? parseCountryCode(stored) : undefined;
}

/** "GB United Kingdom" lines, one per supported country, in `language`. */
function countryList(shared: TelegramShared, language: Language): string {
  return COUNTRIES.map((code) => `${code} ${shared.t(language, `core.country.${code}`)}`).join('\n');
}

function countryName(shared: TelegramShared, language: Language, country: Country): string {
  return shared.t(language, `core.country.${country}`);
}

/**
 * /country (the chat's country and the list), /country XX (set it) and /country off: in a private chat for
 * the user, in a group for the group (admins only). A group's country with one time zone sets the group's
 * time zone as well, unless an admin chose one with /timezone; one with several asks for /timezone.
 */
export function createCountryCommand(shared: TelegramShared): Composer<TelegramContext> {
  const composer = new Composer<TelegramContext>();
  const { t, store } = shared;
  const html = { parse_mode: 'HTML' as const };

  composer.command('country', async (ctx) => {
    const group = isGroup(ctx);
    const language = group ? await memberLanguage(ctx, shared) : await languageOf(store, ctx);
    const argument = ctx.match.trim();
    const say = (text: string) => ctx.reply(text, { ...html, ...(ctx.msg?.message_id ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {}) });
    const list = escapeHtml(t(language, 'telegram.country_list', { list: countryList(shared, language) }));
    if (argument === '') {
      const current = await countryOf(store, ctx);
      const status = current ? t(language, 'telegram.country_current', { country: `${current} ${countryName(shared, language, current)}` }) : t(language, 'telegram.country_none');
      await say(`${escapeHtml(status)}\n\n${list}`);
      return;
    }
    const clear = ['off', 'none', 'clear', '取消'].includes(argument.toLowerCase());
    const country = parseCountryCode(argument);
    if (!clear && !country) {
      await say(`${escapeHtml(t(language, 'telegram.country_unknown', { code: argument.slice(0, 16) }))}\n\n${list}`);
      return;
    }
    if (group && !(await senderIsAdmin(ctx))) {
      await say(escapeHtml(t(language, 'telegram.country_admins_only')));
      return;
    }
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    if (!group) {
      if (!ctx.from) return;
      if (country) await store.set(countryKey(ctx.from.id), country);
      else await store.delete(countryKey(ctx.from.id));
      await say(escapeHtml(country ? t(language, 'telegram.country_set', { country: countryName(shared, language, country) }) : t(language, 'telegram.country_cleared')));
      return;
    }
    const zone = country ? countryTimeZone(country) : undefined;
    const settings = await changeGroupSettings(store, chatId, (current) => {
      const { country: _country, ...rest } = current;
      const next = { ...rest, ...(country ? { country } : {}) };
      if (zone && (current.timeZone === undefined || current.timeZoneFromCountry)) return { ...next, timeZone: zone, timeZoneFromCountry: true };
      if (current.timeZoneFromCountry) {
        // The zone came with the old country, which the group no longer names.
        const { timeZone: _zone, timeZoneFromCountry: _from, ...kept } = next;
        return kept;
      }
      return next;
    });
    shared.logger.info('group country changed', { chatId, country: country ?? null });
    const lines = [escapeHtml(country ? t(language, 'telegram.country_set', { country: countryName(shared, language, country) }) : t(language, 'telegram.country_cleared'))];
    if (country && settings.timeZone && settings.timeZoneFromCountry) {
      lines.push(escapeHtml(groupText(t, language, 'country_zone_set', { zone: settings.timeZone, time: formatClockTime(shared.clock.now(), settings.timeZone, language) })));
    } else if (country && !zone && !settings.timeZone) {
      lines.push(escapeHtml(groupText(t, language, 'country_zone_hint')));
    }
    await say(lines.join('\n\n'));
  });
  return composer;
}
