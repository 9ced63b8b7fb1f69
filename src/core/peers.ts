/**
 * The other worker processes of this service on the same host (node:cluster, WEB_CONCURRENCY > 1), as far
 * as an adapter needs them: a platform may deliver a button tap to any worker, while the reply behind it is
 * held in the memory of the worker that sent it. Messages go over the cluster's IPC pipes, through the
 * primary process, and are never written anywhere. Implemented by src/service/worker-peers.ts.
 */
export interface Peers {
  /** This worker's name among its peers ("0", "1", …): the owner part of the keys it hands out. */
  readonly self: string;
  /**
   * Asks worker `peer` the question `topic` with `body` (JSON values only) and resolves with its answer;
   * undefined when that worker is gone, has no handler, or does not answer within a short time. Never rejects.
   */
  ask(peer: string, topic: string, body: unknown): Promise<unknown>;
  /** Answers `topic` in this worker with `handler` (the last one registered wins); returns a function that stops it. */
  serve(topic: string, handler: (body: unknown) => unknown): () => void;
}
