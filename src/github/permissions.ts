import type { GitHubClient } from "./create-octokit.js";
import { githubError, isNotFound } from "./github-errors.js";
import type { RepoRef } from "./refs.js";

/** Whether a user may push to the repo (admin, maintain or write): who may command nectr on a PR. */
export async function canWrite(octokit: GitHubClient, ref: RepoRef, login: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: ref.owner,
      repo: ref.repo,
      username: login,
    });
    return (
      ["admin", "maintain", "write"].includes(data.role_name ?? "") || ["admin", "write"].includes(data.permission)
    );
  } catch (error) {
    if (isNotFound(error)) return false;
    throw githubError(error, `check ${login}'s access to ${ref.owner}/${ref.repo}`);
  }
}
