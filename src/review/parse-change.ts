import { parsePatch } from "../diff/parse-patch.js";
import { parseUnifiedDiff } from "../diff/parse-unified-diff.js";
import type { ChangedFile, ChangeOutline, ChangeSet, ListedFile, RawChange } from "./ports.js";

/** The change's diff, parsed: a patch per listed file (GitHub), or one unified diff (git). */
export function parseChange(raw: RawChange): ChangeSet {
  if (raw.diff.kind === "unified") {
    const files = parseUnifiedDiff(raw.diff.text).map((file) => ({ ...file, patchMissing: false }));
    return { info: { ...raw.info, changedFiles: files.length }, files };
  }
  return { info: raw.info, files: raw.diff.files.map(changedFileOf) };
}

export function outlineOf(change: ChangeSet): ChangeOutline {
  return { info: change.info, paths: change.files.map((file) => file.path) };
}

function changedFileOf(file: ListedFile): ChangedFile {
  const changes = file.additions + file.deletions;
  return {
    oldPath: file.status === "added" ? null : (file.previousPath ?? file.path),
    newPath: file.status === "removed" ? null : file.path,
    path: file.path,
    status: file.status,
    // GitHub leaves `patch` out for binary files (no line changes) and for very large diffs.
    binary: !file.patch && changes === 0 && file.status !== "renamed",
    oldMode: null,
    newMode: null,
    similarity: null,
    hunks: file.patch ? parsePatch(file.patch) : [],
    additions: file.additions,
    deletions: file.deletions,
    patchMissing: !file.patch && changes > 0,
  };
}
