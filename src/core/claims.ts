import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** What {@link Claims.lease} found: the lease is ours now, the work is done, or another live owner holds it. */
export type LeaseState = 'won' | 'done' | 'held';

/**
 * Atomic "only once" claims shared by every process on one store, plus the two other atomic primitives the
 * adapters need there (counters and sets). Used for Telegram update de-duplication (a lease, then done),
 * check-in confirmation, one watch warning per message, Slack request replay, rate counters and the open
 * check-in list. The service implements it with `INSERT … ON CONFLICT` on SQLite and `SET NX PX` / Lua on Redis.
 */
export interface Claims {
  /**
   * True for the first caller within `ttlMs` (the key is done at once). When the store cannot be reached the
   * service answers true (a check is answered twice rather than not at all) and reports itself degraded.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded failed), so a later attempt may claim it again. */
  release(key: string): Promise<void>;
  /**
   * Takes a short lease on `key` for work that is acknowledged later ({@link Claims.complete}): `won` when the
   * key was free, its lease expired, or its owner is known to be dead (a process of this host that is gone);
   * `done` when the work was completed; `held` while another live owner works on it (or this process does).
   */
  lease(key: string, leaseMs: number): Promise<LeaseState>;
  /** Extends this process's lease on `key`; false when it is no longer ours (expired and taken over, or done). */
  renew(key: string, leaseMs: number): Promise<boolean>;
  /** Marks `key` done for `ttlMs`: every later claim or lease of it answers done / false. */
  complete(key: string, ttlMs: number): Promise<void>;
  /**
   * Takes a key this process completed back as its own lease (the work it acknowledged turned out not to be
   * done: a reply Telegram answered with 429 or 5xx, retried): a later lease of it answers `held` while this
   * process lives, and takes it over once it died. False when the key is no longer done (expired, removed).
   */
  reopen(key: string, leaseMs: number): Promise<boolean>;
  /** Adds one to the counter `key` (created at 1, expiring `ttlMs` after creation) and returns the new value. */
  count(key: string, ttlMs: number): Promise<number>;
  /** Adds `member` to the set `name` (no expiry). */
  addMember(name: string, member: string): Promise<void>;
  /** Removes `member` from the set `name`. */
  removeMember(name: string, member: string): Promise<void>;
  /** The members of the set `name`. */
  members(name: string): Promise<string[]>;
}

/** The value of a key that is done (also what plain {@link Claims.claim} writes). */
export const DONE = '1';

/**
 * The atomic operations a store offers; {@link createClaims} builds {@link Claims} on them. Values are short
 * strings (DONE or a lease owner), never content.
 */
