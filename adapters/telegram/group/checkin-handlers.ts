import { createHash } from 'node:crypto';
import type { Api } from 'grammy';
import type { Message } from 'grammy/types';
import { reportContacts, type Translate } from '../../../src/core/index.ts';
import type { TelegramContext } from '../context.ts';
import { escapeHtml } from '../html.ts';
import { languageOf } from '../language.ts';
import { allowCheck } from '../rate-limit.ts';
import { editMessageHtml } from '../edit-message.ts';
import { confirmCheckin, isCheckinTarget, openCheckin, type CheckinRecord, type ConfirmResult } from './checkin-record.ts';
import { findCheckinTarget, personFromUser } from './checkin-target.ts';
import { CHECKIN_RETENTION_MS } from './checkin-store.ts';
import { encodeGroupCallback } from './callback-data.ts';
import type { GroupComposer, GroupDeps } from './group-deps.ts';
import { memberLanguage } from './member-language.ts';
import { formatDuration, groupText, personHtml, personPlain } from './group-text.ts';
import { formatWhen } from './time-zone.ts';
import { readGroupSettings } from './watch-settings.ts';

/**
 * The check-in id of a /checkin message (URL-safe, fits in callback data): derived from the chat and the
 * message, so handling the same update again after a crash rewrites the same check-in instead of leaving a
 * second one open. Knowing an id grants nothing: only the member can confirm, in the check-in's own chat.
 */
function checkinIdOf(chatId: number, messageId: number): string {
  return createHash('sha256').update(`checkin:${chatId}:${messageId}`).digest('base64url').slice(0, 12);
}

function questionHtml(t: Translate, record: CheckinRecord, now: number, timeZone: string | undefined): string {
  return groupText(t, record.language, 'checkin_question', {
    member: personHtml(record.target, escapeHtml),
    requester: personHtml(record.requestedBy, escapeHtml),
    when: formatWhen(t, record.language, record.createdAt, now, timeZone),
  });
}

function confirmButton(t: Translate, record: CheckinRecord) {
  return { inline_keyboard: [[{ text: groupText(t, record.language, 'checkin_button'), callback_data: encodeGroupCallback({ kind: 'confirm', checkinId: record.id }) }]] };
}

/**
 * Tells the group what to do when a check-in passed its deadline unanswered (the button stays for a late
 * answer): a message that mentions the requester, in the group's language (/lang; else the one the check-in
 * was asked in), with the report and emergency contacts of the group's country (/country; else the service's COUNTRY; else
 * general advice).
 */
export async function announceOverdue(api: Api, deps: GroupDeps, record: CheckinRecord): Promise<void> {
  const { t, checker, store } = deps.shared;
  const settings = await readGroupSettings(store, record.chatId);
  const language = settings.language ?? record.language;
  const member = personHtml(record.target, escapeHtml);
  const text = [
    groupText(t, language, 'checkin_overdue_requester', { requester: personHtml(record.requestedBy, escapeHtml), member }),
    groupText(t, language, 'checkin_overdue', {
      member,
      duration: formatDuration(t, language, record.deadline - record.createdAt),
      contacts: reportContacts(checker.ruleset, language, settings.country ?? checker.country).map(escapeHtml).join('\n'),
    }),
  ].join('\n\n');
  await api.sendMessage(record.chatId, text, {
    parse_mode: 'HTML',
    ...(record.messageId !== undefined ? { reply_parameters: { message_id: record.messageId, allow_sending_without_reply: true } } : {}),
  });
  deps.shared.logger.info('check-in overdue', { chatId: record.chatId, checkinId: record.id });
}

/**
 * /checkin @member (or as a reply to the member's message): posts "are you safe? Tap to confirm" with a
 * button, stores the check-in and arms its deadline timer. Counts against the shared rate limit
 * (shared.allowCheck), which answers a burst with one polite note.
 */
