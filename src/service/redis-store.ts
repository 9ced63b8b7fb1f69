import type { Claims } from '../core/claims.ts';
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
      return {
        async claim(key, ttlMs) {
          const reply = await client.set(claimKey(area, key), '1', { condition: 'NX', expiration: { type: 'PX', value: Math.max(1, Math.round(ttlMs)) } });
          return reply === 'OK';
        },
        async release(key) {
          await client.del(claimKey(area, key));
        },
      };
    },
    async close() {
      if (client.isOpen) await client.close().catch(() => client.destroy());
    },
  };
}
