/** An issue a PR says it closes, in the repo of the PR unless named otherwise. */
export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

// GitHub's closing keywords (https://docs.github.com/issues/tracking-your-work-with-issues/linking-a-pull-request-to-an-issue).
const CLOSING =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?::\s*|\s+)(?:([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100}))?#([1-9][0-9]{0,9})\b/gi;

/** The issues a PR's title and body close, each once, at most `limit`. */
export function closingIssueRefs(text: string, home: { owner: string; repo: string }, limit = 10): IssueRef[] {
  const found = new Map<string, IssueRef>();
  for (const match of text.matchAll(CLOSING)) {
    const ref = { owner: match[1] ?? home.owner, repo: match[2] ?? home.repo, number: Number(match[3]) };
    found.set(`${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase(), ref);
    if (found.size >= limit) break;
  }
  return [...found.values()];
}
