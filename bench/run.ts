/**
 * `npm run bench`: rules throughput on 500-byte messages (one core), per-message latency p50/p99, time to
 * check a 60 KB transcript, and peak RSS. Goals (issue 2): >= 20,000 messages/s, 60 KB transcript < 20 ms.
 * `--json` prints one JSON object instead of the table.
 */
import { analyze } from '../src/core/analyze.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { makeMessages, makeTranscript } from './samples.ts';

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

const ruleset = loadRuleset();
const messages = makeMessages(2_000);
const requests = messages.map((text) => ({ kind: 'message' as const, text }));

for (let round = 0; round < 3; round += 1) for (const request of requests) analyze(request, ruleset);

// Five rounds of 10,000 messages: throughput per CPU second (what one core does, whatever else the machine
// is running) and per wall-clock second, medians over the rounds.
const ROUNDS = 5;
const PER_ROUND = 10_000;
const cpuRates: number[] = [];
const wallRates: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let index = 0; index < PER_ROUND; index += 1) analyze(requests[(round * PER_ROUND + index) % requests.length]!, ruleset);
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  cpuRates.push(PER_ROUND / ((cpu.user + cpu.system) / 1e6));
  wallRates.push(PER_ROUND / wallSeconds);
}
const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const throughput = median(cpuRates);
const wallThroughput = median(wallRates);

const latencies: number[] = [];
for (let index = 0; index < 10_000; index += 1) {
  const begin = performance.now();
  analyze(requests[index % requests.length]!, ruleset);
  latencies.push(performance.now() - begin);
}
latencies.sort((a, b) => a - b);

const transcript = { kind: 'transcript' as const, text: makeTranscript(60_000) };
for (let round = 0; round < 5; round += 1) analyze(transcript, ruleset);
const transcriptTimes: number[] = [];
for (let round = 0; round < 30; round += 1) {
  const begin = performance.now();
  analyze(transcript, ruleset);
  transcriptTimes.push(performance.now() - begin);
}
transcriptTimes.sort((a, b) => a - b);

const result = {
  rules: ruleset.rules.length,
  messagesPerSecond: Math.round(throughput),
  messagesPerWallSecond: Math.round(wallThroughput),
  latencyP50Ms: Number(percentile(latencies, 0.5).toFixed(4)),
  latencyP99Ms: Number(percentile(latencies, 0.99).toFixed(4)),
  transcript60kMedianMs: Number(percentile(transcriptTimes, 0.5).toFixed(2)),
  transcript60kMaxMs: Number((transcriptTimes.at(-1) ?? 0).toFixed(2)),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  node: process.version,
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  console.log(`rules loaded                 ${result.rules}`);
  console.log(`throughput (500 B messages)  ${result.messagesPerSecond} msg/s per CPU second (goal >= 20000), ${result.messagesPerWallSecond} per wall second`);
  console.log(`latency p50 / p99            ${result.latencyP50Ms} ms / ${result.latencyP99Ms} ms`);
  console.log(`60 KB transcript             ${result.transcript60kMedianMs} ms median, ${result.transcript60kMaxMs} ms max  (goal < 20)`);
  console.log(`peak RSS                     ${result.peakRssMb} MB`);
  console.log(`node                         ${result.node}`);
}
