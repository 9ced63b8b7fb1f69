import { createClaims, type ClaimBackend, type Claims } from '../core/claims.ts';
import type { InnerStore } from './guarded-store.ts';
import type { StoreHealth } from './store-health.ts';

/** A Redis connection shared by every area: keyv adapters per namespace, claims, and closing. */
export interface RedisBackend {
  /** Resolves once connected, or after `waitMs` without (the service then starts degraded). */
  ready(waitMs: number): Promise<void>;
  adapter(namespace: string): InnerStore;
  claims(area: string): Claims;
  close(): Promise<void>;
}

/** SET if absent, else the live value, in one step (Redis runs a script atomically). */
const INSERT_SCRIPT = "local v = redis.call('GET', KEYS[1]) if v then return v end redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false";
/** Compare-and-set. */
const SWAP_SCRIPT = "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
/** INCR that sets the expiry when it created the counter. */
const INCREMENT_SCRIPT = "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";

/** Longest wait between reconnection attempts, in ms: Redis back within 2 s of returning is noticed. */
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * Connects to Redis through the client @keyv/redis uses (loaded only when a Redis store is configured).
 * The offline queue is off, so while Redis is unreachable calls fail at once (and the guard answers from
 * memory) instead of piling up; the client reconnects with backoff by itself.
 */
export async function openRedis(url: string, health: StoreHealth): Promise<RedisBackend> {
  const { createClient, default: KeyvRedis } = await import('@keyv/redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
  });
  client.on('error', (error: unknown) => health.fault(error, 'connection'));
  client.on('ready', () => health.recovered());
  // Not awaited here: a Redis that is down at start-up must not keep the service from answering checks.
  const connected = client.connect().then(
    () => undefined,
    (error: unknown) => {
      health.fault(error, 'connect');
    },
  );
  const claimKey = (area: string, key: string): string => `safeword-claim:${area}:${key}`;
  return {
    async ready(waitMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([connected, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    },
    adapter(namespace) {
      return new KeyvRedis(client as never, { namespace, throwOnConnectError: true, throwOnErrors: true }) as unknown as InnerStore;
    },
    claims(area) {
      const key = (name: string): string => claimKey(area, name);
      const ms = (ttlMs: number): string => String(Math.max(1, Math.round(ttlMs)));
      const backend: ClaimBackend = {
        async insert(name, value, ttlMs) {
          const reply = await client.eval(INSERT_SCRIPT, { keys: [key(name)], arguments: [value, ms(ttlMs)] });
          return typeof reply === 'string' ? reply : undefined;
        },
        async swap(name, expected, value, ttlMs) {
          return Number(await client.eval(SWAP_SCRIPT, { keys: [key(name)], arguments: [expected, value, ms(ttlMs)] })) === 1;
        },
        async put(name, value, ttlMs) {
          await client.set(key(name), value, { expiration: { type: 'PX', value: Number(ms(ttlMs)) } });
        },
        async remove(name) {
          await client.del(key(name));
        },
        async increment(name, ttlMs) {
          return Number(await client.eval(INCREMENT_SCRIPT, { keys: [key(name)], arguments: [ms(ttlMs)] }));
        },
        async addMember(name, member) {
          await client.sAdd(`safeword-set:${area}:${name}`, member);
        },
        async removeMember(name, member) {
          await client.sRem(`safeword-set:${area}:${name}`, member);
        },
        async members(name) {
          return client.sMembers(`safeword-set:${area}:${name}`);
        },
      };
      return createClaims(backend);
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
