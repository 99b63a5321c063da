import { DiffParseError, excerpt } from "./diff-parse-error.js";
import { readHunks, splitDiffLines } from "./parse-hunks.js";
import type { DiffHunk } from "./types.js";

/**
 * The hunks of one file's `patch`, as GitHub's "list pull request files" API gives it: hunks
 * only, from the first `@@`, no file headers. GitHub leaves `patch` out for binary and huge
 * files; an empty patch has no hunks.
 */
export function parsePatch(patch: string): DiffHunk[] {
  const lines = splitDiffLines(patch);
  const { hunks, next } = readHunks(lines, 0);
  const rest = lines[next];
  if (rest !== undefined) {
    throw new DiffParseError(next + 1, `expected a hunk header (@@ -a,b +c,d @@), found ${excerpt(rest)}`);
  }
  return hunks;
}
