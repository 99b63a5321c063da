import type { IncomingHttpHeaders } from "node:http";
import type { SimApp, SimToken, SimUser } from "./model.js";
import type { SimState } from "./state.js";
import type { SimUrls } from "./urls.js";

export interface SimResponse {
  status: number;
  /** JSON body; ignored when `raw` is set. */
  body?: unknown;
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: SimState;
  urls: SimUrls;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  token: SimToken | undefined;
  viewer: SimUser | undefined;
  /** The app whose JWT signed the request, on `resource: "app"` routes. */
  app: SimApp | undefined;
  /** Starts work that goes on after the answer (webhook deliveries); tests can wait for it. */
  background(work: Promise<unknown>): void;
}

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** `/repos/:owner/:repo/contents/*path`: `:name` is one segment, `*name` the rest. */
  pattern: string;
  /**
   * Which rate-limit bucket the route counts against; `none` needs no token (OAuth endpoints),
   * `app` an app's JWT instead of a token.
   */
  resource: "core" | "graphql" | "none" | "app";
  handle(context: RouteContext): SimResponse | Promise<SimResponse>;
}

const DOCS = "https://docs.github.com/rest";

/** An error answer in GitHub's shape (`basic-error` / `validation-error`). */
export class GitHubError extends Error {
  readonly status: number;
  readonly extra: Record<string, unknown>;

  constructor(status: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.extra = extra;
  }

  toResponse(): SimResponse {
    return {
      status: this.status,
      body: { message: this.message, documentation_url: DOCS, status: String(this.status), ...this.extra },
    };
  }
}

export const notFound = () => new GitHubError(404, "Not Found");

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, ...(headers && { headers }) };
}

/** The request body as JSON, or GitHub's 400 "Problems parsing JSON". */
export function jsonBody(context: RouteContext): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(context.body.toString("utf8") || "{}");
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return { ...value };
  } catch {
    // fall through to the same answer GitHub gives
  }
  throw new GitHubError(400, "Problems parsing JSON");
}

export function compileRoute(pattern: string): RegExp {
  const source = pattern
    .split("/")
    .map((part) =>
      part.startsWith(":")
        ? `(?<${part.slice(1)}>[^/]+)`
        : part.startsWith("*")
          ? `(?<${part.slice(1)}>.+)`
          : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${source}$`);
}
