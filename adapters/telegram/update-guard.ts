import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { MiddlewareFn, Transformer } from 'grammy';
import { z } from 'zod';
import type { Claims, Logger } from '../../src/core/index.ts';
import type { TelegramContext } from './context.ts';

const ChatSchema = z.looseObject({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) });
const MessageSchema = z.looseObject({ message_id: z.number().int(), date: z.number(), chat: ChatSchema });
const UserSchema = z.looseObject({ id: z.number().int(), is_bot: z.boolean() });

/** The shape an update must have before any handler sees it; everything else is ignored. */
const UpdateShapeSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: MessageSchema.optional(),
  edited_message: MessageSchema.optional(),
  channel_post: MessageSchema.optional(),
  callback_query: z.looseObject({ id: z.string(), from: UserSchema, data: z.string().optional() }).optional(),
});

/** Drops updates whose shape is wrong (logged by update id and field, never content). */
export function createUpdateGuard(logger: Logger): MiddlewareFn<TelegramContext> {
  return async (ctx, next) => {
    const parsed = UpdateShapeSchema.safeParse(ctx.update);
    if (!parsed.success) {
      const updateId = (ctx.update as { update_id?: unknown } | undefined)?.update_id;
      const issue = parsed.error.issues[0];
      logger.warn('telegram: malformed update ignored', { updateId: typeof updateId === 'number' ? updateId : undefined, field: issue?.path.join('.') });
      return;
    }
    await next();
  };
}

/**
 * How long a lease on an update lasts without renewal, in ms. The owner renews it every third of that while
 * it works, so only a dead owner's lease runs out; a dead owner on this host is taken over at once (see
 * createClaims), one on another host after at most this long.
 */
export const UPDATE_LEASE_MS = 10_000;
/** How long a delivery of an update waits for another live owner to finish it before giving up, in ms. */
const MAX_WAIT_MS = 120_000;

/** The update being handled in this async context, and how to acknowledge it. */
export interface UpdateScope {
  updateId: number;
  commit(): Promise<void>;
  /** Takes the acknowledgement back while the handlers still run: the reply it counted on was refused for now. */
  reopen(): Promise<void>;
  /** Set on the scope of one answer to several updates ({@link answerFor}): its reply cannot ride in one webhook response. */
  several?: true;
}

const updateScope = new AsyncLocalStorage<UpdateScope | undefined>();
/** Set only while a call a user would see is being made: its HTTP request acknowledges the update. */
const visibleCall = new AsyncLocalStorage<UpdateScope>();

/** Bot API methods that change nothing a user sees: no need to acknowledge the update after them. */
const QUIET_METHODS = new Set([
  'getMe', 'getUpdates', 'getFile', 'getChat', 'getChatMember', 'getChatAdministrators', 'getChatMemberCount',
  'getWebhookInfo', 'setWebhook', 'deleteWebhook', 'getMyCommands', 'setMyCommands', 'deleteMyCommands', 'sendChatAction',
]);

let watchingRequests = false;

/**
 * Acknowledges the update of a visible call the moment its HTTP request has been handed to the operating
 * system, found through Node's documented `http.client.request.start` diagnostics channel (grammY sends
 * through node:http). Node publishes it from `ClientRequest._finish`, in the same call stack as the socket
 * write of the request's last bytes (`end()` or `_flush()`, then `_finish()`). When that write handed every
 * byte to the kernel at once (a connected plain socket whose buffer is empty afterwards: `writableLength` 0),
 * the commit's SQLite write runs right there, synchronously (guardClaims starts a store call within the
 * call), so between the kernel taking the request and the update reading done there is only that stack's
 * remaining JS and the SQLite statement: nothing else queued in the process can run in between. Otherwise
 * (a socket still connecting, bytes the kernel did not take yet, TLS, whose writes report in a later turn)
 * it waits for the request's `finish` (the write callback: everything handed to the OS; on a new plain
 * connection that is within the connect's write, on a reused one a tick later, after whatever else was
 * queued). `npm run bench:ack` under load: mean 0.5–0.7 ms in the call stack, 3.4–3.8 ms at 'finish'. The
 * gap still holds most of the chance of a double reply, because writing to a local peer (the kill -9 test's
 * fake, a Bot API server on this host) wakes it and the scheduler often runs it at once; the kill -9 test saw
 * about one reply twice in 30 kills with either hook. Writing the mark just before the write instead (in the
 * request's 'socket' event or first in its socket's 'connect'; mean 0.17–0.19 ms to the end of the write)
 * turns that into a lost reply, and its first kill -9 run lost one: for a family asking "is this a scam?"
 * silence is the worse mistake, so the mark follows the write. Waiting for Telegram's answer instead would
 * leave the whole round trip in the gap. A reply Telegram then answers with 429 or 5xx was not delivered: the acknowledgement is
 * taken back ({@link createAcknowledgeTransformer}) before retry.ts waits, and the retried request's own
 * write gives it again.
 */
