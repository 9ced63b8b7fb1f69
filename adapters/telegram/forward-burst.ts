import type { ForwardOrigin } from '../../src/core/request.ts';
import type { TelegramClock, TelegramContext } from './context.ts';

/** One forwarded message waiting in a burst. */
export interface BurstItem {
  text: string;
  origin: ForwardOrigin | undefined;
  messageId: number;
}

/** Options for {@link createForwardBurst}. */
export interface ForwardBurstOptions {
  /** Quiet time after the last forward before the burst is checked, in ms. */
  windowMs: number;
  /** A burst is checked at the latest this long after its first message (default 3 × windowMs). */
  maxWaitMs?: number;
  /** Most messages in one burst (default 50). */
  maxItems?: number;
  /** Most characters in one burst (default 100,000). */
  maxChars?: number;
  clock: TelegramClock;
  /** Checks the collected messages; `ctx` is the context of the last one. */
  flush: (ctx: TelegramContext, items: BurstItem[]) => Promise<void>;
  /** Starts tracking a background task (so stop and tests can wait for it). */
  track: (task: Promise<unknown>) => void;
}

/** Collects messages forwarded close together, per chat, into one check. */
export interface ForwardBurst {
  add(ctx: TelegramContext, item: BurstItem): void;
  /** Whether forwards of this chat are waiting to be checked. */
  waiting(chatId: number): boolean;
  /** Checks every waiting burst now. */
  flushAll(): Promise<void>;
  readonly size: number;
}

interface Pending {
  items: BurstItem[];
  chars: number;
  ctx: TelegramContext;
  firstAt: number;
  timer: unknown;
  done: () => void;
}

/** Creates the per-chat forward collector (debounced by windowMs, capped by maxWaitMs, maxItems and maxChars). */
export function createForwardBurst(options: ForwardBurstOptions): ForwardBurst {
  const pending = new Map<number, Pending>();
  const maxWaitMs = options.maxWaitMs ?? options.windowMs * 3;
  const maxItems = options.maxItems ?? 50;
  const maxChars = options.maxChars ?? 100_000;

  function flush(chatId: number): Promise<void> {
    const entry = pending.get(chatId);
    if (!entry) return Promise.resolve();
    pending.delete(chatId);
    options.clock.clearTimeout(entry.timer);
    return options.flush(entry.ctx, entry.items).finally(entry.done);
  }

  function schedule(chatId: number, entry: Pending): void {
    options.clock.clearTimeout(entry.timer);
    const wait = Math.max(0, Math.min(options.windowMs, entry.firstAt + maxWaitMs - options.clock.now()));
    entry.timer = options.clock.setTimeout(() => void flush(chatId), wait);
  }

  return {
    add(ctx, item) {
      const chatId = ctx.chat?.id;
      if (chatId === undefined) return;
      let entry = pending.get(chatId);
      if (entry && entry.chars + item.text.length > maxChars) {
        void flush(chatId);
        entry = undefined;
      }
      if (!entry) {
        let done: () => void = () => undefined;
        options.track(new Promise<void>((resolve) => (done = resolve)));
        entry = { items: [], chars: 0, ctx, firstAt: options.clock.now(), timer: undefined, done };
        pending.set(chatId, entry);
      }
      entry.items.push(item);
      entry.chars += item.text.length;
      entry.ctx = ctx;
      if (entry.items.length >= maxItems) void flush(chatId);
      else schedule(chatId, entry);
    },
    waiting(chatId) {
      return pending.has(chatId);
    },
    async flushAll() {
      await Promise.all([...pending.keys()].map((chatId) => flush(chatId)));
    },
    get size() {
      return pending.size;
    },
  };
}
