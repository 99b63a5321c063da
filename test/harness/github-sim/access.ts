import { GitHubError, notFound, type RouteContext } from "./http.js";
import type { Permission, SimPull, SimRepo } from "./model.js";

const RANK: Record<Permission, number> = { read: 1, write: 2, admin: 3 };

/** The repo named in the path, as GitHub shows it: a private repo the viewer cannot see is a 404. */
export function visibleRepo(context: RouteContext): SimRepo {
  const repo = context.state.repos.get(`${context.params.owner}/${context.params.repo}`.toLowerCase());
  if (!repo) throw notFound();
  if (repo.private && (!permissionOf(context, repo) || !hasScope(context, "repo"))) throw notFound();
  return repo;
}

export function pullOf(context: RouteContext, repo: SimRepo): SimPull {
  const pull = repo.pulls.get(Number(context.params.pull_number));
  if (!pull) throw notFound();
  return pull;
}

export function permissionOf(context: RouteContext, repo: SimRepo): Permission | undefined {
  return context.viewer ? repo.permissions.get(context.viewer.login) : undefined;
}

/** Writes need the permission and a scope that allows writing (`repo`, or `public_repo` on a public repo). */
export function requireWrite(context: RouteContext, repo: SimRepo, level: Permission): void {
  const scopeOk = hasScope(context, "repo") || (!repo.private && hasScope(context, "public_repo"));
  if (!scopeOk) throw notFound();
  const permission = permissionOf(context, repo);
  if (level !== "read" && (!permission || RANK[permission] < RANK[level])) {
    throw new GitHubError(403, `Must have ${level} rights to Repository.`);
  }
}

/**
 * Hooks need admin rights and a hook scope; GitHub answers 404 to a token without them.
 * https://docs.github.com/rest/repos/webhooks ("OAuth app tokens need the admin:repo_hook scope").
 */
export function requireHookAccess(context: RouteContext, repo: SimRepo, kind: "read" | "write" | "admin"): void {
  const scopes = {
    read: ["read:repo_hook", "write:repo_hook", "admin:repo_hook", "repo"],
    write: ["write:repo_hook", "admin:repo_hook", "repo"],
    admin: ["admin:repo_hook", "repo"],
  }[kind];
  if (!scopes.some((scope) => hasScope(context, scope))) throw notFound();
  if (permissionOf(context, repo) !== "admin") throw notFound();
}

function hasScope(context: RouteContext, scope: string): boolean {
  return context.token?.scopes.includes(scope) ?? false;
}
