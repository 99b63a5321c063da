import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { ChangeSource, FileText, RawChange, TextRequest } from "../review/ports.js";
import { textKey } from "../review/ports.js";
import { decodeText, git, runGit, type GitResult } from "./run-git.js";

/** What `nectr review --local` compares: the working tree with a base branch, or the index with HEAD. */
export type LocalChange = { staged: false; base: string | undefined } | { staged: true };

// The tree of an empty repository: what staged changes are compared with before the first commit.
const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const DIFF_FLAGS = ["--no-color", "--no-ext-diff", "--find-renames", "--src-prefix=a/", "--dst-prefix=b/"];

/**
 * A git checkout's changes to tracked files, as `git diff` shows them, with no GitHub and no token:
 * the working tree (committed and uncommitted changes) against the merge base with the base branch
 * (default: the upstream branch, else main, else master), or with `staged`, the index against HEAD
 * — what the next commit would add, as a pre-commit hook sees it.
 */
export function localChangeSource(cwd: string, change: LocalChange): ChangeSource {
  let context: { top: string; baseTree: string; staged: boolean } | undefined;
  let loaded: Promise<RawChange> | undefined;
  const load = async (): Promise<RawChange> => {
    const inside = await runGit(cwd, ["rev-parse", "--show-toplevel"]);
    if (inside.code !== 0)
      throw new UsageError("this folder is not inside a git checkout", {
        hint: "cd into your repository and run nectr review --local again",
      });
    const top = inside.stdout.toString("utf8").trim();
    // Each git call costs a process start: those that need nothing from each other run side by side.
    const head = runGit(top, ["log", "-1", "--format=%H%x00%s"]).then(({ code, stdout }) =>
      code === 0 ? stdout.toString("utf8").trim().split("\0") : [],
    );
    // symbolic-ref, unlike rev-parse, names the branch before its first commit too; detached, "HEAD".
    const headRef = runGit(top, ["symbolic-ref", "--short", "-q", "HEAD"]).then(({ code, stdout }) =>
      code === 0 ? stdout.toString("utf8").trim() : "HEAD",
    );
    const author = runGit(top, ["config", "user.name"]).then(({ stdout }) => stdout.toString("utf8").trim() || "you");
    for (const pending of [head, headRef]) settled(pending);
    const compared = change.staged ? await stagedAgainstHead(top, head) : await treeAgainstBase(top, change.base);
    context = { top, baseTree: compared.baseTree, staged: change.staged };
    const { code, stdout, stderr } = await compared.diff;
    if (code !== 0) throw new UsageError(`git diff failed: ${stderr.trim()}`);
    const [headSha = "", title = ""] = await head;
    return {
      info: {
        pr: undefined,
        title: change.staged ? "staged changes" : title,
        body: "",
        author: await author,
        headSha,
        baseSha: compared.baseSha,
        baseRef: compared.baseRef,
        headRef: await headRef,
        draft: false,
        // Known once the diff is parsed (parse-change.ts), off the caller's thread.
        changedFiles: 0,
      },
      diff: { kind: "unified", text: decodeText(stdout) },
    };
  };
  return {
    /** Read once: the caller may start it early, before the review thread asks. */
    load: () => (loaded ??= load()),

    async readRepoConfig(): Promise<string | undefined> {
      if (!context) throw new Error("readRepoConfig before load");
      const shown = await runGit(context.top, ["show", `${context.baseTree}:.nectr.yml`]);
      return shown.code === 0 ? decodeText(shown.stdout) : undefined;
    },

    async readTexts(requests: readonly TextRequest[]): Promise<Map<string, FileText>> {
      if (!context) throw new Error("readTexts before load");
      const { top, baseTree, staged } = context;
      const texts = new Map<string, FileText>();
      for (const request of requests) {
        const bytes =
          request.at === "base"
            ? (await runGit(top, ["show", `${baseTree}:${request.path}`])).stdout
            : staged
              ? (await runGit(top, ["show", `:${request.path}`])).stdout
              : await readFile(path.join(top, request.path)).catch(() => undefined);
        texts.set(textKey(request), bytes && !bytes.includes(0) ? { text: decodeText(bytes), truncated: false } : null);
      }
      return texts;
    },
  };
}

/** Marks a call another error may pre-empt as handled (no unhandled rejection); it is awaited later. */
function settled(pending: Promise<unknown>): void {
  pending.catch(() => undefined);
}

interface Compared {
  diff: Promise<GitResult>;
  baseRef: string;
  baseSha: string;
  /** What base-side texts are read from: a commit, or the empty tree. */
  baseTree: string;
}

async function treeAgainstBase(top: string, base: string | undefined): Promise<Compared> {
  const baseRef = base ?? (await defaultBase(top));
  const diff = runGit(top, ["diff", ...DIFF_FLAGS, "--merge-base", baseRef]);
  const mergeBase = await git(top, ["merge-base", baseRef, "HEAD"]).catch(() => {
    throw new UsageError(`no common history between ${baseRef} and HEAD`, {
      hint: "pass the branch to compare with: --base REF",
    });
  });
  return { diff, baseRef, baseSha: mergeBase, baseTree: mergeBase };
}

/** Without a commit, `git diff --cached` compares with HEAD, or with nothing before the first commit. */
async function stagedAgainstHead(top: string, head: Promise<string[]>): Promise<Compared> {
  const diff = runGit(top, ["diff", "--cached", ...DIFF_FLAGS]);
  const [headSha] = await head;
  return { diff, baseRef: "HEAD", baseSha: headSha ?? "", baseTree: headSha ?? EMPTY_TREE };
}

async function defaultBase(top: string): Promise<string> {
  const upstream = await runGit(top, ["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"]);
  if (upstream.code === 0) return upstream.stdout.toString("utf8").trim();
  for (const candidate of ["main", "master"]) {
    if ((await runGit(top, ["rev-parse", "--verify", "--quiet", candidate])).code === 0) return candidate;
  }
  throw new UsageError("found no branch to compare with (no upstream, no main, no master)", {
    hint: "pass one: nectr review --local --base REF",
  });
}
