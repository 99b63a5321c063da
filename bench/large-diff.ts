// Large diffs shaped like real ones (git's format), made the same on every run from a fixed seed:
// many files of every kind (modified, added, removed, renamed, binary, mode-only), or one file
// changed throughout.

export interface LargeDiff {
  text: string;
  files: number;
}

type FileWriter = (path: string, out: string[], random: () => number) => void;

// Shares of files by kind, out of 100.
const KINDS: ReadonlyArray<[number, FileWriter]> = [
  [62, modified],
  [14, added],
  [8, removed],
  [8, renamedWithChanges],
  [4, pureRename],
  [3, binary],
  [1, modeChange],
];

export function largeDiff(fileCount: number, seed = 20_241_127): LargeDiff {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let index = 0; index < fileCount; index += 1) {
    const path = `packages/pkg-${index % 40}/src/module-${index}.ts`;
    writerFor(random() * 100)(path, out, random);
  }
  return { text: `${out.join("\n")}\n`, files: fileCount };
}

/** One modified file whose hunks follow each other until the diff has at least `lineCount` lines. */
export function largeFileDiff(lineCount: number, seed = 20_241_127): LargeDiff {
  const random = mulberry32(seed);
  const path = "packages/pkg-0/src/module-0.ts";
  const out = [`diff --git a/${path} b/${path}`, "index 3f2a1bc..9d8e7f6 100644", `--- a/${path}`, `+++ b/${path}`];
  writeHunks(out, random, () => out.length < lineCount);
  return { text: `${out.join("\n")}\n`, files: 1 };
}

function writerFor(roll: number): FileWriter {
  let total = 0;
  for (const [share, writer] of KINDS) {
    total += share;
    if (roll < total) return writer;
  }
  return modified;
}

function modified(path: string, out: string[], random: () => number): void {
  out.push(`diff --git a/${path} b/${path}`, "index 3f2a1bc..9d8e7f6 100644", `--- a/${path}`, `+++ b/${path}`);
  const hunkCount = 1 + Math.floor(random() * 4);
  writeHunks(out, random, (written) => written < hunkCount);
}

function added(path: string, out: string[], random: () => number): void {
  const count = 20 + Math.floor(random() * 60);
  out.push(`diff --git a/${path} b/${path}`, "new file mode 100644", "index 0000000..9d8e7f6");
  out.push("--- /dev/null", `+++ b/${path}`, `@@ -0,0 +1,${count} @@`);
  for (let line = 1; line <= count; line += 1) out.push(`+${codeLine(line, random)}`);
}

function removed(path: string, out: string[], random: () => number): void {
  const count = 10 + Math.floor(random() * 60);
  out.push(`diff --git a/${path} b/${path}`, "deleted file mode 100644", "index 3f2a1bc..0000000");
  out.push(`--- a/${path}`, "+++ /dev/null", `@@ -1,${count} +0,0 @@`);
  for (let line = 1; line <= count; line += 1) out.push(`-${codeLine(line, random)}`);
}

function renamedWithChanges(path: string, out: string[], random: () => number): void {
  const to = path.replace("/src/", "/lib/");
  out.push(`diff --git a/${path} b/${to}`, "similarity index 87%", `rename from ${path}`, `rename to ${to}`);
  out.push("index 3f2a1bc..9d8e7f6 100644", `--- a/${path}`, `+++ b/${to}`);
  writeHunks(out, random, (written) => written < 1);
}

function pureRename(path: string, out: string[]): void {
  const to = path.replace("module-", "renamed module-");
  out.push(`diff --git a/${path} b/${to}`, "similarity index 100%", `rename from ${path}`, `rename to ${to}`);
}

function binary(path: string, out: string[]): void {
  const image = path.replace(/\.ts$/, ".png");
  out.push(`diff --git a/${image} b/${image}`, "index 3f2a1bc..9d8e7f6 100644");
  out.push(`Binary files a/${image} and b/${image} differ`);
}

function modeChange(path: string, out: string[]): void {
  out.push(`diff --git a/${path} b/${path}`, "old mode 100644", "new mode 100755");
}

/**
 * Hunks of 3 context lines, a run of deletions and additions, 3 context lines, as git writes;
 * one more while `more(hunks written so far)`.
 */
function writeHunks(out: string[], random: () => number, more: (written: number) => boolean): void {
  let oldStart = 1 + Math.floor(random() * 20);
  let shift = 0;
  for (let hunk = 0; more(hunk); hunk += 1) {
    const deletions = Math.floor(random() * 10);
    const additions = Math.floor(random() * 12) + (deletions === 0 ? 1 : 0);
    const oldLines = 6 + deletions;
    const newLines = 6 + additions;
    out.push(`@@ -${oldStart},${oldLines} +${oldStart + shift},${newLines} @@ export function step${hunk}() {`);
    for (let line = 0; line < 3; line += 1) out.push(` ${codeLine(oldStart + line, random)}`);
    for (let line = 0; line < deletions; line += 1) out.push(`-${codeLine(oldStart + 3 + line, random)}`);
    for (let line = 0; line < additions; line += 1) out.push(`+${codeLine(oldStart + 3 + line, random)}`);
    for (let line = 0; line < 3; line += 1) out.push(` ${codeLine(oldStart + 3 + deletions + line, random)}`);
    shift += additions - deletions;
    oldStart += oldLines + 10 + Math.floor(random() * 80);
  }
}

const WORDS = ["request", "review", "comment", "payload", "settings", "hunk", "token", "cursor", "retry", "limit"];

function codeLine(line: number, random: () => number): string {
  const word = WORDS[Math.floor(random() * WORDS.length)] ?? "value";
  const indent = "  ".repeat(1 + Math.floor(random() * 3));
  return `${indent}const ${word}${line} = await load${word}(context, ${line}, "${word}-${line}");`;
}

/** A small seeded PRNG, so the diff is the same on every run and machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
