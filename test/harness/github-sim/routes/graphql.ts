import { buildSchema, graphql } from "graphql";
import type { Route, RouteContext } from "../http.js";
import { GitHubError, json, jsonBody } from "../http.js";
import { blobSha, isBinary } from "../git-objects.js";
import type { SimRepo } from "../model.js";

// Just enough of GitHub's GraphQL API for reading file texts by `expression` ("REV:PATH"),
// many in one request through aliases, as https://docs.github.com/graphql/reference/objects#blob.
const schema = buildSchema(`
  type Query {
    repository(owner: String!, name: String!): Repository
    rateLimit: RateLimit
  }
  type Repository {
    name: String!
    nameWithOwner: String!
    object(expression: String, oid: String): GitObject
  }
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
