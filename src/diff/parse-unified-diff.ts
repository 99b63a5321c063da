import { DiffParseError } from "./diff-parse-error.js";
import { emptyFileHeader, fileFromHeader, readHeaderLine } from "./file-header.js";
import { pathsOfDiffGitLine } from "./git-paths.js";
import { LineReader } from "./line-reader.js";
import { isHunkHeader, readHunks } from "./parse-hunks.js";
import type { DiffFile } from "./types.js";

const DIFF_GIT = "diff --git ";

/**
 * The files of a unified diff: `git diff` output, GitHub's `application/vnd.github.v3.diff`, or
 * a plain `diff -u` without `diff --git` lines. Text around the files (a commit message, a mail
 * signature) is skipped; a hunk that does not match its header throws a DiffParseError.
 */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const lines = new LineReader(text);
  const files: DiffFile[] = [];
  while (!lines.done) {
    rejectUnreadable(lines);
    if (lines.startsWith(DIFF_GIT)) files.push(readGitFile(lines));
    else if (lines.startsWith("--- ") && lines.nextStartsWith("+++ ")) files.push(readPlainFile(lines));
    else lines.advance();
  }
  return files;
}

/** Reads the file whose `diff --git` line is the current one, and moves past it. */
function readGitFile(lines: LineReader): DiffFile {
  const headerLine = lines.lineNumber;
  const header = emptyFileHeader(pathsOfDiffGitLine(lines.line().slice(DIFF_GIT.length)));
  lines.advance();
  while (!lines.done && !lines.startsWith(DIFF_GIT) && !isHunkHeader(lines)) {
    readHeaderLine(header, lines.line(), lines.lineNumber);
    lines.advance();
  }
  return fileFromHeader(header, readHunks(lines), headerLine);
}

/** Reads the file whose `---` line is the current one, in a diff without `diff --git` lines. */
function readPlainFile(lines: LineReader): DiffFile {
  const headerLine = lines.lineNumber;
  const header = emptyFileHeader(null);
  readHeaderLine(header, lines.line(), lines.lineNumber);
  lines.advance();
  readHeaderLine(header, lines.line(), lines.lineNumber);
  lines.advance();
  return fileFromHeader(header, readHunks(lines), headerLine);
}

/** Lines outside any file that mean the text is not a diff this parser can read. */
function rejectUnreadable(lines: LineReader): void {
  if (lines.startsWith("diff --cc ") || lines.startsWith("diff --combined ")) {
    const problem = "a combined diff (of a merge commit) cannot be read; diff against one parent";
    throw new DiffParseError(lines.lineNumber, problem);
  }
  if (lines.startsWith("@@")) {
    const problem = "a hunk with no file header before it (a `patch` field needs parsePatch)";
    throw new DiffParseError(lines.lineNumber, problem);
  }
}