function watchRequests(): void {
  if (watchingRequests) return;
  watchingRequests = true;
  subscribe('http.client.request.start', (message) => {
    const scope = visibleCall.getStore();
    if (!scope) return;
    const request = (message as { request: ClientRequest }).request;
    if (handedToKernel(request)) void scope.commit();
    else request.once('finish', () => void scope.commit());
  });
}

/**
 * Whether the write that just ran (the one publishing `http.client.request.start`) handed all of the
 * request's bytes to the kernel: a plain socket that is connected and holds nothing unwritten. A TLS socket
 * always holds the bytes here (its writes complete in a later turn even when the kernel took them).
 */
export function handedToKernel(request: ClientRequest): boolean {
  const socket = request.socket;
  return socket !== null && !socket.connecting && !('encrypted' in socket) && socket.writableLength === 0;
}

/** Telegram refused the call for good (not a 429 or 5xx the retry transformer tries again). */
function finalAnswer(result: { ok: boolean; error_code?: number }): boolean {
  return result.ok || (result.error_code !== 429 && (result.error_code ?? 500) < 500);
}

/**
 * An API transformer that acknowledges the update being handled (marks it done in the store, durably) once
 * the first call a user would see has left the process: when its request was handed to the OS (see
 * {@link watchRequests}), at the latest when Telegram answered it. A crash before that leaves the update
 * leased by a dead owner, and its next delivery takes it over and handles it from the start (nothing was
 * sent yet, so nothing is lost); a crash after it cannot repeat what was sent. Over HTTP the window left is
 * between the kernel taking the request's last bytes and the commit (same tick): a crash exactly there sends
 * that reply twice after the redelivery. In webhook mode the update's answer usually rides in the webhook's
 * 200 instead ({@link WEBHOOK_REPLY_METHODS}), which has no such window: the call resolves once that response
 * was handed to the OS and the commit follows; otherwise Telegram gets its 200 once the handlers finished.
 *
 * This transformer runs inside the retry transformer (bot.ts), once per attempt. An attempt Telegram answers
 * with 429 or 5xx reopens the update (leased again by this process, renewed) before retry.ts waits, so a
 * crash during that wait leaves it to the redelivery instead of losing the reply; the next attempt's request
 * acknowledges it again as it leaves. The send→commit window stays the same tick for every attempt; what is
 * left is the round trip of a refused attempt, during which the update reads done. Calls made through
 * {@link sendProgressNote} acknowledge nothing.
 */
export function createAcknowledgeTransformer(): Transformer {
  watchRequests();
  return async (prev, method, payload, signal) => {
    const scope = updateScope.getStore();
    if (!scope || QUIET_METHODS.has(method)) return prev(method, payload, signal);
    const call = () => visibleCall.run(scope, () => prev(method, payload, signal));
    // A webhook reply resolves once its response was handed to the OS (WebhookReplySlot.send): the commit
    // below follows it. One whose connection closed first was never sent; grammY sends only one webhook reply
    // per update, so calling again makes the same call over HTTP.
    const result = await call().catch((error: unknown) => {
      if (error instanceof WebhookReplyLost) return call();
      throw error;
    });
    if (finalAnswer(result)) await scope.commit();
    else await scope.reopen();
    return result;
  };
}

/**
 * Makes a visible call that is not the update's answer (a "Reading the screenshot…" note the answer is
 * edited into later): it does not acknowledge the update, so a crash between the note and the answer leaves
 * the update to its redelivery, which sends a new note and the answer (the first note stays, unanswered).
 */
