import type Keyv from 'keyv';
import { VerdictSchema, type Claims, type Verdict } from '../../../src/core/index.ts';

/** How long a warned message is remembered (no second warning, Details still answer), in milliseconds. */
const WARNING_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

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
 * without quotes, for the Details button. `claim` is atomic across every process on the store.
 */
export class WarningLedger {
  readonly #store: Keyv;
  readonly #claims: Claims | undefined;
  readonly #claimed = new Set<string>();

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
    if (this.#claims && !(await this.#claims.claim(key, WARNING_RETENTION_MS))) return false;
    return true;
  }

  /** Gives a claim back (the warning could not be sent), so a later delivery may try again. */
  release(chatId: number, messageId: number): void {
    const key = warningKey(chatId, messageId);
    this.#claimed.delete(key);
    void this.#claims?.release(key);
  }

  /** Records the warning that was sent, with the verdict stripped of quotes. */
  async record(chatId: number, messageId: number, verdict: Verdict): Promise<void> {
    const key = warningKey(chatId, messageId);
    await this.#store.set(key, withoutQuotes(verdict), WARNING_RETENTION_MS);
    this.#claimed.delete(key); // the store answers from now on; keeps the in-memory set small
  }

  /** The verdict of a recorded warning (without quotes), or undefined. */
  async verdict(chatId: number, messageId: number): Promise<Verdict | undefined> {
    const parsed = VerdictSchema.safeParse(await this.#store.get(warningKey(chatId, messageId)));
    return parsed.success ? parsed.data : undefined;
  }
}
