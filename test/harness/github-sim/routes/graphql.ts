import { buildSchema, graphql } from "graphql";
import type { Route, RouteContext } from "../http.js";
import { GitHubError, json, jsonBody } from "../http.js";
import { blobSha, isBinary } from "../git-objects.js";
import type { SimPull, SimRepo } from "../model.js";

// Just enough of GitHub's GraphQL API: file texts by `expression` ("REV:PATH"), many in one
// request through aliases (https://docs.github.com/graphql/reference/objects#blob), and a
// repository's pull requests with their files, authors and closing issues.
const schema = buildSchema(`
  type Query {
    repository(owner: String!, name: String!): Repository
    rateLimit: RateLimit
  }
  type Repository {
    name: String!
    nameWithOwner: String!
    object(expression: String, oid: String): GitObject
    pullRequests(states: [PullRequestState!], first: Int, last: Int): PullRequestConnection!
    pullRequest(number: Int!): PullRequest
  }
  enum PullRequestState { OPEN CLOSED MERGED }
  type PullRequestConnection { totalCount: Int! nodes: [PullRequest!]! }
  type PullRequest {
    number: Int!
    title: String!
    state: PullRequestState!
    createdAt: String!
    mergedAt: String
    author: Actor
    files(first: Int): PullRequestChangedFileConnection
    closingIssuesReferences(first: Int): IssueConnection
    reviewThreads(first: Int): ReviewThreadConnection
  }
  type ReviewThreadConnection { nodes: [ReviewThread!]! }
  type ReviewThread {
    id: ID!
    isResolved: Boolean!
    resolvedBy: Actor
    comments(first: Int): ReviewCommentConnection!
  }
  type ReviewCommentConnection { nodes: [ReviewComment!]! }
  type ReviewComment { databaseId: Int! }
  type Actor { login: String! }
  type PullRequestChangedFileConnection { nodes: [PullRequestChangedFile!]! }
  type PullRequestChangedFile { path: String! }
  type IssueConnection { nodes: [Issue!]! }
  type Issue { number: Int! repository: Repository! }
  interface GitObject { oid: String! }
  type Blob implements GitObject {
    oid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }
  type RateLimit { cost: Int! limit: Int! remaining: Int! resetAt: String! }
`);

/** The simulator's cut-off for `Blob.text` (GitHub truncates large blobs too, and says so in `isTruncated`). */
export const BLOB_TEXT_LIMIT = 512 * 1024;

export const graphqlRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/graphql",
    resource: "graphql",
    handle: async (context) => {
      const input = jsonBody(context);
      if (typeof input.query !== "string")
        throw new GitHubError(400, "A query attribute must be specified and must be a string.");
      const variables =
        typeof input.variables === "object" && input.variables !== null ? { ...input.variables } : undefined;
      const result = await graphql({
        schema,
        source: input.query,
        rootValue: root(context),
        variableValues: variables,
      });
      return json(200, {
        ...(result.data !== undefined && { data: result.data }),
        ...(result.errors && {
          errors: result.errors.map((error) => ({
            type: error.originalError instanceof NotFoundError ? "NOT_FOUND" : undefined,
            path: error.path,
            locations: error.locations,
            message: error.message,
          })),
        }),
      });
    },
  },
];

class NotFoundError extends Error {}

function pullState(pull: SimPull): string {
  return pull.merged ? "MERGED" : pull.state === "open" ? "OPEN" : "CLOSED";
}

/** Closing keywords in the body, as GitHub links them (same repository only, in the simulator). */
function closingNumbers(body: string | null): number[] {
  return [...(body ?? "").matchAll(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s+#(\d+)/gi)].map((match) =>
    Number(match[1]),
  );
}

function pullRequestNode(context: RouteContext, repo: SimRepo, pull: SimPull) {
  return {
    number: pull.number,
    title: pull.title,
    state: pullState(pull),
    createdAt: pull.createdAt,
    mergedAt: pull.merged ? pull.closedAt : null,
    author: { login: pull.author },
    files: ({ first }: { first?: number }) => ({
      nodes: context.state
        .filesOf(repo, pull)
        .slice(0, first ?? 100)
        .map((file) => ({ path: file.filename })),
    }),
    reviewThreads: ({ first }: { first?: number }) => ({
      nodes: repo.reviewComments
        .filter((comment) => comment.pullNumber === pull.number && comment.inReplyTo === null)
        .slice(0, first ?? 100)
        .map((comment) => ({
          id: `thread-${comment.id}`,
          isResolved: repo.resolvedThreads.has(comment.id),
          resolvedBy: repo.resolvedThreads.has(comment.id) ? { login: repo.resolvedThreads.get(comment.id) } : null,
          comments: { nodes: [{ databaseId: comment.id }] },
        })),
    }),
    closingIssuesReferences: ({ first }: { first?: number }) => ({
      nodes: closingNumbers(pull.body)
        .slice(0, first ?? 10)
        .map((number) => ({ number, repository: { name: repo.name, nameWithOwner: repo.fullName } })),
    }),
  };
}

function root(context: RouteContext) {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = context.state.repos.get(`${owner}/${name}`.toLowerCase());
      if (!repo || (repo.private && !context.viewer))
        throw new NotFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repository(context, repo);
    },
    rateLimit: () => ({
      cost: 1,
      limit: 5000,
      remaining: 4999,
      resetAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  };
}

function repository(context: RouteContext, repo: SimRepo) {
  return {
    name: repo.name,
    nameWithOwner: repo.fullName,
    pullRequest: ({ number }: { number: number }) => {
      const pull = repo.pulls.get(number);
      return pull ? pullRequestNode(context, repo, pull) : null;
    },
    pullRequests: ({ states, first, last }: { states?: string[]; first?: number; last?: number }) => {
      const all = [...repo.pulls.values()].filter((pull) => !states || states.includes(pullState(pull)));
      const nodes = last ? all.slice(-last) : all.slice(0, first ?? 100);
      return { totalCount: all.length, nodes: nodes.map((pull) => pullRequestNode(context, repo, pull)) };
    },
    object: ({ expression }: { expression?: string }) => {
      if (!expression) return null;
      const split = expression.indexOf(":");
      const rev = split === -1 ? expression : expression.slice(0, split);
      const path = split === -1 ? "" : expression.slice(split + 1);
      const commit = context.state.resolveRef(repo, rev === "HEAD" ? repo.defaultBranch : rev);
      const content = commit?.tree.get(path);
      if (!commit || !content) return null;
      const binary = isBinary(content);
      const truncated = content.length > BLOB_TEXT_LIMIT;
      return {
        __typename: "Blob",
        oid: blobSha(content),
        byteSize: content.length,
        isBinary: binary,
        isTruncated: truncated,
        text: binary ? null : content.subarray(0, BLOB_TEXT_LIMIT).toString("utf8"),
      };
    },
  };
}
