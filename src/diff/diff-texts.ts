import { structuredPatch } from "diff";
import { parsePatch } from "./parse-patch.js";
import type { DiffHunk } from "./types.js";

/**
 * Hunks between two texts (3 lines of context, as git), for a diff GitHub left out as too large;
 * undefined when the diff takes longer than `timeoutMs` (Myers' diff costs the product of the
 * texts' length and their difference, which two large unlike texts make huge).
 */
export function diffTexts(oldText: string, newText: string, timeoutMs: number): DiffHunk[] | undefined {
  const diff = structuredPatch("a", "b", oldText, newText, "", "", { context: 3, timeout: timeoutMs });
  if (!diff) return undefined;
  const patch = diff.hunks
    .map((hunk) =>
      [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join("\n"),
    )
    .join("\n");
  return patch === "" ? [] : parsePatch(patch);
}
