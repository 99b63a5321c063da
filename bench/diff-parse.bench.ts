// Throughput of parseUnifiedDiff against the parse-diff package on one large diff.
// Run: node --import ./bench/resolve-ts-imports.ts bench/diff-parse.bench.ts
import { performance } from "node:perf_hooks";
import parseDiff from "parse-diff";
import { parseUnifiedDiff } from "../src/diff/parse-unified-diff.js";
import { largeDiff } from "./large-diff.js";
import { runHeader } from "./run-header.js";

const FILE_COUNT = 5_000;
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

const diff = largeDiff(FILE_COUNT);
const megabytes = Buffer.byteLength(diff.text) / 1_000_000;
const lineCount = diff.text.split("\n").length - 1;

for (const line of runHeader()) console.log(line);
console.log(
  `input:   ${count(diff.files)} files, ${count(lineCount)} lines, ${megabytes.toFixed(1)} MB (same on every run)`,
);
console.log(`timing:  median of ${TIMED_RUNS} runs after ${WARM_UP_RUNS} warm-up runs\n`);

const totals: string[] = [];
for (const [name, parse] of parsers) {
  const durations: number[] = [];
  let result: readonly Totals[] = [];
  for (let run = 0; run < WARM_UP_RUNS + TIMED_RUNS; run += 1) {
    const start = performance.now();
    result = parse(diff.text);
    if (run >= WARM_UP_RUNS) durations.push(performance.now() - start);
  }
  const seconds = median(durations) / 1000;
  const perSecond = `${(megabytes / seconds).toFixed(1)} MB/s, ${count(diff.files / seconds)} files/s`;
  console.log(`${name.padEnd(24)} ${(seconds * 1000).toFixed(1).padStart(7)} ms   ${perSecond}`);
  const sum = (key: keyof Totals) => result.reduce((total, file) => total + file[key], 0);
  totals.push(`${count(sum("files"))} files, +${count(sum("additions"))} -${count(sum("deletions"))}`);
}

const agree = totals.every((each) => each === totals[0]);
console.log(`\ntotals:  ${parsers.map(([name], index) => `${name}: ${totals[index]}`).join("; ")}`);
console.log(`         ${agree ? "the parsers agree" : "THE PARSERS DISAGREE"}`);
if (!agree) process.exitCode = 1;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
