import { formatHunk, type Hunk } from "./tree-diff.js";

export type Side = "LEFT" | "RIGHT";

interface DiffLine {
  side: Side;
  line: number;
  hunk: number;
  position: number;
}

/**
 * Which lines of a file's patch GitHub lets a review comment on: RIGHT lines are added or
 * context lines of the new file, LEFT lines are removed or context lines of the old one.
 * Positions count lines below the first `@@` header, later headers included (GitHub docs,
 * "Create a review comment for a pull request").
 */
export class DiffLineIndex {
  private readonly lines: DiffLine[] = [];
  private readonly hunkText: string[][] = [];

  constructor(hunks: readonly Hunk[]) {
    let position = 0;
    hunks.forEach((hunk, index) => {
      if (index > 0) position += 1;
      const text = [formatHunk({ ...hunk, lines: [] })];
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      for (const raw of hunk.lines) {
        position += 1;
        text.push(raw);
        this.hunkText[position] = [...text];
        const kind = raw[0];
        if (kind === " " || kind === "-") this.lines.push({ side: "LEFT", line: oldLine, hunk: index, position });
        if (kind === " " || kind === "+") this.lines.push({ side: "RIGHT", line: newLine, hunk: index, position });
        if (kind === " " || kind === "-") oldLine += 1;
        if (kind === " " || kind === "+") newLine += 1;
      }
    });
  }

  find(side: Side, line: number): DiffLine | undefined {
    return this.lines.find((entry) => entry.side === side && entry.line === line);
  }

  atPosition(position: number): DiffLine | undefined {
    return (
      this.lines.find((entry) => entry.position === position && entry.side === "RIGHT") ??
      this.lines.find((entry) => entry.position === position)
    );
  }

  /** The `diff_hunk` GitHub shows with a comment: the hunk header down to the commented line. */
  diffHunkAt(position: number): string {
    return (this.hunkText[position] ?? []).join("\n");
  }
}
