import { DiffParseError } from "./diff-parse-error.js";
import { parsePathField, withoutPrefix } from "./git-paths.js";
import type { DiffFile, DiffHunk, FileStatus } from "./types.js";

/** What the lines before a file's hunks say about it. Paths are undefined until a line names them. */
export interface FileHeader {
  /** From `diff --git`, already without prefixes. */
  diffGitPaths: [string, string] | null;
  /** From `---` and `+++`, as written (with prefixes); null for /dev/null. */
  minusPath: string | null | undefined;
  plusPath: string | null | undefined;
  /** From `rename from`/`to` or `copy from`/`to`. */
  sourcePath: string | null | undefined;
  targetPath: string | null | undefined;
  status: FileStatus | undefined;
  oldMode: string | null;
  newMode: string | null;
  similarity: number | null;
  binary: boolean;
}

export function emptyFileHeader(diffGitPaths: [string, string] | null): FileHeader {
  return {
    diffGitPaths,
    minusPath: undefined,
    plusPath: undefined,
    sourcePath: undefined,
    targetPath: undefined,
    status: undefined,
    oldMode: null,
    newMode: null,
    similarity: null,
    binary: false,
  };
}

// git's extended header lines (git-diff(1), "Generating patch text with -p"), then ---/+++.
const HEADER_LINE =
  /^(---|\+\+\+|old mode|new mode|new file mode|deleted file mode|similarity index|rename from|rename to|copy from|copy to|index \w+\.\.\w+) (.*)$/;

/** Takes in one line before a file's first hunk; a line it does not know changes nothing. */
export function readHeaderLine(header: FileHeader, line: string, lineNumber: number): void {
  if (line.startsWith("Binary files ") || line === "GIT binary patch") header.binary = true;
  const [, keyword, value = ""] = HEADER_LINE.exec(line) ?? [];
  switch (keyword) {
    case "---":
      header.minusPath = parsePathField(value, lineNumber);
      break;
    case "+++":
      header.plusPath = parsePathField(value, lineNumber);
      break;
    case "old mode":
      header.oldMode = value;
      break;
    case "new mode":
      header.newMode = value;
      break;
    case "new file mode":
      header.status = "added";
      header.newMode = value;
      break;
    case "deleted file mode":
      header.status = "removed";
      header.oldMode = value;
      break;
    case "similarity index":
      header.similarity = /^\d+%$/.test(value) ? Number.parseInt(value, 10) : null;
      break;
    case "rename from":
    case "copy from":
      header.status = keyword === "rename from" ? "renamed" : "copied";
      header.sourcePath = parsePathField(value, lineNumber);
      break;
    case "rename to":
    case "copy to":
      header.targetPath = parsePathField(value, lineNumber);
      break;
    case undefined:
      break;
    default: // "index <old>..<new> <mode>": the mode of both sides, when no other line names one
      header.oldMode ??= value;
      header.newMode ??= value;
  }
}

/** The file a header and its hunks describe; `lineNumber` is where its header starts. */
export function fileFromHeader(header: FileHeader, hunks: DiffHunk[], lineNumber: number): DiffFile {
  const status = header.status ?? statusFromDevNull(header);
  const oldPath = header.sourcePath ?? header.diffGitPaths?.[0] ?? withoutPrefix(header.minusPath ?? null, "a/");
  const newPath = header.targetPath ?? header.diffGitPaths?.[1] ?? withoutPrefix(header.plusPath ?? null, "b/");
  const path = status === "removed" ? oldPath : newPath;
  if (path === null) throw new DiffParseError(lineNumber, "the file's header names no path");
  let additions = 0;
  let deletions = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === "add") additions += 1;
      if (line.kind === "del") deletions += 1;
    }
  }
  return {
    oldPath: status === "added" ? null : oldPath,
    newPath: status === "removed" ? null : newPath,
    path,
    status,
    binary: header.binary,
    oldMode: header.oldMode,
    newMode: header.newMode,
    similarity: header.similarity,
    hunks,
    additions,
    deletions,
  };
}

function statusFromDevNull(header: FileHeader): FileStatus {
  if (header.minusPath === null) return "added";
  if (header.plusPath === null) return "removed";
  return "modified";
}
