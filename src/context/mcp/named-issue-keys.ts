/** An issue or ticket a pull request names: `ENG-42` (Jira, Linear, …) or `#12`. */
export interface IssueKey {
  text: string;
  /** Set for `#N`: the number alone, for a lookup that takes a number. */
  number: number | undefined;
}

const PROJECT_KEY = /\b[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,6}\b/g;
// Branch names are mostly lower case (`eng-42-fix-checkout`, `me/eng-42`): there a key is read in
// any case and written in upper case, as trackers show them.
const BRANCH_KEY = /(?:^|[/_-])([a-z][a-z0-9]{1,9}-[1-9][0-9]{0,6})(?=$|[/_-])/gi;
const NUMBER_KEY = /(?<![\w&/])#([1-9][0-9]{0,6})\b/g;
/** A PR can name any number of keys; nectr looks up this many, in the order they appear. */
const MAX_KEYS = 5;

/** The keys in a PR's title, body and branch name, each once, at most MAX_KEYS. */
export function namedIssueKeys(pr: { title: string; body: string; branch: string }): IssueKey[] {
  const found = new Map<string, IssueKey>();
  const add = (key: IssueKey) => {
    if (found.size < MAX_KEYS && !found.has(key.text)) found.set(key.text, key);
  };
  for (const text of [pr.title, pr.body]) {
    const matches = [
      ...[...text.matchAll(PROJECT_KEY)].map((match) => ({
        at: match.index,
        key: { text: match[0], number: undefined },
      })),
      ...[...text.matchAll(NUMBER_KEY)].map((match) => ({
        at: match.index,
        key: { text: match[0], number: Number(match[1]) },
      })),
    ].sort((a, b) => a.at - b.at);
    for (const { key } of matches) add(key);
  }
  for (const match of pr.branch.matchAll(BRANCH_KEY)) add({ text: (match[1] ?? "").toUpperCase(), number: undefined });
  return [...found.values()];
}
