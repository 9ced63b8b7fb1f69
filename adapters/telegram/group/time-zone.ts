import type { Country, Language, Translate } from '../../../src/core/index.ts';
import { groupText } from './group-text.ts';

/** The longest time zone name accepted (the longest IANA name, America/Argentina/ComodRivadavia, has 32). */
const MAX_ZONE_LENGTH = 64;

/**
 * The time zone of each supported country that keeps one clock (one UTC offset) across the places people live:
 * /country sets it too. The US, Canada and Australia span several zones, New Zealand has the Chatham Islands
 * (45 minutes apart): those groups set theirs with /timezone.
 */
const SINGLE_ZONE: Partial<Record<Country, string>> = {
  CN: 'Asia/Shanghai',
  GB: 'Europe/London',
  SG: 'Asia/Singapore',
  MY: 'Asia/Kuala_Lumpur',
  HK: 'Asia/Hong_Kong',
  TW: 'Asia/Taipei',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  IE: 'Europe/Dublin',
  NL: 'Europe/Amsterdam',
};

/** The one time zone of a country, or undefined when it has several. */
export function countryTimeZone(country: Country): string | undefined {
  return SINGLE_ZONE[country];
}

/**
 * A time zone name as Intl knows it ("asia/shanghai" → "Asia/Shanghai", aliases such as Asia/Calcutta to
 * their canonical name), or undefined when Intl does not know it. Only Area/City names (and UTC) are taken,
 * not offsets like "+08:00", which ignore summer time.
 */
export function parseTimeZone(value: string): string | undefined {
  const name = value.trim();
  if (name === '' || name.length > MAX_ZONE_LENGTH || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return resolved.includes('/') || resolved === 'UTC' ? resolved : undefined;
  } catch {
    return undefined;
  }
}

function locale(language: Language): string {
  // Spanish and French: the neutral `es` and `fr` locales (24-hour times, "hace 3 minutos", "il y a 3 minutes").
  return language === 'en' ? 'en-GB' : language === 'zh-Hant' ? 'zh-TW' : language === 'es' ? 'es' : language === 'fr' ? 'fr' : 'zh-CN';
}

/** A clock time in a time zone with the zone's short name ("14:05 GMT+8", "09:30 BST"), in `language`. */
export function formatClockTime(epochMilliseconds: number, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(epochMilliseconds);
}

/**
 * When something happened, for a group message: "at 14:05 GMT+8" in the group's time zone, or, without one,
 * relative to `now` ("just now", "3 minutes ago", 3分钟前) — never a UTC time the family has to convert.
 */
export function formatWhen(t: Translate, language: Language, epochMilliseconds: number, now: number, timeZone?: string): string {
  if (timeZone) return groupText(t, language, 'time_at', { time: formatClockTime(epochMilliseconds, timeZone, language) });
  const minutes = Math.floor(Math.max(0, now - epochMilliseconds) / 60_000);
  if (minutes < 1) return groupText(t, language, 'time_just_now');
  const relative = new Intl.RelativeTimeFormat(locale(language), { numeric: 'always' });
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? relative.format(-hours, 'hour') : relative.format(-Math.floor(hours / 24), 'day');
}
