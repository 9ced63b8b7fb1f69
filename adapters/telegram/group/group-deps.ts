import type { ChatTypeContext, Composer } from 'grammy';
import type { TelegramContext, TelegramShared } from '../context.ts';
import type { CheckinStore } from './checkin-store.ts';
import type { CheckinTimers } from './checkin-timers.ts';
import type { WarningLedger } from './warning-ledger.ts';

/** What the group handlers share: the runtime's helpers plus the group's own stores and timers. */
export interface GroupDeps {
  shared: TelegramShared;
  checkins: CheckinStore;
  timers: CheckinTimers;
  ledger: WarningLedger;
}

/** The context inside the group features: an update from a group or supergroup chat. */
export type GroupContext = ChatTypeContext<TelegramContext, 'group' | 'supergroup'>;
/** The composer the group handlers register on. */
export type GroupComposer = Composer<GroupContext>;
