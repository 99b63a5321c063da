import type { FileText } from "../review/ports.js";
import type { GitHubClient } from "./create-octokit.js";
import type { PullRequestRef } from "./refs.js";

/** One GraphQL request reads this many files at most; larger sets take several. */
const FILES_PER_QUERY = 300;

interface BlobAnswer {
  text?: string | null;
  isBinary?: boolean | null;
  isTruncated?: boolean;
}

/**
 * The texts of many files in one GraphQL request, one alias per file
 * (https://docs.github.com/graphql/reference/objects#blob). `expressions` are "REV:PATH"; they
 * travel as variables, so no path can change the query.
 */
export async function readBlobTexts(
  octokit: GitHubClient,
  ref: PullRequestRef,
  expressions: readonly string[],
): Promise<FileText[]> {
  const results: FileText[] = [];
  for (let start = 0; start < expressions.length; start += FILES_PER_QUERY) {
    const batch = expressions.slice(start, start + FILES_PER_QUERY);
    const variables = Object.fromEntries(batch.map((expression, index) => [`e${index}`, expression]));
    const declarations = batch.map((_, index) => `$e${index}: String!`).join(", ");
    const fields = batch
      .map((_, index) => `f${index}: object(expression: $e${index}) { ... on Blob { text isBinary isTruncated } }`)
      .join("\n");
    const query = `query($owner: String!, $name: String!, ${declarations}) { repository(owner: $owner, name: $name) { ${fields} } }`;
    const answer = await octokit.graphql<{ repository: Record<string, BlobAnswer | null> | null }>(query, {
      owner: ref.owner,
      name: ref.repo,
      ...variables,
    });
    for (let index = 0; index < batch.length; index += 1) {
      const blob = answer.repository?.[`f${index}`];
      results.push(
        blob && typeof blob.text === "string" && !blob.isBinary
          ? { text: blob.text, truncated: blob.isTruncated === true }
          : null,
      );
    }
  }
  return results;
}
