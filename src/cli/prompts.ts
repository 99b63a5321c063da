import type { GitHubClient } from "../github/create-octokit.js";
import { githubError } from "../github/github-errors.js";

// Questions asked only on a terminal; every one has a flag for scripts.

/** A searchable list of the repositories the user administers (every page of /user/repos). */
export async function askRepo(octokit: GitHubClient): Promise<string> {
  const repos = await octokit
    .paginate(octokit.rest.repos.listForAuthenticatedUser, { per_page: 100, sort: "pushed" })
    .catch((error: unknown) => {
      throw githubError(error, "list your repositories");
    });
  const names = repos.filter((repo) => repo.permissions?.admin === true).map((repo) => repo.full_name);
  const { search } = await import("@inquirer/prompts");
  return search({
    message: "Which repository should nectr review?",
    source: (term) =>
      names.filter((name) => !term || name.toLowerCase().includes(term.toLowerCase())).map((name) => ({ value: name })),
  });
}

export async function askWebhookBase(): Promise<string> {
  const { input } = await import("@inquirer/prompts");
  return input({
    message: "Where does GitHub reach nectr serve? (e.g. https://nectr.example.com)",
    validate: (value) => /^https?:\/\/\S+$/.test(value.trim()) || "an http(s) URL, please",
  });
}
