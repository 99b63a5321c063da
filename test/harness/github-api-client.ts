import { expect } from "vitest";
import type { GitHubOpenApi } from "./openapi.js";

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty or non-JSON body. Typed loosely on purpose: tests
   *  read fields out of it after the OpenAPI check has vouched for its shape. */
  // biome-ignore lint/suspicious/noExplicitAny: see above
  body: any;
}

export interface ApiCall {
  body?: unknown;
  accept?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

/**
 * Plain fetch against the simulator, for the harness's own tests. Every JSON answer to a REST
 * path is checked against GitHub's OpenAPI description before it is returned.
 */
export function githubApi(baseUrl: string, defaultToken: string, openapi: GitHubOpenApi) {
  return async function call(method: string, path: string, options: ApiCall = {}): Promise<ApiAnswer> {
    const token = options.token === undefined ? defaultToken : options.token;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        accept: options.accept ?? "application/vnd.github+json",
        ...(token && { authorization: `Bearer ${token}` }),
        ...(options.body !== undefined && { "content-type": "application/json" }),
        ...options.headers,
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get("content-type") ?? "").includes("application/json");
    const body: unknown = isJson && text ? JSON.parse(text) : undefined;
    const restPath = new URL(`${baseUrl}${path}`).pathname.replace(/^\/api\/v3/, "");
    // GraphQL and the OAuth endpoints on the web host are not part of the REST description.
    if (isJson && restPath !== "/graphql" && !restPath.startsWith("/login/")) {
      expect(
        openapi.validate(method, restPath, response.status, body),
        `${method} ${path} → ${response.status}`,
      ).toEqual([]);
    }
    return { status: response.status, headers: response.headers, text, body };
  };
}
