import type Keyv from 'keyv';
import { VerdictSchema, type Claims, type Verdict } from '../../../src/core/index.ts';
import { keepRenewing } from './lease-renewal.ts';

/** How long a warned message is remembered (no second warning, Details still answer), in milliseconds. */
const WARNING_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * How long the lease on sending one warning lasts without renewal, in ms; its sender renews it every third of
 * that while the message is on its way (retry.ts may wait out a 429), so only a dead sender's lapses.
 */
const WARNING_LEASE_MS = 10_000;

function warningKey(chatId: number, messageId: number): string {
  return `group:warned:${chatId}:${messageId}`;
}

/**
 * The verdict without any message text: evidence quotes are emptied (the reply then lists no evidence) and
 * the LLM's explanation is dropped (a model's own words may echo the message), so what is stored holds
 * only levels, categories, rule ids, the second opinion's judgement and our own texts.
 */
export function withoutQuotes(verdict: Verdict): Verdict {
  const { explanation: _explanation, ...secondOpinion } = verdict.secondOpinion;
  return { ...verdict, secondOpinion, signals: verdict.signals.map((signal) => ({ ...signal, start: 0, end: 0, quote: '' })) };
}

/**
 * Remembers which group messages the passive watch warned about, so each message gets at most one
 * warning even when Telegram delivers it again or the refined verdict arrives later. The verdict is kept
 * without quotes, for the Details button. `claim` is atomic across every process on the store: a lease
 * (`group:warned:<chat>:<message>`), renewed while the warning is on its way and marked done once it left
 * ({@link WarningLedger.record}), as the update guard does with replies. A plain claim taken before the
 * send left a process killed in between with the message claimed for good: Telegram delivered the update
 * again (it was not done) and the watch stayed silent on it. A dead owner's lease is taken over at once.
 */
export class WarningLedger {
  readonly #store: Keyv;
  readonly #claims: Claims | undefined;
  readonly #claimed = new Set<string>();
  readonly #renewals = new Map<string, () => void>();

  /** Uses `store` (the Telegram area) with `group:warned:` keys, and `claims` shared by every process. */
  constructor(store: Keyv, claims?: Claims) {
    this.#store = store;
    this.#claims = claims;
  }

  /**
   * Claims the right to warn about one message. True exactly once per chat and message (across restarts
   * for warnings already recorded); false when it was already claimed or recorded.
   */
  async claim(chatId: number, messageId: number): Promise<boolean> {
    const key = warningKey(chatId, messageId);
    if (this.#claimed.has(key)) return false;
    this.#claimed.add(key);
    if ((await this.#store.get(key)) !== undefined) return false;
    if (!this.#claims) return true;
    if ((await this.#claims.lease(key, WARNING_LEASE_MS)) !== 'won') return false;
    const claims = this.#claims;
    this.#renewals.set(key, keepRenewing(() => claims.renew(key, WARNING_LEASE_MS), WARNING_LEASE_MS));
    return true;
  }

  #stopRenewing(key: string): void {
    this.#renewals.get(key)?.();
    this.#renewals.delete(key);
  }

  /**
   * Gives a claim back (the warning could not be sent), so a later delivery may try again: the lease ends
   * while it is still ours (a renewal of 1 ms), never removing one another process took over.
   */
  release(chatId: number, messageId: number): void {
    const key = warningKey(chatId, messageId);
    this.#claimed.delete(key);
    this.#stopRenewing(key);
    void this.#claims?.renew(key, 1).catch(() => undefined);
  }

  /** Records the warning that was sent, with the verdict stripped of quotes, and marks its lease done. */
  async record(chatId: number, messageId: number, verdict: Verdict): Promise<void> {
    const key = warningKey(chatId, messageId);
    this.#stopRenewing(key);
    await this.#claims?.complete(key, WARNING_RETENTION_MS);
    await this.#store.set(key, withoutQuotes(verdict), WARNING_RETENTION_MS);
    this.#claimed.delete(key); // the store answers from now on; keeps the in-memory set small
  }

  /** The verdict of a recorded warning (without quotes), or undefined. */
  async verdict(chatId: number, messageId: number): Promise<Verdict | undefined> {
    const parsed = VerdictSchema.safeParse(await this.#store.get(warningKey(chatId, messageId)));
    return parsed.success ? parsed.data : undefined;
  }
}
