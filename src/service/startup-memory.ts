/**
 * One memory-reducing collection once start-up is done (issue 10: idle RSS ≤ 120 MB a process).
 *
 * Why: loading the rules (YAML, schema checks, compiling the matcher) and the model peaks at ~55 MB of V8 heap
 * pages against ~35 MB that stay live, and V8 (Node 24) keeps the freed pages resident in its page pool: an
 * ordinary full collection (`gc()`) does not give them back, and on an idle process the memory reducer never
 * runs, so they stayed resident for as long as the process lived (measured 2026-12-04 in one idle worker: 57 MB of
 * 256 KB heap pages resident against 37 MB of heap, for 45 s and more). The `last-resort` flavour
 * (`Isolate::LowMemoryNotification`: collect everything, release the pool) gives them back at once.
 *
 * It needs `--expose-gc` (package.json's start script; cluster.ts gives it to every worker). The function is
 * cleared from the global object at the first call, so no other code (nor a rule, nor a dependency) can call it
 * afterwards; without the flag this does nothing.
 *
 * @returns the milliseconds the collection took, or undefined when it did not run.
 */
export function releaseStartupMemory(): number | undefined {
  const collect = (globalThis as { gc?: (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void }).gc;
  if (typeof collect !== 'function') return undefined;
  // Not configurable (`delete` throws), but writable.
  (globalThis as { gc?: unknown }).gc = undefined;
  const began = performance.now();
  collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return performance.now() - began;
}
