// Throughput of parseUnifiedDiff against the parse-diff package, on a diff of many files and on
// a diff of one very large file.
// Run: node --import ./bench/resolve-ts-imports.ts bench/diff-parse.bench.ts
import { performance } from "node:perf_hooks";
import parseDiff from "parse-diff";
import { parseUnifiedDiff } from "../src/diff/parse-unified-diff.js";
import { largeDiff, largeFileDiff, type LargeDiff } from "./large-diff.js";
import { runHeader } from "./run-header.js";

const FILE_COUNT = 5_000;
const SINGLE_FILE_LINES = 100_000;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 15;

interface Totals {
  files: number;
  additions: number;
  deletions: number;
}

const parsers: ReadonlyArray<[string, (text: string) => readonly Totals[]]> = [
  [
    "nectr parseUnifiedDiff",
    (text) => parseUnifiedDiff(text).map(({ additions, deletions }) => ({ files: 1, additions, deletions })),
  ],
  [
    "parse-diff 0.12",
    (text) => parseDiff(text).map(({ additions, deletions }) => ({ files: 1, additions, deletions })),
  ],
];

for (const line of runHeader()) console.log(line);
console.log(`timing:  median of ${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs`);

const agreements = [largeDiff(FILE_COUNT), largeFileDiff(SINGLE_FILE_LINES)].map(compareParsers);
if (agreements.includes(false)) process.exitCode = 1;

/** Times each parser on one diff and prints the figures; true when they count the same totals. */
function compareParsers(diff: LargeDiff): boolean {
  const megabytes = Buffer.byteLength(diff.text) / 1_000_000;
  const lineCount = diff.text.split("\n").length - 1;
  console.log(
    `\ninput:   ${fileCount(diff.files)}, ${count(lineCount)} lines, ${megabytes.toFixed(1)} MB (same on every run)\n`,
  );
  const milliseconds: number[] = [];
  const totals: string[] = [];
  for (const [name, parse] of parsers) {
    const { seconds, result } = timeParse(parse, diff.text);
    const perSecond = `${(megabytes / seconds).toFixed(1)} MB/s, ${count(lineCount / seconds)} lines/s`;
    console.log(`${name.padEnd(24)} ${(seconds * 1000).toFixed(1).padStart(7)} ms   ${perSecond}`);
    milliseconds.push(seconds * 1000);
    const sum = (key: keyof Totals) => result.reduce((total, file) => total + file[key], 0);
    totals.push(`${fileCount(sum("files"))}, +${count(sum("additions"))} -${count(sum("deletions"))}`);
  }
  const [nectr, other] = parsers.map(([name]) => name);
  const [nectrMs = Number.NaN, otherMs = Number.NaN] = milliseconds;
  console.log(`ratio:   ${nectr} is ${(otherMs / nectrMs).toFixed(2)}× as fast as ${other}`);

  const agree = totals.every((each) => each === totals[0]);
  console.log(`totals:  ${parsers.map(([name], index) => `${name}: ${totals[index]}`).join("; ")}`);
  console.log(`         ${agree ? "the parsers agree" : "THE PARSERS DISAGREE"}`);
  return agree;
}

/** The median time of one parse of `text`, after warm-up runs, and what the last parse read. */
function timeParse(
  parse: (text: string) => readonly Totals[],
  text: string,
): { seconds: number; result: readonly Totals[] } {
  const durations: number[] = [];
  let result: readonly Totals[] = [];
  for (let run = 0; run < WARM_UP_RUNS + TIMED_RUNS; run += 1) {
    const start = performance.now();
    result = parse(text);
    if (run >= WARM_UP_RUNS) durations.push(performance.now() - start);
  }
  return { seconds: median(durations) / 1000, result };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function fileCount(files: number): string {
  return `${count(files)} ${files === 1 ? "file" : "files"}`;
}
