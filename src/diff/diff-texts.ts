import { structuredPatch } from "diff";
import { parsePatch } from "./parse-patch.js";
import type { DiffHunk } from "./types.js";

/** Hunks between two texts (3 lines of context, as git), for a diff GitHub left out as too large. */
export function diffTexts(oldText: string, newText: string): DiffHunk[] {
  const { hunks } = structuredPatch("a", "b", oldText, newText, "", "", { context: 3 });
  const patch = hunks
    .map((hunk) =>
      [`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines].join("\n"),
    )
    .join("\n");
  return patch === "" ? [] : parsePatch(patch);
}
