import { UsageError } from "../errors.js";
import type { FileStatus } from "../diff/types.js";
import type { ChangeSource, FileText, ListedFile, RawChange, TextRequest } from "../review/ports.js";
import { textKey } from "../review/ports.js";
import type { GitHubClient } from "./create-octokit.js";
import { githubError, isNotFound } from "./github-errors.js";
import { readBlobTexts } from "./read-blob-texts.js";
import { formatPullRequestRef, type PullRequestRef } from "./refs.js";

/** Read from the default branch (the contents API's default ref), never from the PR's head. */
const REPO_CONFIG_FILE = ".nectr.yml";

type GitHubFile = Awaited<ReturnType<GitHubClient["rest"]["pulls"]["listFiles"]>>["data"][number];

/**
 * A pull request as the review pipeline sees it: one request for the PR, one per 100 files
 * (every page, up to GitHub's 3,000-file cap), and one GraphQL request for the texts it asks for.
 */
export function pullRequestSource(octokit: GitHubClient, ref: PullRequestRef): ChangeSource {
  let shas: { head: string; base: string } | undefined;
  // Read once per source: the budget, the review's basis and its context all ask for it.
  let repoConfig: Promise<string | undefined> | undefined;
  return {
    async load(): Promise<RawChange> {
      const name = formatPullRequestRef(ref);
      const pull = await octokit.rest.pulls
        .get({ owner: ref.owner, repo: ref.repo, pull_number: ref.number })
        .catch((error: unknown) => {
          if (isNotFound(error)) {
            throw new UsageError(`no PR #${ref.number} in ${ref.owner}/${ref.repo}`, {
              hint: "check the number, and that your token can see the repository",
            });
          }
          throw githubError(error, `fetch ${name}`);
        });
      const listed = await octokit
        .paginate(octokit.rest.pulls.listFiles, {
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
          per_page: 100,
        })
        .catch((error: unknown) => {
          throw githubError(error, `list the files of ${name}`);
        });
      shas = { head: pull.data.head.sha, base: pull.data.base.sha };
      return {
        info: {
          pr: { ...ref },
          title: pull.data.title,
          body: pull.data.body ?? "",
          author: pull.data.user.login,
          headSha: pull.data.head.sha,
          baseSha: pull.data.base.sha,
          baseRef: pull.data.base.ref,
          headRef: pull.data.head.ref,
          draft: pull.data.draft ?? false,
          changedFiles: pull.data.changed_files,
        },
        diff: { kind: "patches", files: listed.map(toListedFile) },
      };
    },

    readRepoConfig(): Promise<string | undefined> {
      repoConfig ??= readRepoConfigFile(octokit, ref);
      return repoConfig;
    },

    async readTexts(requests: readonly TextRequest[]): Promise<Map<string, FileText>> {
      if (!shas) throw new Error("readTexts before load");
      const at = shas;
      const expressions = requests.map((request) => `${request.at === "head" ? at.head : at.base}:${request.path}`);
      const texts = await readBlobTexts(octokit, ref, expressions).catch((error: unknown) => {
        throw githubError(error, `read file texts of ${formatPullRequestRef(ref)}`);
      });
      return new Map(requests.map((request, index) => [textKey(request), texts[index] ?? null]));
    },
  };
}

const STATUS: Record<GitHubFile["status"], FileStatus> = {
  added: "added",
  removed: "removed",
  modified: "modified",
  renamed: "renamed",
  copied: "copied",
  changed: "modified",
  unchanged: "modified",
};

function toListedFile(file: GitHubFile): ListedFile {
  return {
    path: file.filename,
    previousPath: file.previous_filename ?? null,
    status: STATUS[file.status],
    additions: file.additions,
    deletions: file.deletions,
    patch: file.patch ?? null,
  };
}

async function readRepoConfigFile(octokit: GitHubClient, ref: PullRequestRef): Promise<string | undefined> {
  try {
    const answer = await octokit.rest.repos.getContent({
      owner: ref.owner,
      repo: ref.repo,
      path: REPO_CONFIG_FILE,
      mediaType: { format: "raw" },
    });
    return typeof answer.data === "string" ? answer.data : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw githubError(error, `read ${REPO_CONFIG_FILE} of ${ref.owner}/${ref.repo}`);
  }
}
