import { afterEach, describe, expect, it } from 'vitest';
import { chunkedFlood } from '../../fakes/chunked-flood.ts';
import { SIGNING_SECRET, slackSignature, startSlackHarness, type SlackHarness } from './harness.ts';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const FORM = new URLSearchParams({ command: '/verify', text: 'hello', response_url: 'http://127.0.0.1:1/x', user_id: 'U1', team_id: 'T1', channel_id: 'C1', trigger_id: '1' }).toString();

function signedPost(url: string, body: string, timestamp: number, signature = slackSignature(SIGNING_SECRET, timestamp, body)): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
    body,
  });
}

describe('Slack receiver front', () => {
  it('accepts a signed request once and refuses the same request replayed', async () => {
    harness = await startSlackHarness();
    const url = harness.adapter.eventsUrl()!;
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedPost(url, FORM, timestamp)).status).toBe(200);
    expect((await signedPost(url, FORM, timestamp)).status).toBe(401);
    expect(harness.logger.lines.some((line) => line.message === 'slack: request refused' && line.fields?.reason === 'replayed')).toBe(true);
  });

  it('refuses timestamps more than 5 minutes off, in the past or in the future, even when signed', async () => {
    harness = await startSlackHarness();
    const url = harness.adapter.eventsUrl()!;
    const now = Math.floor(Date.now() / 1000);
    expect((await signedPost(url, FORM, now - 10 * 60)).status).toBe(401);
    expect((await signedPost(url, FORM, now + 10 * 60)).status).toBe(401);
    expect((await signedPost(url, FORM, now + 60)).status).toBe(200);
    expect(harness.logger.lines.filter((line) => line.fields?.reason === 'stale')).toHaveLength(2);
  });

  it('refuses a bad signature with 401', async () => {
    harness = await startSlackHarness();
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedPost(harness.adapter.eventsUrl()!, FORM, timestamp, slackSignature('another-secret', timestamp, FORM))).status).toBe(401);
  });

  it('cuts off a 100 MB unsigned chunked body early with 413, before any signature work', async () => {
    harness = await startSlackHarness();
    const started = performance.now();
    const { status, bytesSent } = await chunkedFlood(harness.adapter.eventsUrl()!, { 'content-type': 'application/x-www-form-urlencoded' }, 100 * 1024 * 1024);
    // 413, or the connection cut right after it (a client still writing may see the reset first).
    expect([413, 0]).toContain(status);
    expect(bytesSent).toBeLessThan(16 * 1024 * 1024);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(harness.logger.lines.some((line) => line.fields?.reason === 'too_large')).toBe(true);
  });
});
