import type { DiffLine, FileStatus } from "../../../../src/diff/types.js";
import type { ReviewFile } from "../../../../src/review/types.js";

export interface ReviewFileOptions {
  status?: FileStatus;
  binary?: boolean;
  /** First line number of the hunk on both sides; 1 by default. */
  start?: number;
  headText?: string;
}

/**
 * A ReviewFile with one hunk, built from diff-style lines: "+added", "-deleted", " context".
 * Line numbers count from `start` on each side, as a unified diff's would.
 */
export function reviewFile(path: string, diffLines: readonly string[], options: ReviewFileOptions = {}): ReviewFile {
  const status = options.status ?? "modified";
  const start = options.start ?? 1;
  let oldLine = start;
  let newLine = start;
  const lines = diffLines.map((diffLine): DiffLine => {
    const text = diffLine.slice(1);
    const line = { text, noNewlineAtEnd: false };
    if (diffLine.startsWith("+")) return { ...line, kind: "add", oldLine: null, newLine: newLine++ };
    if (diffLine.startsWith("-")) return { ...line, kind: "del", oldLine: oldLine++, newLine: null };
    if (diffLine.startsWith(" ")) return { ...line, kind: "context", oldLine: oldLine++, newLine: newLine++ };
    throw new Error(`diff line must start with "+", "-" or " ": ${JSON.stringify(diffLine)}`);
  });
  const additions = lines.filter(({ kind }) => kind === "add").length;
  const deletions = lines.filter(({ kind }) => kind === "del").length;
  return {
    oldPath: status === "added" ? null : path,
    newPath: status === "removed" ? null : path,
    path,
    status,
    binary: options.binary ?? false,
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: [
      {
        oldStart: status === "added" ? 0 : start,
        oldLines: lines.length - additions,
        newStart: status === "removed" ? 0 : start,
        newLines: lines.length - deletions,
        section: "",
        lines,
      },
    ],
    additions,
    deletions,
    headText: options.headText,
  };
}

/** A ReviewFile whose one hunk adds `added`, from line `start` (1 by default). */
export function addedFile(path: string, added: readonly string[], options: ReviewFileOptions = {}): ReviewFile {
  return reviewFile(
    path,
    added.map((text) => `+${text}`),
    options,
  );
}
