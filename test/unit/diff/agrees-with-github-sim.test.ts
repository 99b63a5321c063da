import { describe, expect, it } from "vitest";
import { lineMapForFile } from "../../../src/diff/line-map.js";
import { parsePatch } from "../../../src/diff/parse-patch.js";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";
import type { DiffSide } from "../../../src/diff/types.js";
import { DiffLineIndex } from "../../harness/github-sim/diff-lines.js";
import { toContent, type Tree } from "../../harness/github-sim/git-objects.js";
import { diffTrees } from "../../harness/github-sim/tree-diff.js";
import { renderUnifiedDiff } from "../../harness/github-sim/unified-diff.js";

// The GitHub simulator answers 422, as GitHub does, to a review comment on a line its diff does
// not show. The line map must accept exactly the lines it accepts.

const numbered = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => `${label} ${index + 1}`).join("\n") + "\n";

const tree = (files: Record<string, string | Buffer>): Tree =>
  new Map(Object.entries(files).map(([path, content]) => [path, toContent(content)]));

const base = tree({
  "src/long.ts": numbered(60, "line"),
  "src/gone.ts": numbered(4, "gone"),
  "src/old-name.ts": numbered(10, "kept"),
  "windows.txt": "one\r\ntwo\r\nthree\r\n",
  "last-line.txt": "first\nno newline",
  "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1]),
});
const head = tree({
  "src/long.ts": numbered(60, "line").replace("line 5\n", "line five\nline 5.5\n").replace("line 50\n", ""),
  "src/added.ts": numbered(3, "new"),
  "src/new-name.ts": numbered(10, "kept").replace("kept 9", "kept nine"),
  "windows.txt": "one\r\nTWO\r\nthree\r\n",
  "last-line.txt": "first\nno newline, changed",
  "image.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 2]),
});

describe("parseUnifiedDiff and lineMapForFile against the GitHub simulator", () => {
  const changes = diffTrees(base, head);
  const files = parseUnifiedDiff(renderUnifiedDiff(changes).toString("utf8"));

  it("reads the same files, counts and hunks from the diff and from each file's patch", () => {
    expect(files.map(({ path, status, additions, deletions }) => ({ path, status, additions, deletions }))).toEqual(
      changes.map(({ filename, status, additions, deletions }) => ({ path: filename, status, additions, deletions })),
    );
    for (const [index, change] of changes.entries()) {
      const patchHunks = change.patch ? parsePatch(change.patch.toString("utf8")) : [];
      expect(patchHunks, change.filename).toEqual(files[index]?.hunks);
    }
  });

  it("accepts a comment on exactly the lines the simulator accepts, on both sides", () => {
    for (const [index, change] of changes.entries()) {
      const simulator = new DiffLineIndex(change.hunks);
      const map = lineMapForFile(files[index] ?? { hunks: [] });
      for (const side of ["LEFT", "RIGHT"] satisfies DiffSide[]) {
        const accepted = Array.from({ length: 70 }, (_, line) => line).filter((line) => simulator.find(side, line));
        expect(map.lines(side), `${change.filename} ${side}`).toEqual(accepted);
      }
    }
  });
});
