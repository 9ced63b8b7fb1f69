import { BoundedMap } from '../core/bounded-map.ts';
import { createMemoryClaims, type Claims } from '../core/claims.ts';
import { withTimeout, type GuardOptions } from './guarded-store.ts';

/**
 * Keys this process claimed or completed, remembered so it answers "done" for them without the store (also
 * while the store is down). 10,000 keys of under 100 bytes stay below ~2 MB; the oldest is forgotten first
 * (the store still knows it).
 */
const MAX_REMEMBERED = 10_000;

/** A write made while the store was down, replayed once it answers. */
type Replay = { op: 'complete'; key: string; expiresAt: number } | { op: 'add' | 'remove'; name: string; member: string };

/**
 * Claims with a time limit and a fallback. When the store cannot answer, claims, leases and counters fall
 * back to this process's memory: duplicates stay impossible within a process, and a check is answered
 * rather than dropped (two instances may then both answer the same update: the price of answering during
 * an outage). What was done meanwhile (completed keys, set changes) is kept and written to the store once
 * it answers again, and keys this process completed answer "done" here first, so nothing answered during
 * the outage is answered again after it.
 */
export function guardClaims(inner: Claims | Promise<Claims>, options: GuardOptions): Claims {
  const store = Promise.resolve(inner);
  store.catch(() => undefined);
  // Once opened, the store is called directly, without waiting a turn for the promise.
  let opened: Claims | undefined;
  store.then((claims) => (opened = claims), () => undefined);
  const local = createMemoryClaims();
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 2000;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
  const remembered = new BoundedMap<string, true>({ maxEntries: MAX_REMEMBERED, now });
  const unsynced = new Map<string, Replay>();
  let delay = retryDelayMs;
  let timer: NodeJS.Timeout | undefined;
  /** A call failed and none answered since: another part's success must not end the degraded state. */
  let failing = false;
  options.health.blockRecoveryWhile(() => failing || unsynced.size > 0);

  const call = <T>(operation: string, task: (claims: Claims) => Promise<T>): Promise<T> =>
    withTimeout(() => (opened ? task(opened) : store.then(task)), timeoutMs, operation);


  const schedule = (): void => {
    if (timer || unsynced.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
    timer.unref();
  };
  const keep = (id: string, replay: Replay): void => {
    unsynced.delete(id);
    unsynced.set(id, replay);
    schedule();
  };

  /** Writes what was done during the outage, in order; on the first failure waits twice as long. */
  async function flush(): Promise<void> {
    for (const [id, replay] of [...unsynced]) {
      if (unsynced.get(id) !== replay) continue;
      try {
        if (replay.op === 'complete') {
          const left = replay.expiresAt - now();
          if (left > 0) await call('replay', (claims) => claims.complete(replay.key, left));
        } else if (replay.op === 'add') await call('replay', (claims) => claims.addMember(replay.name, replay.member));
        else await call('replay', (claims) => claims.removeMember(replay.name, replay.member));
        if (unsynced.get(id) === replay) unsynced.delete(id);
      } catch (error) {
        options.health.fault(error, 'replay');
        delay = Math.min(delay * 2, maxRetryDelayMs);
        schedule();
        return;
      }
    }
    delay = retryDelayMs;
    if (unsynced.size === 0) options.health.recovered();
  }

  /** After a call the store answered: replay what waits (soon, not inside this call). */
  const answered = (): void => {
    failing = false;
    if (unsynced.size > 0) {
      delay = retryDelayMs;
      schedule();
    }
  };

  /** A set change, made here at once and then in the store; one the store missed is replayed in order. */
  async function changeMember(op: 'add' | 'remove', name: string, member: string): Promise<void> {
    await (op === 'add' ? local.addMember(name, member) : local.removeMember(name, member));
    const id = `m:${name}:${member}`;
    unsynced.delete(id);
    try {
      await call(op, (claims) => (op === 'add' ? claims.addMember(name, member) : claims.removeMember(name, member)));
      answered();
    } catch (error) {
      options.health.fault(error, op);
      keep(id, { op, name, member });
    }
  }

  /** The store's answer to a question; while it cannot answer, this process's own (and the state stays degraded). */
  async function ask<T>(operation: string, task: (claims: Claims) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      const value = await call(operation, task);
      answered();
      return value;
    } catch (error) {
      failing = true;
      options.health.fault(error, operation);
      return fallback();
    }
  }

  return {
    async claim(key, ttlMs) {
      if (remembered.has(key)) return false;
      const won = await ask(
        'claim',
        (claims) => claims.claim(key, ttlMs),
        async () => {
          const here = await local.claim(key, ttlMs);
          if (here) keep(`c:${key}`, { op: 'complete', key, expiresAt: now() + ttlMs });
          return here;
        },
      );
      if (won) remembered.set(key, true, ttlMs);
      return won;
    },
    async release(key) {
      remembered.delete(key);
      unsynced.delete(`c:${key}`);
      await local.release(key);
      try {
        await call('release', (claims) => claims.release(key));
      } catch (error) {
        options.health.fault(error, 'release');
      }
    },
    async lease(key, leaseMs) {
      if (remembered.has(key)) return 'done';
      return ask('lease', (claims) => claims.lease(key, leaseMs), () => local.lease(key, leaseMs));
    },
    async renew(key, leaseMs) {
      try {
        return await call('renew', (claims) => claims.renew(key, leaseMs));
      } catch (error) {
        options.health.fault(error, 'renew');
        return true; // the work goes on; the store cannot say otherwise
      }
    },
    async complete(key, ttlMs) {
      // Written first, before this call returns, when the store is synchronous (SQLite): an update is
      // acknowledged in the same call stack as its reply's socket write (update-guard.ts), not after other work.
      const writing = call('complete', (claims) => claims.complete(key, ttlMs));
      remembered.set(key, true, ttlMs);
      await local.complete(key, ttlMs);
      try {
        await writing;
        answered();
      } catch (error) {
        options.health.fault(error, 'complete');
        keep(`c:${key}`, { op: 'complete', key, expiresAt: now() + ttlMs });
      }
    },
    async reopen(key, leaseMs) {
      // Not done here any more either, and a completion the store missed during an outage is not replayed.
      remembered.delete(key);
      unsynced.delete(`c:${key}`);
      const here = await local.reopen(key, leaseMs);
      return ask('reopen', (claims) => claims.reopen(key, leaseMs), async () => here);
    },
    async count(key, ttlMs) {
      return ask('count', (claims) => claims.count(key, ttlMs), () => local.count(key, ttlMs));
    },
    addMember: (name, member) => changeMember('add', name, member),
    removeMember: (name, member) => changeMember('remove', name, member),
    async members(name) {
      let listed: string[];
      try {
        listed = await call('members', (claims) => claims.members(name));
      } catch (error) {
        options.health.fault(error, 'members');
        listed = await local.members(name);
      }
      // Changes not yet written to the store count already.
      const result = new Set(listed);
      for (const replay of unsynced.values()) {
        if (replay.op === 'add' && replay.name === name) result.add(replay.member);
        if (replay.op === 'remove' && replay.name === name) result.delete(replay.member);
      }
      return [...result];
    },
  };
}
