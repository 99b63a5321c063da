import { blobSha } from "./git-objects.js";
import type { FileChange } from "./tree-diff.js";

/** The whole diff as `git diff` (and GitHub's diff media type) writes it, as raw bytes. */
export function renderUnifiedDiff(changes: readonly FileChange[]): Buffer {
  return Buffer.concat(changes.map(renderFile));
}

function renderFile(change: FileChange): Buffer {
  const oldPath = change.previousFilename ?? change.filename;
  const header = [`diff --git a/${oldPath} b/${change.filename}`];
  if (change.status === "added") header.push("new file mode 100644");
  if (change.status === "removed") header.push("deleted file mode 100644");
  if (change.status === "renamed") {
    header.push(
      `similarity index ${Math.floor(change.similarity * 100)}%`,
      `rename from ${oldPath}`,
      `rename to ${change.filename}`,
    );
  }
  const pureRename = change.status === "renamed" && change.hunks.length === 0 && !change.binary;
  if (!pureRename) {
    const mode = change.status === "modified" || change.status === "renamed" ? " 100644" : "";
    header.push(`index ${shortSha(change.oldContent)}..${shortSha(change.newContent)}${mode}`);
    const from = change.oldContent ? `a/${oldPath}` : "/dev/null";
    const to = change.newContent ? `b/${change.filename}` : "/dev/null";
    if (change.binary) header.push(`Binary files ${from} and ${to} differ`);
    else header.push(`--- ${from}`, `+++ ${to}`);
  }
  const parts: Buffer[] = [Buffer.from(`${header.join("\n")}\n`, "utf8")];
  if (change.patch) parts.push(change.patch, Buffer.from("\n"));
  return Buffer.concat(parts);
}

function shortSha(content: Buffer | undefined): string {
  return content ? blobSha(content).slice(0, 7) : "0000000";
}
