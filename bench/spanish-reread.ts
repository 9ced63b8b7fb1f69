/**
 * `node bench/spanish-reread.ts`: the evidence for which bubble lines of a Spanish screenshot are read a second time
 * (mayGainFromSpanishReread and questionsAhead in src/image/spanish-reread.ts). Every bubble line of every generated
 * Spanish screenshot (all layouts) is read again by Tesseract, gated or not, and merged: a line "gains" when the
 * merge changes it. Printed: how many lines gain, how many of those the gate lets through (a gain it stops is a
 * mark lost), how many it sends to Tesseract for nothing, and the scores the gate reads (the marked forms' best
 * score under a o u and e, and n's runner-up when it is another letter) under the letters the second reading
 * marked and under the others. `--holdout` reads the four chats written after the gate's thresholds
 * (bench/spanish-holdout-chats.ts) instead, in every layout. `--json` prints one JSON object.
 */
import sharp from 'sharp';
import { placeLines } from '../src/image/bubbles.ts';
import { decodeForOcr, lineCrop, paddleLines } from '../src/image/ocr-engine.ts';
import { mayGainFromSpanishReread, mergeSpanishReadings, questionsAhead, spanishRereader } from '../src/image/spanish-reread.ts';
import { screenshotSet } from '../test/screenshots/screenshot-set.ts';
import { SPANISH_HOLDOUT_CHATS } from './spanish-holdout-chats.ts';

const shots = process.argv.includes('--holdout') ? screenshotSet(undefined, SPANISH_HOLDOUT_CHATS) : screenshotSet().filter((shot) => shot.script.script === 'es');
const reader = await spanishRereader();

interface LineRow {
  shot: string;
  text: string;
  merged: string;
  gated: boolean;
}
const rows: LineRow[] = [];
/** Scores the gate reads, by letter, under the letters the second reading marked and under the others. */
const scores: Record<string, { marked: number[]; plain: number[] }> = {};
const plain = (character: string): string => character.normalize('NFD').replace(/\p{M}/gu, '');
for (const shot of shots) {
  const raster = await decodeForOcr(shot.render().png, 16_000_000);
  const source = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } });
  const read = await paddleLines(raster);
  const placed = new Set(placeLines(read, raster).map((entry) => entry.line));
  const lines = read.filter((line) => placed.has(line));
  const ahead = questionsAhead(lines.map((line) => line.text));
  for (const [index, line] of lines.entries()) {
    // The line crop ocr-engine.ts reads for Spanish (its own size).
    const crop = await lineCrop(source, raster, line, line.right, 1);
    if (!crop) continue;
    const merged = mergeSpanishReadings(line.text, await reader.read(crop));
    rows.push({ shot: shot.name, text: line.text, merged, gated: mayGainFromSpanishReread(line.recognized, ahead[index] ?? true) });
    // Where merged letters line up with PaddleOCR's (no ¿ ¡ added), which of them got a mark.
    const written = [...line.recognized.text];
    const lead = written.length - [...line.recognized.text.trimStart()].length;
    const after = [...merged];
    if (after.length !== [...line.text].length) continue;
    for (const [k, character] of written.entries()) {
      const isVowel = 'aeou'.includes(character);
      if (!isVowel && character !== 'n') continue;
      const score = isVowel ? (line.recognized.probeScores[k] ?? 0) : plain(line.recognized.runnerUps[k] ?? '').toLowerCase() === 'n' ? 0 : (line.recognized.runnerUpScores[k] ?? 0);
      const entry = (scores[character] ??= { marked: [], plain: [] });
      (after[k - lead] !== character ? entry.marked : entry.plain).push(score);
    }
  }
}

const gained = rows.filter((row) => row.merged !== row.text);
const range = (values: number[]): string => (values.length === 0 ? '–' : `${Math.min(...values).toExponential(1)}–${Math.max(...values).toExponential(1)}`);
const summary = {
  screenshots: shots.length,
  bubbleLines: rows.length,
  gated: rows.filter((row) => row.gated).length,
  gained: gained.length,
  gainedAndGated: gained.filter((row) => row.gated).length,
  missed: gained.filter((row) => !row.gated).map(({ shot, text, merged }) => ({ shot, text, merged })),
  gatedForNothing: rows.filter((row) => row.gated && row.merged === row.text).length,
  scores: Object.fromEntries(Object.entries(scores).map(([letter, entry]) => [letter, { marked: range(entry.marked), plain: range(entry.plain), counts: [entry.marked.length, entry.plain.length] }])),
};
if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
else {
  console.log(`Spanish re-read gate: ${summary.screenshots} screenshots, ${summary.bubbleLines} bubble lines`);
  console.log(`  lines a second reading changes  ${summary.gained} (${summary.gainedAndGated} let through by the gate)`);
  console.log(`  lines read again for nothing    ${summary.gatedForNothing} of ${summary.gated} read again`);
  for (const [letter, entry] of Object.entries(summary.scores)) console.log(`  ${letter}: gate's score under the ${entry.counts[0]} marked ${entry.marked}, under the ${entry.counts[1]} others ${entry.plain}`);
  for (const row of summary.missed) console.log(`  missed: ${row.shot} ${row.text} → ${row.merged}`);
}
process.exit(0);
