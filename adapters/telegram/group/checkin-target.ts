import type { Message, User } from 'grammy/types';
import type { CheckinPerson } from './checkin-record.ts';

/** Why no member could be found in a /checkin command. */
export type TargetProblem = 'missing' | 'bot';

/** The member a /checkin command names, or why there is none. */
export type TargetResult = { kind: 'found'; person: CheckinPerson } | { kind: 'problem'; problem: TargetProblem };

/** A check-in person from a Telegram user (known by id). */
export function personFromUser(user: User): CheckinPerson {
  return {
    id: user.id,
    ...(user.username ? { username: user.username } : {}),
    name: [user.first_name, user.last_name].filter(Boolean).join(' ') || (user.username ? `@${user.username}` : String(user.id)),
  };
}

/**
 * Finds the member a /checkin command is about. In order: a text mention (a member without a username,
 * picked from the mention list: Telegram gives the user, so the id is known); an @username mention
 * (Telegram has no lookup by username, so only the name is known until that member presses the button);
 * the author of the message the command replies to (id known). This bot's own @mention is skipped; bots known by id are refused.
 */
export function findCheckinTarget(message: Message, botUsername: string): TargetResult {
  const text = message.text ?? '';
  const entities = message.entities ?? [];
  for (const entity of entities) {
    if (entity.type === 'text_mention') {
      return entity.user.is_bot ? { kind: 'problem', problem: 'bot' } : { kind: 'found', person: personFromUser(entity.user) };
    }
  }
  for (const entity of entities) {
    if (entity.type !== 'mention') continue;
    const username = text.slice(entity.offset + 1, entity.offset + entity.length);
    if (username.toLowerCase() === botUsername.toLowerCase()) continue; // "/checkin@safewordbot @anna"
    return { kind: 'found', person: { username, name: `@${username}` } };
  }
  const replied = message.reply_to_message;
  if (replied?.from) {
    return replied.from.is_bot ? { kind: 'problem', problem: 'bot' } : { kind: 'found', person: personFromUser(replied.from) };
  }
  return { kind: 'problem', problem: 'missing' };
}
