import { describe, expect, it } from 'vitest';
import { OcrError, type ImageReader } from '../../src/image/ocr-pool.ts';
import { createMetrics } from '../../src/service/metrics.ts';
import { createFakeChecker } from './fake-checker.ts';

const message = (text: string) => ({ kind: 'message' as const, text, source: { platform: 'api' as const } });

describe('metrics (own counts, prom-client loaded on the first scrape)', () => {
  it('keeps every count made before the first scrape and goes on counting after it', async () => {
    const metrics = createMetrics();
    const checker = metrics.meter(createFakeChecker({ level: () => 'medium' }));
    checker.check(message('one'));
    checker.check(message('two'));
    metrics.shed('overloaded');
    metrics.storeFault('disk_full');
    const first = (await metrics.render()).body;
    expect(first).toMatch(/^safeword_checks_total\{platform="api",kind="message",level="medium",language="en"\} 2$/m);
    expect(first).toMatch(/^safeword_shed_requests_total\{reason="overloaded"\} 1$/m);
    expect(first).toMatch(/^safeword_store_errors_total\{kind="disk_full"\} 1$/m);
    expect(first).toMatch(/^safeword_check_duration_seconds_count\{phase="instant"\} 2$/m);
    // prom-client's process metrics, from the first scrape on.
    expect(first).toMatch(/^safeword_process_resident_memory_bytes \d+/m);
    checker.check(message('three'));
    metrics.shed('client_gone');
    const second = (await metrics.render()).body;
    expect(second).toMatch(/^safeword_checks_total\{platform="api",kind="message",level="medium",language="en"\} 3$/m);
    expect(second).toMatch(/^safeword_shed_requests_total\{reason="client_gone"\} 1$/m);
  });

  it('renders the duration histogram as Prometheus does: cumulative buckets, +Inf, sum and count', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const checker = metrics.meter(createFakeChecker());
    for (let run = 0; run < 3; run += 1) checker.check(message('x'));
    const { body, contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    const buckets = [...body.matchAll(/^safeword_check_duration_seconds_bucket\{le="([^"]+)",phase="instant"\} (\d+)$/gm)].map((match) => [match[1], Number(match[2])] as const);
    expect(buckets.map(([bound]) => bound)).toEqual(['0.0005', '0.001', '0.005', '0.01', '0.05', '0.1', '0.5', '1', '2', '5', '10', '30', '+Inf']);
    const counts = buckets.map(([, count]) => count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(3);
    expect(body).toMatch(/^safeword_check_duration_seconds_sum\{phase="instant"\} [\d.e-]+$/m);
    expect(body).not.toContain('safeword_process_');
  });

  it('times every screenshot read by outcome (ok or the OCR failure), and passes results and failures through', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const answers: (() => Promise<Awaited<ReturnType<ImageReader['read']>>>)[] = [
      () => Promise.resolve({ bubbles: [], lines: 3 }),
      () => Promise.reject(new OcrError('timeout', 'too slow')),
      () => Promise.resolve({ bubbles: [], lines: 0 }),
    ];
    let closed = false;
    const reader = metrics.meterImages({ read: () => answers.shift()!(), close: async () => void (closed = true) });
    expect((await reader.read(new Uint8Array(1))).lines).toBe(3);
    await expect(reader.read(new Uint8Array(1))).rejects.toMatchObject({ code: 'timeout' });
    await reader.read(new Uint8Array(1));
    await reader.close();
    expect(closed).toBe(true);
    const { body } = await metrics.render();
    expect(body).toMatch(/^safeword_ocr_duration_seconds_count\{outcome="ok"\} 2$/m);
    expect(body).toMatch(/^safeword_ocr_duration_seconds_count\{outcome="timeout"\} 1$/m);
    expect(body).toMatch(/^safeword_ocr_duration_seconds_bucket\{le="\+Inf",outcome="ok"\} 2$/m);
  });
});
