/**
 * `node bench/traditional-reread.ts`: the evidence for which lines of a Traditional screenshot are read a second
 * time (mayGainFromReread and markPastEnd in src/image/traditional-reread.ts). Every Chinese line of every generated zh-Hant
 * screenshot (all layouts) is read again by Tesseract, gated or not, and merged: a line "gains" when the merge
 * changes it. Printed: how many lines gain, how many of those the gate lets through (a gain it stops is a
 * character lost), how many it sends to Tesseract for nothing, and the widest hole between written characters
 * (in character cells) of the lines that gained by a filled-in character and of those that did not.
 * `--json` prints one JSON object.
 */
import sharp from 'sharp';
import { decodeForOcr, lineCrop, paddleLines } from '../src/image/ocr-engine.ts';
import { lineEvidence, markPastEnd, mayGainFromReread, mergeReadings, paddleDictionary, traditionalRereader } from '../src/image/traditional-reread.ts';
import { screenshotSet } from '../test/screenshots/screenshot-set.ts';

const shots = screenshotSet().filter((shot) => shot.script.script === 'zh-Hant');
const reader = await traditionalRereader();
const canWrite = paddleDictionary();

interface LineRow {
  shot: string;
  text: string;
  merged: string;
  gated: boolean;
  /** The widest hole between consecutive written characters, and the blank ends, in cells. */
  widestGap: number;
  widestEnd: number;
}
const rows: LineRow[] = [];
for (const shot of shots) {
  const raster = await decodeForOcr(shot.render().png, 16_000_000);
  const source = sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } });
  for (const line of await paddleLines(raster)) {
    if (!/\p{Script=Han}/u.test(line.text)) continue;
    const { positions, steps, stepsPerCell } = line.recognized;
    let widestGap = 0;
    for (let index = 1; index < positions.length; index++) widestGap = Math.max(widestGap, ((positions[index] as number) - (positions[index - 1] as number)) / stepsPerCell);
    const widestEnd = Math.max(positions[0] ?? 0, steps - 1 - (positions.at(-1) ?? steps - 1)) / stepsPerCell;
    // The crop ocr-engine.ts reads (4 px margin, grey, 2×, contrast stretched), past a small mark after the box.
    const past = markPastEnd(raster, line);
    const crop = await lineCrop(source, raster, line, past ?? line.right, 2);
    if (!crop) continue;
    const merged = mergeReadings(line.text, await reader.read(crop), (character) => canWrite.has(character), lineEvidence(line.recognized));
    rows.push({ shot: shot.name, text: line.text, merged, gated: past !== undefined || mayGainFromReread(line.recognized), widestGap, widestEnd });
  }
}

const gained = rows.filter((row) => row.merged !== row.text);
/** A gain that adds a character (PaddleOCR dropped one) rather than replacing one. */
const filledIn = gained.filter((row) => [...row.merged].length > [...row.text].length);
const range = (values: number[]): string => (values.length === 0 ? '–' : `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`);
const summary = {
  screenshots: shots.length,
  scripts: new Set(shots.map((shot) => shot.script.id)).size,
  chineseLines: rows.length,
  gated: rows.filter((row) => row.gated).length,
  gained: gained.length,
  gainedAndGated: gained.filter((row) => row.gated).length,
  missed: gained.filter((row) => !row.gated).map(({ shot, text, merged }) => ({ shot, text, merged })),
  gatedForNothing: rows.filter((row) => row.gated && row.merged === row.text).length,
  widestGapFilledIn: range(filledIn.map((row) => row.widestGap)),
  widestGapUnchanged: range(rows.filter((row) => row.merged === row.text).map((row) => row.widestGap)),
  widestEndUnchanged: range(rows.filter((row) => row.merged === row.text).map((row) => row.widestEnd)),
};
await (reader as unknown as { terminate?: () => Promise<void> }).terminate?.();
if (process.argv.includes('--json')) console.log(JSON.stringify(summary));
else {
  console.log(`Traditional re-read gate: ${summary.screenshots} screenshots of ${summary.scripts} chats, ${summary.chineseLines} Chinese lines`);
  console.log(`  lines a second reading changes  ${summary.gained} (${summary.gainedAndGated} let through by the gate)`);
  console.log(`  lines read again for nothing    ${summary.gatedForNothing} of ${summary.gated} read again`);
  console.log(`  widest hole, lines filled in    ${summary.widestGapFilledIn} cells (gate: > 1.3)`);
  console.log(`  widest hole, lines unchanged    ${summary.widestGapUnchanged} cells; blank ends ${summary.widestEndUnchanged} (gate: > 0.8)`);
  for (const row of summary.missed) console.log(`  missed: ${row.shot} ${row.text} → ${row.merged}`);
}
process.exit(0);