export function sendProgressNote<T>(call: () => Promise<T>): Promise<T> {
  return updateScope.run(undefined, call);
}

/**
 * The update being handled here, for work that answers it later together with others (a burst of forwards,
 * the photos of an album): hand it to {@link answerFor}. Undefined outside an update.
 */
export function currentUpdate(): UpdateScope | undefined {
  return updateScope.getStore();
}

/**
 * Runs `call` as the one answer to several updates: its first visible call acknowledges every one of them
 * as it leaves (in the same call stack, one SQLite write each), and a 429/5xx answer takes them all back.
 * An update whose handler already returned was acknowledged then (long polling, see holdUntilAnswered in
 * bot.ts); only the ones still held wait for this answer.
 */
export function answerFor<T>(updates: readonly (UpdateScope | undefined)[], call: () => Promise<T>): Promise<T> {
  const scopes = [...new Set(updates.filter((scope): scope is UpdateScope => scope !== undefined))];
  const [first] = scopes;
  if (!first) return call();
  if (scopes.length === 1) return updateScope.run(first, call);
  const together: UpdateScope = {
    updateId: first.updateId,
    several: true,
    commit: () => Promise.all(scopes.map((scope) => scope.commit())).then(() => undefined),
    reopen: () => Promise.all(scopes.map((scope) => scope.reopen())).then(() => undefined),
  };
  return updateScope.run(together, call);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Processes each update_id once, in every process on the store, with a lease then an acknowledgement:
 * the id is leased when the update arrives (`dedup:<id>`, {@link UPDATE_LEASE_MS}, renewed while the work
 * runs), marked done as soon as the first visible reply has left (over HTTP or as the webhook reply,
 * {@link createAcknowledgeTransformer}; a
 * progress note does not count, a reply refused with 429/5xx takes it back until its retry leaves) or when
 * the handlers finish, and kept done for `ttlMs`. A delivery that finds the update done is ignored; one that
 * finds it leased by a live owner (a second instance, a webhook retry) waits until it is done, or takes it
 * over when the owner died (kill -9): so a crash loses nothing that Telegram delivers again, and no update
 * is answered twice. A store that cannot be reached falls back to this process's memory (answered rather
 * than dropped).
 */
export function createDeduplicator(claims: Claims, ttlMs: number, logger: Logger, leaseMs = UPDATE_LEASE_MS): MiddlewareFn<TelegramContext> {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    const key = `dedup:${id}`;
    let state = await claims.lease(key, leaseMs);
    const started = Date.now();
    for (let wait = 50; state === 'held' && Date.now() - started < MAX_WAIT_MS; wait = Math.min(wait * 2, 1000)) {
      await sleep(wait);
      state = await claims.lease(key, leaseMs);
    }
    if (state !== 'won') {
      if (state === 'held') logger.warn('telegram: update still in progress elsewhere; left to it', { updateId: id });
      else logger.debug('telegram: duplicate update ignored', { updateId: id });
      return;
    }
    let committed: Promise<void> | undefined;
    let finished = false;
    const commit = (): Promise<void> => {
      committed ??= claims.complete(key, ttlMs).catch((error: unknown) => {
        logger.warn('telegram: could not acknowledge an update', { updateId: id, error: error instanceof Error ? error.name : 'unknown' });
      });
      return committed;
    };
    const reopen = async (): Promise<void> => {
      // After the handlers finished (a burst answered later) Telegram has its 200 already: nothing to give back.
      if (!committed || finished) return;
      const done = committed;
      await done;
      if (committed !== done || finished) return;
      const ours = await claims.reopen(key, leaseMs).catch(() => false);
      if (!ours) logger.warn('telegram: could not take back the acknowledgement of an update', { updateId: id });
      else if (committed === done) committed = undefined; // the renewal below keeps the lease alive again
    };
    const renewal = setInterval(() => {
      if (committed) return;
      void claims.renew(key, leaseMs).then(
        (ours) => {
          if (!ours && !committed) logger.warn('telegram: lost the lease of an update in progress', { updateId: id });
        },
        () => undefined,
      );
    }, Math.max(100, Math.floor(leaseMs / 3)));
    renewal.unref();
    try {
      await updateScope.run({ updateId: id, commit, reopen }, next);
    } finally {
      finished = true;
      clearInterval(renewal);
      // Handled (or failed and answered by the error boundary): never again.
      await commit();
    }
  };
}

