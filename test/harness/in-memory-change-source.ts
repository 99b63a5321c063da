import type { ChangeInfo, ChangeSource, ListedFile } from "../../src/review/ports.js";

// A pull request held in memory, for tests of the pipeline that need no GitHub: the change a
// source would have read, as GitHub lists it.

export function changeInfo(overrides: Partial<ChangeInfo> = {}): ChangeInfo {
  return {
    pr: { owner: "o", repo: "r", number: 1 },
    title: "Change",
    body: "",
    author: "someone",
    headSha: "a".repeat(40),
    baseSha: "b".repeat(40),
    baseRef: "main",
    headRef: "change",
    draft: false,
    changedFiles: 1,
    ...overrides,
  };
}

/** A source of these listed files; or one whose load fails with `error`. */
export function inMemorySource(files: ListedFile[] | Error, info: ChangeInfo = changeInfo()): ChangeSource {
  return {
    load: async () => {
      if (files instanceof Error) throw files;
      return { info: { ...info, changedFiles: files.length }, diff: { kind: "patches", files } };
    },
    readRepoConfig: async () => undefined,
    readTexts: async () => new Map(),
  };
}

/** A file the PR adds with these lines. */
export function addedListedFile(path: string, lines: readonly string[]): ListedFile {
  return {
    path,
    previousPath: null,
    status: "added",
    additions: lines.length,
    deletions: 0,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((line) => `+${line}`).join("\n")}`,
  };
}
