import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createWorkerPeers, isPeerMessage, type PeerChannel, type PeerMessage } from '../../src/service/worker-peers.ts';

/** Channels of workers joined through a relay that behaves like cluster.ts's primary (by `to`; a missing worker answers undefined). */
function relay(): { channel(self: string): PeerChannel; relayed: PeerMessage[]; remove(name: string): void } {
  const workers = new Map<string, EventEmitter>();
  const relayed: PeerMessage[] = [];
  return {
    relayed,
    remove: (name) => void workers.delete(name),
    channel(self) {
      const events = new EventEmitter();
      workers.set(self, events);
      return {
        send(message) {
          relayed.push(message);
          // Through a copy, as over IPC (JSON): only plain values arrive.
          const copy = JSON.parse(JSON.stringify(message)) as PeerMessage;
          setImmediate(() => {
            const target = workers.get(copy.to);
            if (target) target.emit('message', copy);
            else if (copy.kind === 'ask') workers.get(copy.from)?.emit('message', { safeword: 'peers', kind: 'answer', id: copy.id, from: copy.to, to: copy.from });
          });
        },
        on: (event, listener) => events.on(event, listener),
      };
    },
  };
}

describe('worker peers (the cluster IPC between workers)', () => {
  it('asks another worker, which answers from its handler; unknown topics, missing workers and silence answer undefined', async () => {
    const network = relay();
    const zero = createWorkerPeers('0', network.channel('0'), 200);
    const one = createWorkerPeers('1', network.channel('1'), 200);
    one.serve('double', (body) => (typeof body === 'number' ? body * 2 : undefined));
    one.serve('slow', () => new Promise((resolve) => setTimeout(() => resolve('late'), 1000).unref()));
    one.serve('fails', () => {
      throw new Error('handler failed');
    });
    expect(await zero.ask('1', 'double', 21)).toBe(42);
    expect(await zero.ask('1', 'unknown', 1)).toBeUndefined();
    expect(await zero.ask('1', 'fails', 1)).toBeUndefined();
    expect(await zero.ask('7', 'double', 1)).toBeUndefined(); // no such worker: the relay answers
    const started = Date.now();
    expect(await zero.ask('1', 'slow', 1)).toBeUndefined(); // past the time limit
    expect(Date.now() - started).toBeLessThan(900);
    expect(network.relayed.every(isPeerMessage)).toBe(true);
    expect(isPeerMessage({ safeword: 'other' })).toBe(false);
    expect(isPeerMessage(null)).toBe(false);
  });

  it('stops answering a topic when its handler is removed', async () => {
    const network = relay();
    const zero = createWorkerPeers('0', network.channel('0'), 200);
    const one = createWorkerPeers('1', network.channel('1'), 200);
    const stop = one.serve('ping', () => 'pong');
    expect(await zero.ask('1', 'ping', null)).toBe('pong');
    stop();
    expect(await zero.ask('1', 'ping', null)).toBeUndefined();
  });
});
