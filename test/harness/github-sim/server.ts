import { createHash, randomUUID } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { Faults } from "./faults.js";
import { compileRoute, GitHubError, type Route, type RouteContext, type SimResponse } from "./http.js";
import { RateLimits } from "./rate-limits.js";
import { compareRoutes } from "./routes/compare.js";
import { contentRoutes } from "./routes/contents.js";
import { gitTreeRoutes } from "./routes/git-trees.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { hookRoutes } from "./routes/hooks.js";
import { issueCommentRoutes } from "./routes/issue-comments.js";
import { DeviceFlow } from "./routes/oauth-device.js";
import { appRoutes } from "./routes/apps.js";
import { pullRoutes } from "./routes/pulls.js";
import { reviewRoutes } from "./routes/reviews.js";
import { userAndRepoRoutes } from "./routes/users-and-repos.js";
import { SimState } from "./state.js";
import { appOfJwt } from "./app-jwt.js";
import { hookWants, deliverToHook, type DeliveryResult } from "./webhook-delivery.js";

export interface RecordedRequest {
  method: string;
  /** The REST path, without GHES's /api/v3 prefix. */
  path: string;
  /** The path as sent, prefix included. */
  rawPath: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A GitHub API simulator on 127.0.0.1 (random port): REST at `/` and at `/api/v3` (as GHES),
 * GraphQL at `/graphql`, and the OAuth device flow at `/login/...`. Every request is recorded.
 */
export class GitHubSimulator {
  readonly state = new SimState();
  readonly faults = new Faults();
  readonly rateLimits = new RateLimits();
  readonly deviceFlow = new DeviceFlow();
  readonly requests: RecordedRequest[] = [];
  private readonly routes: { route: Route; pattern: RegExp }[];
  private readonly background = new Set<Promise<unknown>>();

  private readonly server: Server;
  readonly url: string;

  private constructor(server: Server, url: string) {
    this.server = server;
    this.url = url;
    const routes = [
      ...appRoutes,
      ...userAndRepoRoutes,
      ...pullRoutes,
      ...reviewRoutes,
      ...issueCommentRoutes,
      ...contentRoutes,
      ...compareRoutes,
      ...hookRoutes,
      ...gitTreeRoutes,
      ...graphqlRoutes,
      ...this.deviceFlow.routes(),
    ];
    this.routes = routes.map((route) => ({ route, pattern: compileRoute(route.pattern) }));
  }

  static async start(): Promise<GitHubSimulator> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const simulator = new GitHubSimulator(server, `http://127.0.0.1:${port}`);
    server.on("request", (request, response) => void simulator.serve(request, response));
    return simulator;
  }

  /** The REST base URL a GHES user would configure. */
  get ghesApiUrl(): string {
    return `${this.url}/api/v3`;
  }

  /** Requests whose method and path match, e.g. `count("POST", /\/reviews$/)`. */
  count(method?: string, path?: RegExp): number {
    return this.requests.filter(
      (request) => (!method || request.method === method) && (!path || path.test(request.path)),
    ).length;
  }

  /** Sends an event to every hook of the repo that wants it, signed with each hook's secret. */
  async deliverWebhook(fullName: string, event: string, payload: object): Promise<DeliveryResult[]> {
    const repo = this.state.repo(fullName);
    const hooks = [...repo.hooks.values()].filter((hook) => hookWants(hook, event));
    return Promise.all(hooks.map((hook) => deliverToHook(this.state, repo, hook, event, payload)));
  }

