import type { Logger } from '../core/logger.ts';

/** Why the store is degraded; a short, stable word for logs, metrics and /healthz. */
export type StoreFaultKind = 'disk_full' | 'read_only' | 'io_error' | 'busy' | 'redis_unavailable' | 'timeout' | 'error';

/** The store's state as /healthz reports it. */
export type StoreHealthState = { status: 'ok' } | { status: 'degraded'; reason: string };

const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_PERM = 3;

const REDIS_ERRORS = new Set([
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  'DisconnectsClientError',
]);

/** Sorts a store error into a {@link StoreFaultKind} by its code, never by a message that could carry data. */
export function faultKind(error: unknown): StoreFaultKind {
  const fields = (error ?? {}) as { code?: unknown; errcode?: unknown; name?: unknown; message?: unknown };
  const code = typeof fields.code === 'string' ? fields.code : '';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return 'read_only';
  if (code === 'ETIMEDOUT_STORE') return 'timeout';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ENOTFOUND') return 'redis_unavailable';
  if (typeof fields.errcode === 'number') {
    const primary = fields.errcode & 0xff;
    if (primary === SQLITE_FULL) return 'disk_full';
    if (primary === SQLITE_READONLY || primary === SQLITE_PERM || primary === SQLITE_CANTOPEN) return 'read_only';
    if (primary === SQLITE_IOERR) return 'io_error';
    if (primary === SQLITE_BUSY) return 'busy';
  }
  if (typeof fields.name === 'string' && REDIS_ERRORS.has(fields.name)) return 'redis_unavailable';
  return 'error';
}

/**
 * Tracks store faults: the first fault of each kind is logged once (warn), later ones only counted, and
 * one success after the faults ends the degraded state (logged once). Never logs keys or values.
 */
export class StoreHealth {
  readonly #logger: Logger | undefined;
  readonly #onFault: ((kind: StoreFaultKind) => void) | undefined;
  readonly #active = new Map<StoreFaultKind, number>();
  readonly #blockers: (() => boolean)[] = [];

  constructor(logger?: Logger, onFault?: (kind: StoreFaultKind) => void) {
    this.#logger = logger;
    this.#onFault = onFault;
  }

  /** Records a failed store call. */
  fault(error: unknown, operation: string): StoreFaultKind {
    const kind = faultKind(error);
    this.#onFault?.(kind);
    const count = this.#active.get(kind) ?? 0;
    this.#active.set(kind, count + 1);
    if (count === 0) {
      const fields = (error ?? {}) as { code?: unknown; errcode?: unknown; name?: unknown };
      this.#logger?.warn('store degraded: calls fail, retrying with backoff; checks keep answering', {
        kind,
        operation,
        code: typeof fields.code === 'string' ? fields.code : typeof fields.errcode === 'number' ? fields.errcode : undefined,
        error: typeof fields.name === 'string' ? fields.name : undefined,
      });
    }
    return kind;
  }

  /**
   * Registers writes a part of the storage still has to retry (`waiting()` true): while any part has some, a
   * success elsewhere (a keyv read, a claim) does not end the degraded state. Areas' keyv stores and claims
   * share one health, and a full disk can fail one part's new rows while another part reads fine.
   */
  blockRecoveryWhile(waiting: () => boolean): void {
    this.#blockers.push(waiting);
  }

  /** Records that the store works again (a write, or a read with nothing waiting to be retried). */
  recovered(): void {
    if (this.#active.size === 0 || this.#blockers.some((waiting) => waiting())) return;
    const failures = [...this.#active.values()].reduce((sum, count) => sum + count, 0);
    this.#logger?.info('store recovered', { kinds: [...this.#active.keys()], failures });
    this.#active.clear();
  }

  /** The state for /healthz: ok, or degraded with the fault kinds as the reason. */
  state(): StoreHealthState {
    if (this.#active.size === 0) return { status: 'ok' };
    return { status: 'degraded', reason: `store: ${[...this.#active.keys()].join(', ')}` };
  }
}