export function registerCheckinCommand(composer: GroupComposer, deps: GroupDeps): void {
  composer.command('checkin', async (ctx) => {
    const { shared } = deps;
    const settings = await readGroupSettings(shared.store, ctx.chat.id);
    // The group sees the question and the answers: its language when an admin set one, else the requester's.
    const language = settings.language ?? (await memberLanguage(ctx, shared));
    const target = findCheckinTarget(ctx.msg, ctx.me.username);
    if (target.kind === 'problem') {
      await ctx.reply(groupText(deps.shared.t, language, target.problem === 'bot' ? 'checkin_bot_target' : 'checkin_usage'), { parse_mode: 'HTML' });
      return;
    }
    // The same per-user and per-chat budget as checks: a flood of /checkin cannot flood the group or the store.
    if (!(await allowCheck(shared, ctx))) return;
    const requester = ctx.msg.sender_chat?.id === ctx.chat.id || !ctx.from
      ? { name: ctx.chat.title ?? '' }
      : personFromUser(ctx.from);
    const opened = openCheckin({
      id: checkinIdOf(ctx.chat.id, ctx.msg.message_id),
      chatId: ctx.chat.id,
      target: target.person,
      requestedBy: requester,
      language,
      now: shared.clock.now(),
      timeoutMs: shared.config.checkinTimeoutMs,
    });
    // Stored before the button exists, so an instant press finds it; the same /checkin handled again after a
    // crash finds the first one (confirmed already: nothing to ask).
    const record = await deps.checkins.create(opened);
    if (record.state === 'confirmed') return;
    // The question may ride in the webhook reply (update-guard.ts), whose answer is `true`, not the message:
    // then its id stays unknown; the confirm press brings it (pressConfirm) and the overdue notice is posted
    // without quoting it.
    const sent = (await ctx.reply(questionHtml(deps.shared.t, record, record.createdAt, settings.timeZone), { parse_mode: 'HTML', reply_markup: confirmButton(deps.shared.t, record) })) as Message | true;
    const saved = sent === true ? record : await deps.checkins.update(record.id, (current) => ({ ...current, messageId: sent.message_id }));
    if (saved) deps.timers.schedule(saved);
    shared.logger.info('check-in opened', { chatId: ctx.chat.id, checkinId: record.id, targetKnownById: target.person.id !== undefined });
  });
}

