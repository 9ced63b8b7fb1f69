import type { ForwardOrigin } from '../../src/core/index.ts';
import type { TelegramClock, TelegramContext } from './context.ts';
import type { UpdateScope } from './update-guard.ts';

/** One forwarded message waiting in a burst. */
export interface BurstItem {
  text: string;
  origin: ForwardOrigin | undefined;
  messageId: number;
  /** The update that brought it, acknowledged by the burst's one answer (update-guard.ts answerFor). */
  update?: UpdateScope | undefined;
}

/** A closed burst: its messages and the context of the last one (to answer under). */
export interface CollectedBurst {
  ctx: TelegramContext;
  items: BurstItem[];
}

/** Options for {@link createForwardBurst}. */
export interface ForwardBurstOptions {
  /** Quiet time after the last forward before the burst closes, in ms. */
  windowMs: number;
  /** A burst closes at the latest this long after its first message (default 3 × windowMs). */
  maxWaitMs?: number;
  /** Most messages in one burst (default 50). */
  maxItems?: number;
  /** Most characters in one burst (default 100,000). */
  maxChars?: number;
  clock: TelegramClock;
}

/** Collects messages forwarded close together, per chat, into one check. */
export interface ForwardBurst {
  /**
   * Adds a message to its chat's burst: `closed` resolves with the whole burst when it closes (the same
   * promise for every message of it), `opened` is true for the message that opened it (the one to check it).
   * Undefined for an update without a chat.
   */
  add(ctx: TelegramContext, item: BurstItem): { opened: boolean; closed: Promise<CollectedBurst> } | undefined;
  /** Whether forwards of this chat are waiting to be checked. */
  waiting(chatId: number): boolean;
  /** Closes every open burst now (on stop). */
  closeAll(): void;
}

interface Pending {
  items: BurstItem[];
  chars: number;
  ctx: TelegramContext;
  firstAt: number;
  timer: unknown;
  closed: Promise<CollectedBurst>;
  close: (burst: CollectedBurst) => void;
}

/** Creates the per-chat forward collector (debounced by windowMs, capped by maxWaitMs, maxItems and maxChars). */
export function createForwardBurst(options: ForwardBurstOptions): ForwardBurst {
  const pending = new Map<number, Pending>();
  const maxWaitMs = options.maxWaitMs ?? options.windowMs * 3;
  const maxItems = options.maxItems ?? 50;
  const maxChars = options.maxChars ?? 100_000;

  function close(chatId: number): void {
    const entry = pending.get(chatId);
    if (!entry) return;
    pending.delete(chatId);
    options.clock.clearTimeout(entry.timer);
    entry.close({ ctx: entry.ctx, items: entry.items });
  }

  function schedule(chatId: number, entry: Pending): void {
    options.clock.clearTimeout(entry.timer);
    const wait = Math.max(0, Math.min(options.windowMs, entry.firstAt + maxWaitMs - options.clock.now()));
    entry.timer = options.clock.setTimeout(() => close(chatId), wait);
  }

  return {
    add(ctx, item) {
      const chatId = ctx.chat?.id;
      if (chatId === undefined) return undefined;
      let entry = pending.get(chatId);
      if (entry && entry.chars + item.text.length > maxChars) {
        close(chatId);
        entry = undefined;
      }
      const opened = !entry;
      if (!entry) {
        let resolve: (burst: CollectedBurst) => void = () => undefined;
        const closed = new Promise<CollectedBurst>((done) => (resolve = done));
        entry = { items: [], chars: 0, ctx, firstAt: options.clock.now(), timer: undefined, closed, close: resolve };
        pending.set(chatId, entry);
      }
      const closed = entry.closed;
      entry.items.push(item);
      entry.chars += item.text.length;
      entry.ctx = ctx;
      if (entry.items.length >= maxItems) close(chatId);
      else schedule(chatId, entry);
      return { opened, closed };
    },
    waiting(chatId) {
      return pending.has(chatId);
    },
    closeAll() {
      for (const chatId of [...pending.keys()]) close(chatId);
    },
  };
}
