import { randomUUID } from 'node:crypto';
import type { Peers } from '../core/peers.ts';

/** Set in the environment of worker processes: their index (0 runs long polling and gateways), also their peer name. */
export const WORKER_INDEX = 'SAFEWORD_WORKER_INDEX';

/** How long a worker waits for another's answer: an in-memory lookup over a local pipe takes about a millisecond. */
export const PEER_ANSWER_TIMEOUT_MS = 2000;

/** A message between workers, relayed by the primary (cluster.ts) to the worker named `to`. */
export interface PeerMessage {
  safeword: 'peers';
  kind: 'ask' | 'answer';
  /** Pairs an answer with its question. */
  id: string;
  from: string;
  to: string;
  topic?: string;
  body?: unknown;
}

/** Whether an IPC message is one of ours. */
export function isPeerMessage(message: unknown): message is PeerMessage {
  const candidate = message as Partial<PeerMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.safeword === 'peers' && typeof candidate.to === 'string' && typeof candidate.id === 'string';
}

/** The channel a cluster worker has to its primary (`process` in a worker; a fake in tests). */
export interface PeerChannel {
  send(message: PeerMessage): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * This worker's {@link Peers}: questions and answers go to the primary over the cluster's IPC channel, which
 * hands each to the worker it names (cluster.ts); nothing is stored. A question nobody answers in
 * {@link PEER_ANSWER_TIMEOUT_MS} resolves undefined, as does a worker that is gone (the primary answers for it).
 */
export function createWorkerPeers(self: string, channel: PeerChannel = process as unknown as PeerChannel, timeoutMs = PEER_ANSWER_TIMEOUT_MS): Peers {
  const handlers = new Map<string, (body: unknown) => unknown>();
  const waiting = new Map<string, (body: unknown) => void>();
  const send = (message: PeerMessage): void => {
    try {
      channel.send(message);
    } catch {
      // The IPC channel is closed (the worker is stopping): the asker's timer answers undefined.
    }
  };
  channel.on('message', (message) => {
    if (!isPeerMessage(message) || message.to !== self) return;
    if (message.kind === 'answer') {
      waiting.get(message.id)?.(message.body);
      return;
    }
    const handler = message.topic === undefined ? undefined : handlers.get(message.topic);
    const answer = (body: unknown): void => send({ safeword: 'peers', kind: 'answer', id: message.id, from: self, to: message.from, body });
    Promise.resolve()
      .then(() => handler?.(message.body))
      .then(answer, () => answer(undefined));
  });
  return {
    self,
    ask(peer, topic, body) {
      const id = randomUUID();
      return new Promise((resolve) => {
        const done = (answer: unknown): void => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        timer.unref();
        waiting.set(id, done);
        send({ safeword: 'peers', kind: 'ask', id, from: self, to: peer, topic, body });
      });
    },
    serve(topic, handler) {
      handlers.set(topic, handler);
      return () => {
        if (handlers.get(topic) === handler) handlers.delete(topic);
      };
    },
  };
}