/** The confirm button: only the member confirms; anyone else gets an alert saying so. */
export async function pressConfirm(ctx: TelegramContext, deps: GroupDeps, checkinId: string): Promise<void> {
  const { shared } = deps;
  const user = ctx.from;
  const language = await languageOf(shared.store, ctx);
  const press: { result?: ConfirmResult } = {};
  const now = shared.clock.now();
  // The member's press settles the overdue notice first (the same lease the deadline sends it under): done,
  // it went out and this answer is late; won, it has not gone out and now never will (a crash after the
  // deadline, a press racing it), so this is a plain confirmation; held, it is on its way right now, and is
  // waited for; still held after the wait (retry.ts waiting out a 429), the group hears the confirmation after
  // the notice (CheckinTimers). Other presses take no lease.
  const known = user ? await deps.checkins.get(checkinId) : undefined;
  const notice = user && known && known.chatId === ctx.chat?.id && known.state !== 'confirmed' && isCheckinTarget(known.target, user)
    ? await deps.checkins.leaseNotice(checkinId)
    : undefined;
  try {
    if (user) {
      await deps.checkins.update(checkinId, (record) => {
        if (record.chatId !== ctx.chat?.id) return undefined;
        const result = confirmCheckin(record, { ...personFromUser(user), id: user.id, ...(user.username ? { username: user.username } : {}) }, now);
        press.result = result;
        if (result.kind !== 'confirmed') return undefined;
        // Written untold, so the check-in stays in the open set until the group heard it: a crash before the
        // telling left (the press's answer may be acknowledged already, in the webhook reply) leaves it to the
        // next start's resume(). The question's id (unknown when it rode in a webhook reply) is kept for the teller.
        const messageId = result.record.messageId ?? ctx.callbackQuery?.message?.message_id;
        result.record = { ...result.record, ...(messageId !== undefined ? { messageId } : {}), untold: true as const };
        return result.record;
      });
    }
  } finally {
    // Won and not confirmed here: given back, the deadline may still send it. Won and confirmed: the notice
    // has not gone out and now never will; the lease is kept while the press tells the group plainly below
    // (then marked done), and a press that dies first leaves a dead owner's lease, so whoever leases it next
    // (a restart's resume) finds the check-in confirmed and untold and tells it plainly (CheckinTimers).
    if (notice === 'won' && press.result?.kind !== 'confirmed') await deps.checkins.abandonNotice(checkinId);
  }
  const result = press.result;
  if (!result) {
    await ctx.answerCallbackQuery({ text: groupText(deps.shared.t, language, 'checkin_unknown'), show_alert: true });
    return;
  }
  if (result.kind === 'not_target') {
    const record = await deps.checkins.get(checkinId);
    await ctx.answerCallbackQuery({ text: groupText(deps.shared.t, language, 'checkin_only_target', { member: record ? personPlain(record.target) : '' }), show_alert: true });
    return;
  }
  // Which press is thanked: another process may have confirmed the same check-in a moment ago (the record's
  // lock went ahead without its owner, the store degraded). The telling is guarded by its own lease.
  const first = result.kind !== 'confirmed' || (await shared.claims.claim(`checkin-confirmed:${result.record.id}`, CHECKIN_RETENTION_MS));
  const record = result.record;
  if (result.kind === 'confirmed') deps.timers.cancel(record.id);
  try {
    await ctx.answerCallbackQuery({ text: groupText(deps.shared.t, language, result.kind === 'already_confirmed' || !first ? 'checkin_already_confirmed' : 'checkin_thanks') });
  } finally {
    // Told once, by lease (checkin-told:<id>), by whichever of this press, the notice's sender or a restart's
    // resume gets to it: now when nobody else will (no notice, or it went out: "has now confirmed" follows it),
    // after the notice when it is still on its way. A press handled again after a crash before its telling
    // (already confirmed, still untold) tells it too. Also when the answer failed: the group still hears it.
    if (record.untold) await deps.timers.afterUntoldConfirmation(record.id, { noticeLeased: result.kind === 'confirmed' && notice === 'won' });
  }
  if (record.untold && result.kind === 'confirmed') shared.logger.info('check-in confirmed', { chatId: record.chatId, checkinId: record.id, noticeOnItsWay: notice === 'held' });
}

/**
 * Tells the group that the member confirmed: the question is edited into the confirmation (sent anew when it
 * is gone), and when the overdue notice went out before, "has now confirmed" follows it.
 */
export async function announceConfirmed(api: Api, deps: GroupDeps, record: CheckinRecord, late: boolean): Promise<void> {
  const { shared } = deps;
  const at = record.confirmedAt ?? shared.clock.now();
  const { timeZone } = await readGroupSettings(shared.store, record.chatId);
  const vars = {
    member: personHtml(record.target, escapeHtml),
    requester: personHtml(record.requestedBy, escapeHtml),
    when: formatWhen(shared.t, record.language, at, shared.clock.now(), timeZone),
    duration: formatDuration(shared.t, record.language, at - record.createdAt),
  };
  const messageId = record.messageId;
  const confirmed = groupText(shared.t, record.language, 'checkin_confirmed', vars);
  // The question may have been deleted meanwhile: the group must still hear that the member is safe.
  const edit = messageId === undefined ? 'gone' : await editMessageHtml(api, record.chatId, messageId, confirmed);
  if (edit === 'gone') await api.sendMessage(record.chatId, confirmed, { parse_mode: 'HTML' });
  if (late) {
    await api.sendMessage(record.chatId, groupText(shared.t, record.language, 'checkin_confirmed_late', vars), {
      parse_mode: 'HTML',
      ...(messageId !== undefined ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {}),
    });
  }
}
