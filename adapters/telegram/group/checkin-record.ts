import { z } from 'zod';
import { LanguageSchema } from '../../../src/core/index.ts';

/** A Telegram user as a check-in knows them: by id when Telegram told us, else only by @username. */
const CheckinPersonSchema = z.object({
  id: z.number().int().optional(),
  /** Without the leading @. */
  username: z.string().max(64).optional(),
  /** Display name (first name, or @username), for texts; escaped when rendered. */
  name: z.string().max(256),
});
/** A Telegram user as a check-in knows them. */
export type CheckinPerson = z.infer<typeof CheckinPersonSchema>;

/** Where a check-in stands: waiting for the member, past its deadline without an answer, or confirmed. */
const CheckinStateSchema = z.enum(['waiting', 'overdue', 'confirmed']);

/** One check-in as stored in keyv (no message text: only ids, names, times and state). */
export const CheckinRecordSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  chatId: z.number().int(),
  /** The bot's "are you safe?" message, once sent. */
  messageId: z.number().int().optional(),
  target: CheckinPersonSchema,
  requestedBy: CheckinPersonSchema,
  language: LanguageSchema,
  /** Epoch milliseconds. */
  createdAt: z.number(),
  /** Epoch milliseconds after which the group is told to keep trying. */
  deadline: z.number(),
  state: CheckinStateSchema,
  confirmedAt: z.number().optional(),
  confirmedBy: CheckinPersonSchema.optional(),
  /**
   * Confirmed and the group not told yet: written by the confirming press, cleared once the confirmation
   * left (its telling leased as `checkin-told:<id>`, checkin-timers.ts), so a crash in between leaves the
   * check-in open and the next start tells it. While the overdue notice is on its way under another live
   * owner's lease, it is told only after the notice, so "overdue" never follows "confirmed".
   */
  untold: z.literal(true).optional(),
});
/** One stored check-in. */
export type CheckinRecord = z.infer<typeof CheckinRecordSchema>;

/** What is needed to open a check-in. */
export interface NewCheckin {
  id: string;
  chatId: number;
  target: CheckinPerson;
  requestedBy: CheckinPerson;
  language: CheckinRecord['language'];
  now: number;
  timeoutMs: number;
}

/** A fresh check-in, waiting for the member until `now + timeoutMs`. */
export function openCheckin(input: NewCheckin): CheckinRecord {
  return {
    id: input.id,
    chatId: input.chatId,
    target: input.target,
    requestedBy: input.requestedBy,
    language: input.language,
    createdAt: input.now,
    deadline: input.now + input.timeoutMs,
    state: 'waiting',
  };
}

/** Who pressed a button: the fields of a Telegram user that matter here. */
export interface Presser {
  id: number;
  username?: string;
}

/**
 * Whether `presser` is the check-in's member. Known by id: the ids must match. Known only by @username
 * (Telegram has no lookup by username): the presser's current username must match, ignoring case.
 */
export function isCheckinTarget(target: CheckinPerson, presser: Presser): boolean {
  if (target.id !== undefined) return target.id === presser.id;
  if (target.username === undefined || presser.username === undefined) return false;
  return target.username.toLowerCase() === presser.username.toLowerCase();
}

/** The result of pressing the confirm button. */
export type ConfirmResult =
  | { kind: 'confirmed'; record: CheckinRecord; wasOverdue: boolean }
  | { kind: 'not_target' }
  | { kind: 'already_confirmed'; record: CheckinRecord };

/** Applies a button press: only the member confirms, once; a late answer (after the deadline) still counts. */
export function confirmCheckin(record: CheckinRecord, presser: CheckinPerson & Presser, now: number): ConfirmResult {
  if (!isCheckinTarget(record.target, presser)) return { kind: 'not_target' };
  if (record.state === 'confirmed') return { kind: 'already_confirmed', record };
  const confirmedBy: CheckinPerson = { id: presser.id, name: presser.name, ...(presser.username ? { username: presser.username } : {}) };
  // Once the member pressed, we know their id: later presses by someone who takes over the username fail.
  const target: CheckinPerson = { ...record.target, id: presser.id };
  return {
    kind: 'confirmed',
    wasOverdue: record.state === 'overdue',
    record: { ...record, target, state: 'confirmed', confirmedAt: now, confirmedBy },
  };
}

/** The check-in after its deadline passed: overdue if still waiting, unchanged otherwise (undefined = nothing to do). */
export function expireCheckin(record: CheckinRecord, now: number): CheckinRecord | undefined {
  if (record.state !== 'waiting' || now < record.deadline) return undefined;
  return { ...record, state: 'overdue' };
}
