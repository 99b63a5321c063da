import { visibleRepo } from "../access.js";
import { GitHubError, json, notFound, type Route } from "../http.js";
import { paginate } from "../paginate.js";
import { privateUser, repository, simpleUser } from "../render-repo.js";

export const userAndRepoRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/user",
    resource: "core",
    handle: (context) => {
      const viewer = context.viewer;
      if (!viewer) throw notFound();
      if (context.token?.integration) throw new GitHubError(403, "Resource not accessible by integration");
      const owned = [...context.state.repos.values()].filter((repo) => repo.owner.login === viewer.login).length;
      return json(200, privateUser(context.urls, viewer, owned));
    },
  },
  {
    method: "GET",
    pattern: "/user/repos",
    resource: "core",
    handle: (context) => {
      const login = context.viewer?.login ?? "";
      const mine = [...context.state.repos.values()].filter((repo) => repo.permissions.has(login));
      return paginate(context, mine, (repo) => repository(context.urls, repo, login));
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo/collaborators/:username/permission",
    resource: "core",
    handle: (context) => {
      const repo = visibleRepo(context);
      const user = context.state.users.get(context.params.username ?? "");
      if (!user) throw notFound();
      const permission = repo.permissions.get(user.login) ?? (repo.private ? "none" : "read");
      return json(200, {
        permission,
        role_name: permission,
        user: { ...simpleUser(context.urls, user), role_name: permission },
      });
    },
  },
  {
    method: "GET",
    pattern: "/repos/:owner/:repo",
    resource: "core",
    handle: (context) => json(200, repository(context.urls, visibleRepo(context), context.viewer?.login)),
  },
];
