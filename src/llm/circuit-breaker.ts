/** Breaker states: closed (calls go through), open (calls fail fast), half_open (one trial call). */
export type BreakerState = 'closed' | 'open' | 'half_open';

/** Options for {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before letting one trial call through, in ms. */
  cooldownMs: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * Stops calling a failing LLM: after `failureThreshold` consecutive failures the breaker opens and calls
 * are refused until `cooldownMs` has passed; then one trial call decides whether it closes or opens again.
 */
export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | undefined;
  #trialInFlight = false;
  readonly #options: Required<CircuitBreakerOptions>;

  constructor(options: CircuitBreakerOptions) {
    this.#options = { now: Date.now, ...options };
  }

  /** The current state. */
  get state(): BreakerState {
    if (this.#openedAt === undefined) return 'closed';
    return this.#options.now() - this.#openedAt >= this.#options.cooldownMs ? 'half_open' : 'open';
  }

  /** Asks to make a call: true when it may go ahead (callers must then report success or failure). */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  /** Reports a successful call: the breaker closes. */
  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#trialInFlight = false;
  }

  /** Reports a failed call: counts it, and opens (or re-opens) the breaker at the threshold or after a failed trial. */
  recordFailure(): void {
    this.#failures += 1;
    const trial = this.#trialInFlight;
    this.#trialInFlight = false;
    if (trial || this.#failures >= this.#options.failureThreshold) this.#openedAt = this.#options.now();
  }

  /** Reports a call that ended without telling anything about the server's health (e.g. cancelled). */
  recordNeutral(): void {
    this.#trialInFlight = false;
  }
}
