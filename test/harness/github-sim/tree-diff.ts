import { structuredPatch } from "diff";
import { blobSha, isBinary, type FileContent, type Tree } from "./git-objects.js";

export type FileStatus = "added" | "removed" | "modified" | "renamed";

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Lines with their " ", "+", "-" or "\" prefix, each byte kept as one latin1 char. */
  lines: string[];
}

export interface FileChange {
  filename: string;
  previousFilename: string | undefined;
  status: FileStatus;
  oldContent: FileContent | undefined;
  newContent: FileContent | undefined;
  binary: boolean;
  similarity: number;
  additions: number;
  deletions: number;
  hunks: Hunk[];
  /** The hunks as GitHub's `patch` field holds them, as raw bytes. */
  patch: Buffer | undefined;
}

const RENAME_THRESHOLD = 0.5;

/** What changed from `base` to `head`, with renames detected by similarity as git does. */
export function diffTrees(base: Tree, head: Tree): FileChange[] {
  const removed = [...base.keys()].filter((path) => !head.has(path));
  const added = [...head.keys()].filter((path) => !base.has(path));
  const renames = pairRenames(base, head, removed, added);
  const renamedFrom = new Set(renames.map(([from]) => from));
  const renamedTo = new Map(renames.map(([from, to, similarity]) => [to, { from, similarity }]));

  const changes: FileChange[] = [];
  for (const path of new Set([...base.keys(), ...head.keys()])) {
    if (renamedFrom.has(path)) continue;
    const oldContent = base.get(path);
    const newContent = head.get(path);
    const rename = renamedTo.get(path);
    if (rename) {
      changes.push(fileChange(path, rename.from, "renamed", base.get(rename.from), newContent, rename.similarity));
    } else if (oldContent === undefined) {
      changes.push(fileChange(path, undefined, "added", undefined, newContent, 0));
    } else if (newContent === undefined) {
      changes.push(fileChange(path, undefined, "removed", oldContent, undefined, 0));
    } else if (!oldContent.equals(newContent)) {
      changes.push(fileChange(path, undefined, "modified", oldContent, newContent, 0));
    }
  }
  return changes.sort((a, b) => a.filename.localeCompare(b.filename));
}

function fileChange(
  filename: string,
  previousFilename: string | undefined,
  status: FileStatus,
  oldContent: FileContent | undefined,
  newContent: FileContent | undefined,
  similarity: number,
): FileChange {
  const binary = [oldContent, newContent].some((content) => content !== undefined && isBinary(content));
  const hunks = binary ? [] : textHunks(oldContent, newContent);
  const lines = hunks.flatMap((hunk) => hunk.lines);
  return {
    filename,
    previousFilename,
    status,
    oldContent,
    newContent,
    binary,
    similarity,
    additions: lines.filter((line) => line.startsWith("+")).length,
    deletions: lines.filter((line) => line.startsWith("-")).length,
    hunks,
    patch: hunks.length > 0 ? Buffer.from(hunks.map(formatHunk).join("\n"), "latin1") : undefined,
  };
}

function textHunks(oldContent: FileContent | undefined, newContent: FileContent | undefined): Hunk[] {
  // latin1 maps each byte to one char, so non-UTF-8 files diff byte for byte.
  const before = oldContent?.toString("latin1") ?? "";
  const after = newContent?.toString("latin1") ?? "";
  return structuredPatch("a", "b", before, after, "", "", { context: 3 }).hunks.map((hunk) => ({
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
    lines: hunk.lines,
  }));
}

/** `@@ -a,b +c,d @@` as git writes it: a count of 1 is left out, an empty side starts at 0. */
export function formatHunk(hunk: Hunk): string {
  const range = (start: number, count: number) =>
    count === 1 ? `${start}` : `${count === 0 ? Math.max(0, start - 1) : start},${count}`;
  return [`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines].join(
    "\n",
  );
}

function pairRenames(base: Tree, head: Tree, removed: string[], added: string[]): [string, string, number][] {
  const candidates: [string, string, number][] = [];
  for (const from of removed) {
    for (const to of added) {
      const score = similarity(base.get(from), head.get(to));
      if (score >= RENAME_THRESHOLD) candidates.push([from, to, score]);
    }
  }
  candidates.sort((a, b) => b[2] - a[2]);
  const used = new Set<string>();
  return candidates.filter(([from, to]) => {
    if (used.has(from) || used.has(to)) return false;
    used.add(from).add(to);
    return true;
  });
}

function similarity(a: FileContent | undefined, b: FileContent | undefined): number {
  if (!a || !b) return 0;
  if (blobSha(a) === blobSha(b)) return 1;
  const lines = (content: FileContent) => content.toString("latin1").replace(/\n$/, "").split("\n");
  const left = lines(a);
  const right = lines(b);
  const counts = new Map<string, number>();
  for (const line of left) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of right) {
    const count = counts.get(line) ?? 0;
    if (count > 0) {
      common += 1;
      counts.set(line, count - 1);
    }
  }
  return (2 * common) / (left.length + right.length);
}
