/**
 * Atomic "only once" claims shared by every process on one store: the first caller of `claim(key)` within
 * `ttlMs` gets true, every other caller (in any process) gets false. Used for Telegram update
 * de-duplication, check-in confirmation, one watch warning per message and Slack request replay.
 * The service implements it with `INSERT … ON CONFLICT` on SQLite and `SET NX PX` on Redis.
 */
export interface Claims {
  /**
   * True for the first caller within `ttlMs`. When the store cannot be reached the service answers true
   * (a check is answered twice rather than not at all) and reports itself degraded.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed), so a later attempt may claim it again. */
  release(key: string): Promise<void>;
}

/** Claims held in this process only (tests and the memory store). */
export function createMemoryClaims(now: () => number = Date.now): Claims {
  const held = new Map<string, number>();
  return {
    async claim(key, ttlMs) {
      const time = now();
      const expires = held.get(key);
      if (expires !== undefined && expires > time) return false;
      if (held.size > 10_000) for (const [other, until] of held) if (until <= time) held.delete(other);
      held.set(key, time + ttlMs);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
  };
}
