/**
 * `npm run bench:ocr`: the screenshot pipeline on generated chat screenshots (test/screenshots): character
 * accuracy per script (en, es, zh-Hans, zh-Hant) and mode (light, dark), speakers right, verdicts equal to the same
 * conversation typed in, time per phone screenshot — wall time and the process's CPU time (the OCR worker runs
 * one inference thread, so CPU time is the time on one core of an idle machine) — and how long a text check and an
 * event-loop turn take while a screenshot is read. One worker, one image at a time. `BENCH_OCR_PER_SCRIPT=n` renders n layouts per script (default 4 of the 10; `all` for every layout),
 * `BENCH_OCR_SCRIPTS=es,zh-Hant` only the chats of those scripts, `--shots` prints every screenshot's accuracy and CPU
 * time, `--json` prints one JSON object.
 */
import { createRulesChecker } from '../src/core/rules-checker.ts';
import { loadRuleset } from '../src/core/ruleset.ts';
import { transcriptText } from '../src/image/conversation.ts';
import { readScreenshots } from '../src/image/image-check.ts';
import { DEFAULT_IMAGE_LIMITS } from '../src/image/image-limits.ts';
import { OcrPool } from '../src/image/ocr-pool.ts';
import { characterAccuracy } from '../test/screenshots/accuracy.ts';
import { screenshotSet } from '../test/screenshots/screenshot-set.ts';

const setting = process.env.BENCH_OCR_PER_SCRIPT ?? '4';
const scripts = process.env.BENCH_OCR_SCRIPTS?.split(',').map((script) => script.trim());
const shots = screenshotSet(setting === 'all' ? undefined : Number(setting)).filter((shot) => !scripts || scripts.includes(shot.script.script));
const checker = createRulesChecker(loadRuleset());
const pool = new OcrPool({ ...DEFAULT_IMAGE_LIMITS, timeoutMs: 120_000 }, { preload: true });

// Warm-up: the first read waits for the models to load; it is not a screenshot's time.
const warm = shots[0]?.render().png;
const loadStarted = performance.now();
if (warm) await pool.read(warm);
const warmUpMs = performance.now() - loadStarted;

interface Row {
  name: string;
  group: string;
  accuracy: number;
  speakersRight: boolean;
  verdictEqual: boolean;
  wallMs: number;
  cpuMs: number;
}
const rows: Row[] = [];
for (const shot of shots) {
  const rendered = shot.render();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const reading = await readScreenshots([rendered.png], pool, DEFAULT_IMAGE_LIMITS);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const truth = rendered.bubbles.map((bubble) => bubble.text);
  const read = reading.ok ? reading.extracted.turns : [];
  const typed = transcriptText({ text: '', turns: rendered.bubbles.map((bubble) => ({ speaker: bubble.side, text: bubble.text })) });
  const fromText = checker.check({ kind: 'transcript', text: typed }).instant;
  const fromImage = reading.ok ? checker.check(reading.request).instant : undefined;
  rows.push({
    name: shot.name,
    group: `${shot.script.script} ${shot.layout.mode}`,
    accuracy: characterAccuracy(truth, read.map((turn) => turn.text)),
    speakersRight: read.map((turn) => turn.speaker).join() === rendered.bubbles.map((bubble) => bubble.side).join(),
    verdictEqual: fromImage?.level === fromText.level && fromImage.categories.toSorted().join() === fromText.categories.toSorted().join(),
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
  });
}

