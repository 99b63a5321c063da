import { pullOf, visibleRepo } from "../access.js";
import { json, type Route } from "../http.js";
import { paginate } from "../paginate.js";
import { diffEntry, pullRequest } from "../render-pull.js";
import { renderUnifiedDiff } from "../unified-diff.js";

/** The files endpoint lists at most 3,000 files (https://docs.github.com/rest/pulls/pulls#list-pull-requests-files). */
export const PULL_FILES_CAP = 3000;

export const pullRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:pull_number",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      if (/application\/vnd\.github(\.v3)?\.diff/.test(String(context.headers.accept ?? ""))) {
        const diff = renderUnifiedDiff(context.state.filesOf(repo, pull));
        return { status: 200, raw: diff, contentType: "application/vnd.github.v3.diff; charset=utf-8" };
      }
      return json(200, pullRequest(context.urls, context.state, repo, pull));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/pulls/:pull_number/files",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const pull = pullOf(context, repo);
      const files = context.state.filesOf(repo, pull).slice(0, PULL_FILES_CAP);
      return paginate(context, files, (change) => diffEntry(context.urls, repo, pull.headSha, change));
    },
  },
];
