import { Composer } from 'grammy';
import type { Language, Translate } from '../../../src/core/index.ts';
import type { TelegramContext, TelegramShared } from '../context.ts';
import { decodeGroupCallback, GROUP_CALLBACK_PREFIX } from './callback-data.ts';
import { handleMention, registerCheckHandlers } from './check-handlers.ts';
import { announceConfirmed, announceOverdue, pressConfirm, registerCheckinCommand } from './checkin-handlers.ts';
import { CheckinStore } from './checkin-store.ts';
import { CheckinTimers } from './checkin-timers.ts';
import type { GroupDeps } from './group-deps.ts';
import { groupText } from './group-text.ts';
import { textAfterBotMention } from './mention.ts';
import { registerGroupLanguageCommand, registerTimeZoneCommand } from './settings-handlers.ts';
import { registerGroupMigration, registerWatchCommand, showWarningDetails, watchMessage } from './watch-handlers.ts';
import { WarningLedger } from './warning-ledger.ts';
import { deleteGroupSettings } from './watch-settings.ts';

/** A command the group features offer, for setMyCommands in group chats. */
export interface GroupCommand {
  command: string;
  description: string;
}

/** Handles on the running group features, for start-up, shutdown and tests. */
export interface GroupFeatures {
  composer: Composer<TelegramContext>;
  /**
   * Re-arms the deadline timers of check-ins stored before a restart and sends the overdue notices that did
   * not go out (CheckinTimers.resume). Runs by itself at creation (with `shared.api`); calling it again
   * returns the same result.
   */
  resume(): Promise<number>;
  /** Disarms all timers (stored check-ins stay for the next start). */
  stop(): void;
}

/**
 * Builds the family-group features for group and supergroup chats: /check, mentions of the bot, /watch with
 * the passive watch and its Details button, /checkin with its confirm button and deadline, /timezone and the
 * group's /lang (the group's /country is country.ts, shared with private chats). Everything else
 * (other chats, other updates) passes through to `next`. Callback data of these features starts with `g:`.
 * Background work (refined verdicts, deadline messages) goes to `shared.tasks`.
 */
export function buildGroupFeatures(shared: TelegramShared): GroupFeatures {
  let resumed: Promise<number> | undefined;
  const checkins = new CheckinStore(shared.store, shared.claims, shared.clock);
  const deps: GroupDeps = {
    shared,
    checkins,
    ledger: new WarningLedger(shared.store, shared.claims),
    // Several processes re-arm the same stored deadlines: the timers lease the notice, so one tells the group.
    timers: new CheckinTimers(checkins, shared.clock, shared.logger, async (record) => {
      // shared.api, not an update's ctx.api: after a restart the deadline fires without any update.
      const sending = announceOverdue(shared.api, deps, record);
      shared.tasks.track(sending);
      await sending;
    }, {
      // A confirmation, told once by lease: by the press, after the notice by its sender, or by a restart.
      onConfirmed: async (record, late) => {
        await announceConfirmed(shared.api, deps, record, late);
        shared.logger.info('check-in confirmation told', { chatId: record.chatId, checkinId: record.id, late });
      },
      track: (work) => shared.tasks.track(work),
    }),
  };

  const resume = (): Promise<number> => {
    resumed ??= deps.timers.resume();
    shared.tasks.track(resumed);
    return resumed;
  };

  const composer = new Composer<TelegramContext>();
  const group = composer.chatType(['group', 'supergroup']);
  registerCheckHandlers(group, deps);
  registerWatchCommand(group, deps);
  registerGroupMigration(group, deps);
  registerCheckinCommand(group, deps);
  registerTimeZoneCommand(group, deps);
  registerGroupLanguageCommand(group, deps);
  group.callbackQuery(new RegExp(`^${GROUP_CALLBACK_PREFIX}`), async (ctx) => {
    const callback = decodeGroupCallback(ctx.callbackQuery.data);
    if (callback?.kind === 'details') return showWarningDetails(ctx, deps, callback.chatId, callback.messageId);
    if (callback?.kind === 'confirm') return pressConfirm(ctx, deps, callback.checkinId);
    await ctx.answerCallbackQuery();
  });
  group.on('my_chat_member', async (ctx, next) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== 'left' && status !== 'kicked') return next();
    // Removed from the group: nothing of it is kept, and no check-in deadline posts into a chat we left.
    await deleteGroupSettings(shared.store, ctx.chat.id);
    for (const id of await checkins.forgetChat(ctx.chat.id)) deps.timers.cancel(id);
    shared.logger.info('group left: settings and check-ins forgotten', { chatId: ctx.chat.id });
  });
  group.on(['message:text', 'message:caption'], async (ctx, next) => {
    const message = ctx.message;
    if (message.text?.startsWith('/')) return next(); // a command that is not ours
    const rest = textAfterBotMention(message, ctx.me.username);
    if (rest !== undefined) return handleMention(ctx, deps, message, rest);
    if (!(await watchMessage(ctx, deps, message))) return next();
  });
  // A message edited into a scam is watched too; the ledger still allows one warning per message.
  group.on(['edited_message:text', 'edited_message:caption'], async (ctx, next) => {
    if (!(await watchMessage(ctx, deps, ctx.editedMessage))) return next();
  });

  void resume();
  return { composer, resume, stop: () => deps.timers.stopAll() };
}

/** Commands to show in group chats, in `language`. */
export function groupCommands(t: Translate, language: Language): GroupCommand[] {
  return (['check', 'watch', 'checkin', 'country', 'timezone', 'lang'] as const).map((command) => ({
    command,
    description: groupText(t, language, `command_${command}`).slice(0, 256),
  }));
}
