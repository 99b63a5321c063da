import { InternalError } from "../../errors.js";

export interface IssueReference {
  repo: string;
  number: number;
}

const ISSUE_REFERENCE = /^([^\s/#]+\/[^\s/#]+)#([1-9][0-9]*)$/;

/** Splits "owner/name#N", the form of `IndexedPullRequest.closes`, into repository and number. */
export function parseIssueReference(reference: string): IssueReference {
  const match = ISSUE_REFERENCE.exec(reference);
  if (!match?.[1] || !match[2]) {
    throw new InternalError(`"${reference}" is not an issue reference`, { hint: "closed issues are owner/name#N" });
  }
  return { repo: match[1], number: Number(match[2]) };
}

/** Repository names are case-insensitive on GitHub, so the key of an issue is lower-case. */
export function issueKey(issue: IssueReference): string {
  return `${issue.repo.toLowerCase()}#${issue.number}`;
}
