import type { SimHook, SimRepo, SimUser } from "./model.js";
import { repoLinks, userLinks, type SimUrls } from "./urls.js";

// GitHub's JSON for users, repositories and hooks (checked against @octokit/openapi by the
// harness tests).

export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`).toString("base64url");
}

export function simpleUser(urls: SimUrls, user: SimUser) {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId("User", user.id),
    ...userLinks(urls, user.login),
    type: user.type,
    site_admin: false,
    user_view_type: "public",
  };
}

export function privateUser(urls: SimUrls, user: SimUser, ownedRepos: number) {
  return {
    ...simpleUser(urls, user),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: ownedRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function repository(urls: SimUrls, repo: SimRepo, viewer?: string) {
  const permission = viewer ? repo.permissions.get(viewer) : undefined;
  const openIssues = [...repo.pulls.values()].filter((pull) => pull.state === "open").length;
  const pushedAt = [...repo.commits.values()].at(-1)?.author.date ?? repo.createdAt;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: simpleUser(urls, repo.owner),
    private: repo.private,
    description: repo.description,
    fork: false,
    ...repoLinks(urls, repo.fullName),
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    mirror_url: null,
    visibility: repo.private ? "private" : "public",
    pushed_at: pushedAt,
    created_at: repo.createdAt,
    updated_at: pushedAt,
    license: null,
    network_count: 0,
    subscribers_count: 0,
    allow_forking: true,
    web_commit_signoff_required: false,
    ...(viewer && {
      permissions: {
        admin: permission === "admin",
        maintain: permission === "admin",
        push: permission === "admin" || permission === "write",
        triage: permission !== undefined,
        pull: permission !== undefined || !repo.private,
      },
    }),
  };
}

export function authorAssociation(repo: SimRepo, login: string): string {
  if (repo.owner.login === login) return "OWNER";
  return repo.permissions.has(login) ? "COLLABORATOR" : "NONE";
}

export function hook(urls: SimUrls, repo: SimRepo, item: SimHook) {
  const url = `${urls.api}/repos/${repo.fullName}/hooks/${item.id}`;
  const { secret, ...config } = item.config;
  return {
    type: "Repository",
    id: item.id,
    name: "web",
    active: item.active,
    events: item.events,
    config: { ...config, ...(secret !== undefined && { secret: "********" }) },
    updated_at: item.updatedAt,
    created_at: item.createdAt,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: item.lastResponse,
  };
}
