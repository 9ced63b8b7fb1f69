/** A deterministic random number generator in [0, 1) (a 32-bit linear congruential generator), for fuzz tests that must repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}
