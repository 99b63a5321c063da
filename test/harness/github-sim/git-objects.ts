import { createHash } from "node:crypto";

/** A file's bytes in a commit. Text seeded as a string is stored as UTF-8. */
export type FileContent = Buffer;

export type Tree = ReadonlyMap<string, FileContent>;

export interface SimCommit {
  sha: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string; login: string };
  tree: Tree;
}

/** The object id git gives a blob (`git hash-object`), so shas look and behave like GitHub's. */
export function blobSha(content: FileContent): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

export function commitSha(tree: Tree, parents: readonly string[], message: string, date: string): string {
  const hash = createHash("sha1");
  for (const [path, content] of [...tree].sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`${path}\0${blobSha(content)}\n`);
  }
  return hash.update(`${parents.join(",")}\n${date}\n${message}`).digest("hex");
}

export function treeSha(tree: Tree): string {
  return commitSha(tree, [], "tree", "");
}

/** Git's rule: a NUL byte in the first 8,000 bytes makes a file binary. */
export function isBinary(content: FileContent): boolean {
  return content.subarray(0, 8000).includes(0);
}

export function toContent(value: string | Buffer): FileContent {
  return typeof value === "string" ? Buffer.from(value, "utf8") : value;
}
