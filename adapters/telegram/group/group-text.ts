import type { Language, Translate } from '../../../src/core/index.ts';
import type { CheckinPerson } from './checkin-record.ts';

/** A text of the family-group features (locales/<lang>/telegram-group.yaml). */
export function groupText(t: Translate, language: Language, id: string, vars: Record<string, string | number> = {}): string {
  return t(language, `telegram-group.${id}`, vars);
}

/** A duration in whole minutes ("less than a minute" below one), in `language`. */
export function formatDuration(t: Translate, language: Language, milliseconds: number): string {
  const minutes = Math.floor(milliseconds / 60_000);
  return minutes < 1 ? groupText(t, language, 'duration_under_minute') : groupText(t, language, 'duration_minutes', { count: minutes });
}

/**
 * A person for Telegram HTML: `@username` when known (Telegram links and notifies it), else a
 * `tg://user?id=` link with the escaped display name, else the escaped name.
 */
export function personHtml(person: CheckinPerson, escapeHtml: (text: string) => string): string {
  if (person.username) return `@${escapeHtml(person.username)}`;
  if (person.id !== undefined) return `<a href="tg://user?id=${person.id}">${escapeHtml(person.name)}</a>`;
  return escapeHtml(person.name);
}

/** A person as plain text (button alerts do not use HTML). */
export function personPlain(person: CheckinPerson): string {
  return person.username ? `@${person.username}` : person.name;
}
