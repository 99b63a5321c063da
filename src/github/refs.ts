import { UsageError } from "../errors.js";

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

// GitHub's own limits: owner 1–39 of [A-Za-z0-9-], repo 1–100 of [A-Za-z0-9._-].
const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const REPO = "[A-Za-z0-9._-]{1,100}";
const SHORT_FORM = new RegExp(`^(${OWNER})/(${REPO})#([1-9][0-9]{0,9})$`);
const URL_PATH = new RegExp(`^/(${OWNER})/(${REPO})/pull/([1-9][0-9]{0,9})(?:/[a-z]*)?/?$`);

/** `OWNER/REPO#N`, or a PR URL on any GitHub host (github.com or Enterprise Server). */
export function parsePullRequestRef(input: string): PullRequestRef {
  const text = input.trim();
  const short = SHORT_FORM.exec(text);
  const path = short ? undefined : urlPath(text);
  const match = short ?? (path === undefined ? null : URL_PATH.exec(path));
  if (!match?.[1] || !match[2] || !match[3]) {
    throw new UsageError(`"${input}" is not a pull request reference`, {
      hint: "use OWNER/REPO#N or a PR URL such as https://github.com/OWNER/REPO/pull/N",
    });
  }
  return { owner: match[1], repo: match[2], number: Number(match[3]) };
}

export function formatPullRequestRef(ref: PullRequestRef): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`;
}

function urlPath(text: string): string | undefined {
  if (!/^https?:\/\//.test(text)) return undefined;
  try {
    return new URL(text).pathname;
  } catch {
    return undefined;
  }
}

export interface RepoRef {
  owner: string;
  repo: string;
}

const REPO_FORM = new RegExp(`^(${OWNER})/(${REPO})$`);

/** `OWNER/REPO`, as GitHub spells repository names. */
export function parseRepoRef(input: string): RepoRef {
  const match = REPO_FORM.exec(input.trim());
  if (!match?.[1] || !match[2]) {
    throw new UsageError(`"${input}" is not a repository name`, { hint: "use OWNER/REPO, e.g. octocat/hello-world" });
  }
  return { owner: match[1], repo: match[2] };
}

export function formatRepoRef(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}
