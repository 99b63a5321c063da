import type { SimIssue, SimPull, SimRepo } from "./model.js";
import { authorAssociation, nodeId, simpleUser } from "./render-repo.js";
import type { SimState } from "./state.js";
import type { SimUrls } from "./urls.js";

/** GitHub's `issue` JSON, for an issue or for a PR seen as an issue (with `pull_request`). */
export function issue(urls: SimUrls, state: SimState, repo: SimRepo, item: SimIssue | SimPull) {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const isPull = "headSha" in item;
  const html = `${urls.web}/${repo.fullName}/${isPull ? "pull" : "issues"}/${item.number}`;
  return {
    id: item.id,
    node_id: nodeId(isPull ? "PullRequest" : "Issue", item.id),
    url: `${api}/issues/${item.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${item.number}/labels{/name}`,
    comments_url: `${api}/issues/${item.number}/comments`,
    events_url: `${api}/issues/${item.number}/events`,
    html_url: html,
    number: item.number,
    state: item.state,
    title: item.title,
    body: item.body,
    user: simpleUser(urls, state.user(item.author)),
    labels: [],
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: repo.issueComments.filter((comment) => comment.issueNumber === item.number).length,
    closed_at: null,
    created_at: item.createdAt,
    updated_at: item.createdAt,
    author_association: authorAssociation(repo, item.author),
    ...(isPull && {
      pull_request: {
        url: `${api}/pulls/${item.number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
      },
    }),
  };
}