// Other checks while a screenshot is read (the OCR runs in its worker thread): how long a plain text check and one
// turn of the event loop take meanwhile. The test suite checks the order of these only (test/image/screenshots.test.ts).
const whileReading: Array<{ checkMs: number; loopMs: number }> = [];
for (const shot of shots.slice(0, 3)) {
  const reading = readScreenshots([shot.render().png], pool, DEFAULT_IMAGE_LIMITS);
  const started = performance.now();
  checker.check({ kind: 'message', text: 'This is the police. Transfer your savings to a safe account and tell no one.' });
  const checkMs = performance.now() - started;
  const before = performance.now();
  await new Promise((resolve) => setImmediate(resolve));
  whileReading.push({ checkMs, loopMs: performance.now() - before });
  await reading;
}
await pool.close();

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const sorted = (values: number[]): number[] => values.toSorted((a, b) => a - b);
/** Mean, 90th percentile and maximum of per-screenshot figures (the maximum: the one screenshot a user waits longest for). */
const spread = (values: number[]): { mean: number; p90: number; max: number } => {
  const ordered = sorted(values);
  return { mean: mean(values), p90: ordered[Math.floor(ordered.length * 0.9)] ?? 0, max: ordered.at(-1) ?? 0 };
};
const groups = [...new Set(rows.map((row) => row.group))].sort().map((group) => {
  const members = rows.filter((row) => row.group === group);
  return { group, screenshots: members.length, accuracy: mean(members.map((row) => row.accuracy)), cpuMs: mean(members.map((row) => row.cpuMs)) };
});
const summary = {
  screenshots: rows.length,
  accuracy: mean(rows.map((row) => row.accuracy)),
  groups,
  speakersRight: rows.filter((row) => row.speakersRight).length,
  verdictsEqual: rows.filter((row) => row.verdictEqual).length,
  cpuMsPerScreenshot: spread(rows.map((row) => row.cpuMs)),
  wallMsPerScreenshot: spread(rows.map((row) => row.wallMs)),
  warmUpMs,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  whileReading: { checkMsMax: Math.max(0, ...whileReading.map((entry) => entry.checkMs)), loopTurnMsMax: Math.max(0, ...whileReading.map((entry) => entry.loopMs)) },
  misread: rows.filter((row) => row.accuracy < 0.95 || !row.speakersRight || !row.verdictEqual).map(({ name, accuracy, speakersRight, verdictEqual }) => ({ name, accuracy, speakersRight, verdictEqual })),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(summary));
} else {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  console.log(`OCR: ${summary.screenshots} generated screenshots (1080–1170 px wide), one worker thread`);
  console.log(`  character accuracy  ${percent(summary.accuracy)}`);
  for (const group of groups) console.log(`    ${group.group.padEnd(14)} ${percent(group.accuracy)} (${group.screenshots}), CPU ${group.cpuMs.toFixed(0)} ms per screenshot`);
  console.log(`  speakers right      ${summary.speakersRight}/${summary.screenshots}`);
  console.log(`  verdicts as typed   ${summary.verdictsEqual}/${summary.screenshots}`);
  console.log(`  CPU per screenshot  mean ${summary.cpuMsPerScreenshot.mean.toFixed(0)} ms, p90 ${summary.cpuMsPerScreenshot.p90.toFixed(0)} ms, max ${summary.cpuMsPerScreenshot.max.toFixed(0)} ms (goal ≤ 1500 ms on one core)`);
  console.log(`  wall per screenshot mean ${summary.wallMsPerScreenshot.mean.toFixed(0)} ms, p90 ${summary.wallMsPerScreenshot.p90.toFixed(0)} ms, max ${summary.wallMsPerScreenshot.max.toFixed(0)} ms`);
  console.log(`  model load + first  ${summary.warmUpMs.toFixed(0)} ms; peak RSS ${summary.peakRssMb.toFixed(0)} MB`);
  console.log(`  while one is read   a text check ${summary.whileReading.checkMsMax.toFixed(1)} ms, an event-loop turn ${summary.whileReading.loopTurnMsMax.toFixed(1)} ms (max of ${whileReading.length})`);
  if (process.argv.includes('--shots')) for (const row of rows) console.log(`    ${row.name.padEnd(40)} ${percent(row.accuracy)}  CPU ${row.cpuMs.toFixed(0)} ms`);
  for (const row of summary.misread) console.log(`  below target: ${row.name} ${percent(row.accuracy)}${row.speakersRight ? '' : ' speakers wrong'}${row.verdictEqual ? '' : ' verdict differs'}`);
}
