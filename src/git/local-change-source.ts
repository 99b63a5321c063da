import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { ChangeSource, FileText, RawChange, TextRequest } from "../review/ports.js";
import { textKey } from "../review/ports.js";
import { decodeText, git, runGit } from "./run-git.js";

/**
 * The working tree of a git checkout against the merge base with `base` (default: the upstream
 * branch, else main, else master): committed and uncommitted changes to tracked files, as
 * `git diff` shows them. No GitHub and no token.
 */
export function localChangeSource(cwd: string, base: string | undefined): ChangeSource {
  let context: { top: string; mergeBase: string } | undefined;
  let loaded: Promise<RawChange> | undefined;
  const load = async (): Promise<RawChange> => {
    const inside = await runGit(cwd, ["rev-parse", "--show-toplevel"]);
    if (inside.code !== 0)
      throw new UsageError("this folder is not inside a git checkout", {
        hint: "cd into your repository and run nectr review --local again",
      });
    const top = inside.stdout.toString("utf8").trim();
    // Each git call costs a process start: those that need nothing from each other run side by side.
    const head = git(top, ["log", "-1", "--format=%H%x00%s"]).then((line) => line.split("\0"));
    const headRef = git(top, ["rev-parse", "--abbrev-ref", "HEAD"]);
    const author = runGit(top, ["config", "user.name"]).then(({ stdout }) => stdout.toString("utf8").trim() || "you");
    for (const pending of [head, headRef]) settled(pending);
    const baseRef = base ?? (await defaultBase(top));
    const diff = runGit(top, [
      "diff",
      "--no-color",
      "--no-ext-diff",
      "--find-renames",
      "--src-prefix=a/",
      "--dst-prefix=b/",
      "--merge-base",
      baseRef,
    ]);
    const mergeBase = await git(top, ["merge-base", baseRef, "HEAD"]).catch(() => {
      throw new UsageError(`no common history between ${baseRef} and HEAD`, {
        hint: "pass the branch to compare with: --base REF",
      });
    });
    context = { top, mergeBase };
    const { code, stdout, stderr } = await diff;
    if (code !== 0) throw new UsageError(`git diff failed: ${stderr.trim()}`);
    const [headSha = "", title = ""] = await head;
    return {
      info: {
        pr: undefined,
        title,
        body: "",
        author: await author,
        headSha,
        baseSha: mergeBase,
        baseRef,
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
      const shown = await runGit(context.top, ["show", `${context.mergeBase}:.nectr.yml`]);
      return shown.code === 0 ? decodeText(shown.stdout) : undefined;
    },

    async readTexts(requests: readonly TextRequest[]): Promise<Map<string, FileText>> {
      if (!context) throw new Error("readTexts before load");
      const { top, mergeBase } = context;
      const texts = new Map<string, FileText>();
      for (const request of requests) {
        const bytes =
          request.at === "head"
            ? await readFile(path.join(top, request.path)).catch(() => undefined)
            : (await runGit(top, ["show", `${mergeBase}:${request.path}`])).stdout;
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
