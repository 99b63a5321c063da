import { DiffParseError } from "./diff-parse-error.js";
import { emptyFileHeader, fileFromHeader, readHeaderLine } from "./file-header.js";
import { pathsOfDiffGitLine } from "./git-paths.js";
import { isHunkHeader, readHunks, splitDiffLines } from "./parse-hunks.js";
import type { DiffFile } from "./types.js";

const DIFF_GIT = "diff --git ";

/**
 * The files of a unified diff: `git diff` output, GitHub's `application/vnd.github.v3.diff`, or
 * a plain `diff -u` without `diff --git` lines. Text around the files (a commit message, a mail
 * signature) is skipped; a hunk that does not match its header throws a DiffParseError.
 */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const lines = splitDiffLines(text);
  const files: DiffFile[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    rejectUnreadable(line, index + 1);
    const read = line.startsWith(DIFF_GIT)
      ? readGitFile(lines, index)
      : line.startsWith("--- ") && lines[index + 1]?.startsWith("+++ ")
        ? readPlainFile(lines, index)
        : undefined;
    if (read) files.push(read.file);
    index = read ? read.next : index + 1;
  }
  return files;
}

interface FileRead {
  file: DiffFile;
  /** The index of the first line after the file. */
  next: number;
}

/** Reads the file whose `diff --git` line is `lines[start]`. */
function readGitFile(lines: readonly string[], start: number): FileRead {
  const header = emptyFileHeader(pathsOfDiffGitLine((lines[start] ?? "").slice(DIFF_GIT.length)));
  let index = start + 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (line.startsWith(DIFF_GIT) || isHunkHeader(line)) break;
    readHeaderLine(header, line, index + 1);
  }
  const { hunks, next } = readHunks(lines, index);
  return { file: fileFromHeader(header, hunks, start + 1), next };
}

/** Reads the file whose `---` line is `lines[start]`, in a diff without `diff --git` lines. */
function readPlainFile(lines: readonly string[], start: number): FileRead {
  const header = emptyFileHeader(null);
  readHeaderLine(header, lines[start] ?? "", start + 1);
  readHeaderLine(header, lines[start + 1] ?? "", start + 2);
  const { hunks, next } = readHunks(lines, start + 2);
  return { file: fileFromHeader(header, hunks, start + 1), next };
}

/** Lines outside any file that mean the text is not a diff this parser can read. */
function rejectUnreadable(line: string, lineNumber: number): void {
  if (line.startsWith("diff --cc ") || line.startsWith("diff --combined ")) {
    throw new DiffParseError(lineNumber, "a combined diff (of a merge commit) cannot be read; diff against one parent");
  }
  if (line.startsWith("@@")) {
    throw new DiffParseError(lineNumber, "a hunk with no file header before it (a `patch` field needs parsePatch)");
  }
}
