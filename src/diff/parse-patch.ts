import { DiffParseError, excerpt } from "./diff-parse-error.js";
import { LineReader } from "./line-reader.js";
import { readHunks } from "./parse-hunks.js";
import type { DiffHunk } from "./types.js";

/**
 * The hunks of one file's `patch`, as GitHub's "list pull request files" API gives it: hunks
 * only, from the first `@@`, no file headers. GitHub leaves `patch` out for binary and huge
 * files; an empty patch has no hunks.
 */
export function parsePatch(patch: string): DiffHunk[] {
  const lines = new LineReader(patch);
  const hunks = readHunks(lines);
  if (!lines.done) {
    const found = excerpt(lines.line());
    throw new DiffParseError(lines.lineNumber, `expected a hunk header (@@ -a,b +c,d @@), found ${found}`);
  }
  return hunks;
}
