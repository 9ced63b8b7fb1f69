/**
 * Keeps a lease alive while the work it guards runs: `renew` every third of `leaseMs` (a failed renewal is
 * tried again at the next tick), so only a dead owner's lease lapses. Returns the function that stops it.
 */
export function keepRenewing(renew: () => Promise<unknown>, leaseMs: number): () => void {
  const timer = setInterval(() => void renew().catch(() => undefined), Math.floor(leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}
