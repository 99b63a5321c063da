import { visibleRepo } from "../access.js";
import { GitHubError, json, notFound, type Route } from "../http.js";
import type { SimRepo } from "../model.js";
import { commit as commitJson, diffEntry } from "../render-pull.js";
import { diffTrees } from "../tree-diff.js";

/** The compare API lists at most 300 files and 250 commits (https://docs.github.com/rest/commits/commits#compare-two-commits). */
const FILES_CAP = 300;
const COMMITS_CAP = 250;

export const compareRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/compare/*basehead",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const [baseRef, headRef] = decodeURIComponent(context.params.basehead ?? "").split("...");
      if (!baseRef || !headRef) throw new GitHubError(404, "Not Found");
      const base = context.state.resolveRef(repo, baseRef);
      const head = context.state.resolveRef(repo, headRef);
      if (!base || !head) throw notFound();
      const mergeBase = findMergeBase(repo, base.sha, head.sha);
      if (!mergeBase) throw new GitHubError(404, `No common ancestor between ${baseRef} and ${headRef}.`);
      const ahead = commitsBetween(repo, mergeBase, head.sha);
      const behind = commitsBetween(repo, mergeBase, base.sha);
      const files = diffTrees(context.state.tree(repo, mergeBase), head.tree).slice(0, FILES_CAP);
      const status =
        ahead.length && behind.length ? "diverged" : ahead.length ? "ahead" : behind.length ? "behind" : "identical";
      const toJson = (sha: string) => {
        const commit = repo.commits.get(sha);
        if (!commit) throw notFound();
        return commitJson(context.urls, context.state, repo, commit);
      };
      const web = `${context.urls.web}/${repo.fullName}/compare/${baseRef}...${headRef}`;
      return json(200, {
        url: `${context.urls.api}/repos/${repo.fullName}/compare/${baseRef}...${headRef}`,
        html_url: web,
        permalink_url: web,
        diff_url: `${web}.diff`,
        patch_url: `${web}.patch`,
        base_commit: toJson(base.sha),
        merge_base_commit: toJson(mergeBase),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: ahead.slice(-COMMITS_CAP).map(toJson),
        files: files.map((change) => diffEntry(context.urls, repo, head.sha, change)),
      });
    },
  },
];

function ancestors(repo: SimRepo, sha: string): string[] {
  const seen: string[] = [];
  const queue = [sha];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || seen.includes(next)) continue;
    seen.push(next);
    queue.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return seen;
}

export function findMergeBase(repo: SimRepo, a: string, b: string): string | undefined {
  const ofA = new Set(ancestors(repo, a));
  return ancestors(repo, b).find((sha) => ofA.has(sha));
}

/** Commits reachable from `head` but not from `base`, oldest first. */
function commitsBetween(repo: SimRepo, base: string, head: string): string[] {
  const excluded = new Set(ancestors(repo, base));
  return ancestors(repo, head)
    .filter((sha) => !excluded.has(sha))
    .reverse();
}