  /** Waits for work started after an answer (pings). */
  async settle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  async close(): Promise<void> {
    await this.settle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? "/", this.url);
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/api\/graphql$/, "/graphql");
    const method = request.method ?? "GET";
    const record: RecordedRequest = {
      method,
      path,
      rawPath: url.pathname,
      query: url.search,
      headers: request.headers,
      body: body.toString("utf8"),
      status: 0,
    };
    this.requests.push(record);
    let answer: SimResponse;
    try {
      answer = await this.respond(method, path, url.searchParams, request.headers, body);
    } catch (error) {
      answer =
        error instanceof GitHubError
          ? error.toResponse()
          : { status: 500, body: { message: `simulator fault: ${String(error)}` } };
    }
    record.status = answer.status;
    const payload =
      answer.raw ?? (answer.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(answer.body)));
    const contentType = answer.raw
      ? answer.contentType
      : answer.body === undefined
        ? undefined
        : "application/json; charset=utf-8";
    response.writeHead(answer.status, {
      ...(contentType && { "content-type": contentType }),
      "x-github-request-id": randomUUID(),
      ...answer.headers,
    });
    response.end(payload);
  }

  private async respond(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<SimResponse> {
    const fault = this.faults.decide(method, path);
    if (fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.response && !fault.afterApplying) return fault.response;
    const answer = await this.route(method, path, query, headers, body);
    if (fault.answerDelayMs > 0) await sleep(fault.answerDelayMs);
    return fault.response ?? answer;
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<SimResponse> {
    const match = this.match(method, path);
    if (!match) return new GitHubError(404, "Not Found").toResponse();
    const { route, params } = match;
    const context: RouteContext = {
      state: this.state,
      urls: { api: this.url, web: this.url },
      method,
      path,
      params,
      query,
      headers,
      body,
      token: undefined,
      viewer: undefined,
      app: undefined,
      background: (work) => {
        this.background.add(work);
        void work.finally(() => this.background.delete(work));
      },
    };
    if (route.resource === "none") return route.handle(context);

    const presented = /^(?:bearer|token)\s+(\S+)$/i.exec(String(headers.authorization ?? ""))?.[1];
    if (route.resource === "app") {
      if (!presented) return new GitHubError(401, "A JSON web token could not be decoded").toResponse();
      context.app = appOfJwt(presented, this.state.apps.apps.values());
      return route.handle(context);
    }
    const known = presented ? this.state.tokens.get(presented) : undefined;
    const token = known?.expiresAtMs !== undefined && Date.now() >= known.expiresAtMs ? undefined : known;
    if (!token) return new GitHubError(401, presented ? "Bad credentials" : "Requires authentication").toResponse();
    context.token = token;
    context.viewer = this.state.user(token.login);

    const bucket = this.rateLimits.bucket(token.value, route.resource);
    const common = {
      ...this.rateLimits.headers(bucket, route.resource),
      "x-oauth-scopes": token.scopes.join(", "),
      "x-github-media-type": "github.v3; format=json",
    };
    const exhausted = this.rateLimits.exhaustedResponse(bucket, context.viewer.id);
    if (exhausted) return { ...exhausted, headers: common };

    let answer: SimResponse;
    try {
      answer = await route.handle(context);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      answer = error.toResponse();
    }
    if (method === "GET" && answer.status === 200) {
      const etag = entityTag(answer, headers);
      // A 304 to a conditional request does not count against the rate limit.
      if (headers["if-none-match"] === etag) return { status: 304, headers: { ...common, etag } };
      answer = { ...answer, headers: { ...answer.headers, etag } };
    }
    bucket.used += 1;
    return {
      ...answer,
      headers: {
        ...answer.headers,
        ...this.rateLimits.headers(bucket, route.resource),
        "x-oauth-scopes": common["x-oauth-scopes"],
        "x-github-media-type": common["x-github-media-type"],
      },
    };
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const { route, pattern } of this.routes) {
      if (route.method !== method) continue;
      const found = pattern.exec(path);
      if (found) return { route, params: { ...found.groups } };
    }
    return undefined;
  }
}

/** A weak ETag per representation: the same body for another media type or token gets another tag. */
function entityTag(answer: SimResponse, headers: IncomingHttpHeaders): string {
  const hash = createHash("sha256");
  hash
    .update(String(headers.accept ?? ""))
    .update("\0")
    .update(String(headers.authorization ?? ""))
    .update("\0");
  hash.update(answer.raw ?? JSON.stringify(answer.body));
  return `W/"${hash.digest("hex").slice(0, 40)}"`;
}
