import { visibleRepo } from "../access.js";
import { json, notFound, type Route } from "../http.js";
import { privateUser, repository } from "../render-repo.js";

export const userAndRepoRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/user",
    resource: "core",
    handle: (context) => {
      const viewer = context.viewer;
      if (!viewer) throw notFound();
      const owned = [...context.state.repos.values()].filter((repo) => repo.owner.login === viewer.login).length;
      return json(200, privateUser(context.urls, viewer, owned));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo",
    resource: "core",
    handle: (context) => json(200, repository(context.urls, visibleRepo(context), context.viewer?.login)),
  },
];