export interface ClaimBackend {
  /** Sets `key` to `value` when it is absent or expired; undefined when it was set, else the live value. */
  insert(key: string, value: string, ttlMs: number): Promise<string | undefined>;
  /** Sets `key` to `value` only while it holds `expected` (compare-and-set); true when it did. */
  swap(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Sets `key` to `value` unconditionally. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  remove(key: string): Promise<void>;
  increment(key: string, ttlMs: number): Promise<number>;
  addMember(name: string, member: string): Promise<void>;
  removeMember(name: string, member: string): Promise<void>;
  members(name: string): Promise<string[]>;
}

/** Who holds a lease: the host, the process id and a random id of this start (a reused pid is another start). */
export interface LeaseOwner {
  host: string;
  pid: number;
  nonce: string;
}

const LEASE_PREFIX = 'lease:';

let thisProcess: LeaseOwner | undefined;

/** This process as a lease owner (the same for every area of the process). */
export function processOwner(): LeaseOwner {
  thisProcess ??= { host: hostname(), pid: process.pid, nonce: randomBytes(6).toString('base64url') };
  return thisProcess;
}

function encodeOwner(owner: LeaseOwner): string {
  return `${LEASE_PREFIX}${encodeURIComponent(owner.host)}:${owner.pid}:${owner.nonce}`;
}

function decodeOwner(value: string): LeaseOwner | undefined {
  if (!value.startsWith(LEASE_PREFIX)) return undefined;
  const [host, pid, nonce] = value.slice(LEASE_PREFIX.length).split(':');
  if (host === undefined || pid === undefined || nonce === undefined || !/^\d+$/.test(pid)) return undefined;
  return { host: decodeURIComponent(host), pid: Number(pid), nonce };
}

/** Whether a process with this id runs on this host (signal 0 only checks; EPERM means it exists). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Options for {@link createClaims}. */
export interface ClaimsOptions {
  owner?: LeaseOwner;
  /** Whether a pid of this host is running (tests). */
  alive?: (pid: number) => boolean;
}

/**
 * Claims on a {@link ClaimBackend}. A lease's value names its owner; a lease whose owner is a process of this
 * host that no longer runs (kill -9, then a restart on the same SQLite file) is taken over at once by
 * compare-and-set, without waiting for it to expire; an owner on another host is waited for until expiry.
 */
export function createClaims(backend: ClaimBackend, options: ClaimsOptions = {}): Claims {
  const owner = options.owner ?? processOwner();
  const alive = options.alive ?? processAlive;
  const mine = encodeOwner(owner);

  const ownerGone = (value: string): boolean => {
    const other = decodeOwner(value);
    if (!other || other.host !== owner.host) return false;
    if (other.pid === owner.pid) return other.nonce !== owner.nonce; // an earlier start with the same pid (containers)
    return !alive(other.pid);
  };

  return {
    async claim(key, ttlMs) {
      return (await backend.insert(key, DONE, ttlMs)) === undefined;
    },
    release: (key) => backend.remove(key),
    async lease(key, leaseMs) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const current = await backend.insert(key, mine, leaseMs);
        if (current === undefined) return 'won';
        if (!current.startsWith(LEASE_PREFIX)) return 'done';
        if (current === mine || !ownerGone(current)) return 'held';
        if (await backend.swap(key, current, mine, leaseMs)) return 'won';
        // Someone else took it over, or it changed meanwhile: look again.
      }
      return 'held';
    },
    renew: (key, leaseMs) => backend.swap(key, mine, mine, leaseMs),
    complete: (key, ttlMs) => backend.put(key, DONE, ttlMs),
    reopen: (key, leaseMs) => backend.swap(key, DONE, mine, leaseMs),
    count: (key, ttlMs) => backend.increment(key, ttlMs),
    addMember: (name, member) => backend.addMember(name, member),
    removeMember: (name, member) => backend.removeMember(name, member),
    members: (name) => backend.members(name),
  };
}

/** A {@link ClaimBackend} in this process's memory (tests, the memory store, and the fallback while a store is down). */
export function createMemoryBackend(now: () => number = Date.now): ClaimBackend {
  const held = new Map<string, { value: string; expires: number }>();
  const sets = new Map<string, Set<string>>();
  const live = (key: string) => {
    const entry = held.get(key);
    if (entry && entry.expires > now()) return entry;
    if (entry) held.delete(key);
    return undefined;
  };
  const prune = () => {
    if (held.size <= 10_000) return;
    const time = now();
    for (const [key, entry] of held) if (entry.expires <= time) held.delete(key);
  };
  return {
    async insert(key, value, ttlMs) {
      const entry = live(key);
      if (entry) return entry.value;
      prune();
      held.set(key, { value, expires: now() + ttlMs });
      return undefined;
    },
    async swap(key, expected, value, ttlMs) {
      if (live(key)?.value !== expected) return false;
      held.set(key, { value, expires: now() + ttlMs });
      return true;
    },
    async put(key, value, ttlMs) {
      prune();
      held.set(key, { value, expires: now() + ttlMs });
    },
    async remove(key) {
      held.delete(key);
    },
    async increment(key, ttlMs) {
      const entry = live(key);
      const next = (entry ? Number(entry.value) : 0) + 1;
      held.set(key, { value: String(next), expires: entry?.expires ?? now() + ttlMs });
      return next;
    },
    async addMember(name, member) {
      let set = sets.get(name);
      if (!set) sets.set(name, (set = new Set()));
      set.add(member);
    },
    async removeMember(name, member) {
      sets.get(name)?.delete(member);
    },
    async members(name) {
      return [...(sets.get(name) ?? [])];
    },
  };
}

/** Claims held in this process only (tests and the memory store). */
export function createMemoryClaims(now: () => number = Date.now): Claims {
  return createClaims(createMemoryBackend(now));
}
