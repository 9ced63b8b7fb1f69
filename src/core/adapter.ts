import type Keyv from 'keyv';
import type { Checker } from './checker.ts';
import type { Claims } from './claims.ts';
import type { Logger } from './logger.ts';
import type { Peers } from './peers.ts';

/** What the service hands every adapter. */
export interface AdapterDeps {
  checker: Checker;
  /** Key-value store for adapter state (settings, check-ins, de-duplication). Never message text. */
  store: Keyv;
  /** Atomic "only once" claims on the same store, shared by every process (default: this process only). */
  claims?: Claims;
  logger: Logger;
  /** Updates in flight at once in this adapter's webhook receiver before it sheds load with 503 (MAX_CHECKS_IN_FLIGHT). */
  maxInFlight?: number;
  /** The other worker processes of a cluster (WEB_CONCURRENCY > 1); absent in a single process. */
  peers?: Peers;
}

/** One platform adapter: each adapters/<platform>/index.ts exports create<Platform>Adapter(config, deps). */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the adapter's background work (answers waiting for the refined verdict) is done; stop() waits for it too. */
  drain?(): Promise<void>;
}
