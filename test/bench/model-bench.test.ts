import { describe, expect, it } from 'vitest';
import { runModelBench } from '../../bench/model-bench.ts';

describe('npm run bench: the local model figure', () => {
  it('measures load time and microseconds per 500-byte message with the shipped model', () => {
    const result = runModelBench(undefined, 200, 1);
    expect(result.messages).toBe(200);
    expect(result.loadMs).toBeGreaterThan(0);
    expect(result.microsPerMessage).toBeGreaterThan(0);
    expect(Number.isFinite(result.microsPerMessage)).toBe(true);
    // No time bound here: speed goals (20 µs, 50 ms) are measured by `npm run bench`, not asserted in a timed
    // test (one at 200 µs failed in CI while benches shared the 2-core machine).
    expect(result.weightsMb).toBeLessThan(5);
  });
});
