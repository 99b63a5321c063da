// The shape of a parsed diff, shared by the GitHub and local paths. Pure data.

export type DiffSide = "LEFT" | "RIGHT";

export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied";

export interface DiffLine {
  kind: "add" | "del" | "context";
  /** The line's text without its +/-/space prefix and without the line ending (\n or \r\n). */
  text: string;
  /** Line number in the old file (LEFT side): set for `del` and `context`. */
  oldLine: number | null;
  /** Line number in the new file (RIGHT side): set for `add` and `context`. */
  newLine: number | null;
  /** Followed by `\ No newline at end of file`. */
  noNewlineAtEnd: boolean;
  /** Set when `text` was clipped for the review (see clip-long-lines.ts): the line's full length. */
  clippedFrom?: number;
}

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the closing `@@` (git's function context), possibly empty. */
  section: string;
  lines: DiffLine[];
}

export interface DiffFile {
  /** null for an added file. */
  oldPath: string | null;
  /** null for a removed file. */
  newPath: string | null;
  /** newPath, or oldPath for a removed file. */
  path: string;
  status: FileStatus;
  binary: boolean;
  oldMode: string | null;
  newMode: string | null;
  /** git's similarity index for renames and copies, 0–100. */
  similarity: number | null;
  hunks: DiffHunk[];
  additions: number;
  deletions: number;
}
