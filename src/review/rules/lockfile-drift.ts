import { posix } from "node:path";
import type { DiffSide } from "../../diff/types.js";
import type { Finding, ReviewFile } from "../types.js";
import type { Rule } from "./types.js";
import { addedDependencyLines } from "./manifest-dependency-lines.js";
import { PACKAGE_ECOSYSTEMS, type PackageEcosystem } from "./package-ecosystems.js";

interface FilesOfEcosystem {
  manifests: ReviewFile[];
  locks: ReviewFile[];
}

interface EcosystemRole {
  ecosystem: PackageEcosystem;
  isLock: boolean;
}

const ROLE_OF_FILE_NAME: ReadonlyMap<string, EcosystemRole> = new Map(
  PACKAGE_ECOSYSTEMS.flatMap((ecosystem) =>
    [ecosystem.manifest, ...ecosystem.locks].map((name): [string, EcosystemRole] => [
      name,
      { ecosystem, isLock: name !== ecosystem.manifest },
    ]),
  ),
);

// Workspaces (npm, Yarn, pnpm, Cargo) keep one lock file at the root for the manifests in sub-folders. So a lock
// file is accounted for by a changed manifest in its folder or below, and a manifest by a changed lock file in
// its folder or above. A file of the other kind counts whatever its status, removed included.
export const lockfileDriftRule: Rule = {
  id: "deps",
  description: "Lock files changed without their manifest, and manifest dependencies changed without a lock file",
  acrossFiles: true,
  check(files) {
    const byEcosystem = new Map<PackageEcosystem, FilesOfEcosystem>();
    for (const file of files) {
      const role = ROLE_OF_FILE_NAME.get(posix.basename(file.path));
      if (role === undefined) continue;
      const group = byEcosystem.get(role.ecosystem) ?? { manifests: [], locks: [] };
      (role.isLock ? group.locks : group.manifests).push(file);
      byEcosystem.set(role.ecosystem, group);
    }
    return [...byEcosystem].flatMap(([ecosystem, group]) => driftIn(ecosystem, group));
  },
};

function driftIn(ecosystem: PackageEcosystem, { manifests, locks }: FilesOfEcosystem): Finding[] {
  const findings: Finding[] = [];
  const foldersWithManifestBelow = new Set(manifests.flatMap((manifest) => foldersUpFrom(manifest.path)));
  const lockFolders = new Set(locks.map((lock) => folderOf(lock.path)));
  for (const lock of locks) {
    const anchor = firstChangedLine(lock);
    if (anchor === null || foldersWithManifestBelow.has(folderOf(lock.path))) continue;
    const lockName = posix.basename(lock.path);
    findings.push({
      path: lock.path,
      ...anchor,
      startLine: null,
      severity: "warning",
      rule: "deps/lock-without-manifest",
      title: `\`${lockName}\` changed but \`${ecosystem.manifest}\` did not`,
      body:
        `No \`${ecosystem.manifest}\` in this folder or below changed, so nothing in this PR asked for this ` +
        "lock-file change: it is often a stray local install or a merge leftover. If it is a deliberate refresh " +
        "of pinned versions, say so in the PR; otherwise restore the file from the base branch.",
      suggestion: null,
    });
  }
  for (const manifest of manifests) {
    if (foldersUpFrom(manifest.path).some((folder) => lockFolders.has(folder))) continue;
    const firstDependency = addedDependencyLines(manifest)[0];
    if (firstDependency === undefined) continue;
    findings.push({
      path: manifest.path,
      line: firstDependency.line,
      side: "RIGHT",
      startLine: null,
      severity: "warning",
      rule: "deps/manifest-without-lock",
      title: `Dependencies changed in \`${ecosystem.manifest}\` but no lock file did`,
      body:
        `Update and commit the lock file (${ecosystem.locks.map((lock) => `\`${lock}\``).join(" or ")}) so CI ` +
        "and everyone else install the versions you tested with. Ignore this if the project commits no lock file.",
      suggestion: null,
    });
  }
  return findings;
}

/** The first line the PR changed: an added line, or for a file with only deletions, a deleted (LEFT) one. */
function firstChangedLine(file: ReviewFile): { line: number; side: DiffSide } | null {
  if (file.binary || file.status === "removed") return null;
  let firstDeleted: number | null = null;
  for (const hunk of file.hunks) {
    for (const { kind, newLine, oldLine } of hunk.lines) {
      if (kind === "add" && newLine !== null) return { line: newLine, side: "RIGHT" };
      if (kind === "del" && firstDeleted === null) firstDeleted = oldLine;
    }
  }
  return firstDeleted === null ? null : { line: firstDeleted, side: "LEFT" };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The file's folder and every folder above it, up to the repository root (""). */
function foldersUpFrom(path: string): string[] {
  const folders: string[] = [];
  let folder = path;
  do {
    folder = folderOf(folder);
    folders.push(folder);
  } while (folder !== "");
  return folders;
}