/**
 * Webhook replies (webhook mode only): the update's one visible answer travels in the body of the 200 that
 * answers Telegram's webhook call (`{"method":"sendMessage",…}`), which Telegram executes if and only if it
 * receives that response, and a webhook call it got no response to is delivered again. So the answer and
 * Telegram's "delivered" are one event, and a kill -9 at any moment sends it once:
 * - before the response is written: Telegram gets no 200 and delivers the update again; it is leased by a
 *   dead owner (not done), so the new process takes it over and answers it, once;
 * - after the response was handed to the OS (its 'finish', which {@link WebhookReplySlot.send} waits for) and
 *   before the update's done mark: the kernel still sends those bytes and closes the connection after the
 *   process died, so Telegram executes the reply and delivers nothing again (the lease left behind is never
 *   asked for); a response lost on the way instead is a delivery Telegram repeats, and the update, not done,
 *   is answered by the new process: once either way;
 * - after the done mark: the reply is out and any further delivery (a second instance, a load balancer's
 *   retry) reads done.
 * The mark must follow the write: written first, a kill in between would leave an update read as done that
 * Telegram delivers again (it got no 200), its answer lost. What is left is a live process whose fully
 * written response the network loses (no kill): that redelivery reads done, as a Bot API request lost
 * after it left did before.
 *
 * Only a call whose result nobody needs can go this way (Telegram's answer to it is not seen: grammY
 * returns `true`, no message id, and a refusal is silent): {@link WEBHOOK_REPLY_METHODS}, the first such call
 * of the update (grammY sends one per update), in the update's own scope, while its response is open. Not:
 * a progress note ({@link sendProgressNote}), an answer to several updates ({@link answerFor}: one response
 * cannot carry the others' answers), a call inside {@link needsResult}, anything after the webhook's 503
 * (timeout) or after the update's handlers returned. Those go over HTTP and are acknowledged as their
 * request leaves (watchRequests), with its same-tick gap.
 */
export const WEBHOOK_REPLY_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'answerCallbackQuery']);

/** A webhook reply whose connection closed before the response was handed to the OS: Telegram never got it. */
export class WebhookReplyLost extends Error {
  override name = 'WebhookReplyLost';
}

/** The webhook response of one update, which may carry its answer (webhook.ts). */
export interface WebhookReplySlot {
  updateId: number;
  /** Whether the response is still unwritten and its connection open. */
  open(): boolean;
  /** Writes the 200 with `body`; resolves once it was handed to the OS, rejects with {@link WebhookReplyLost} when the connection closed first. */
  send(body: string): Promise<void>;
}

const webhookSlot = new AsyncLocalStorage<WebhookReplySlot | undefined>();
const resultNeeded = new AsyncLocalStorage<boolean>();

/** Runs the handling of one webhook update with its response available as the answer's carrier. */
export function withWebhookReply<T>(slot: WebhookReplySlot, handle: (envelope: { send(body: string): Promise<void> }) => Promise<T>): Promise<T> {
  return webhookSlot.run(slot, () => handle({ send: (body) => slot.send(body) }));
}

/** grammY's `canUseWebhookReply` (bot.ts): whether this call may be the webhook reply (see {@link WEBHOOK_REPLY_METHODS}). */
export function canUseWebhookReply(method: string): boolean {
  if (!WEBHOOK_REPLY_METHODS.has(method) || resultNeeded.getStore() === true) return false;
  const slot = webhookSlot.getStore();
  const scope = updateScope.getStore();
  return slot !== undefined && scope !== undefined && scope.several !== true && scope.updateId === slot.updateId && slot.open();
}

/** Makes `call`'s Bot API calls over HTTP, whose answers carry what the caller needs (a sent message's id). */
export function needsResult<T>(call: () => Promise<T>): Promise<T> {
  return resultNeeded.run(true, call);
}
