import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEtagCache } from "../../../src/github/conditional-requests.js";
import { createOctokit, type GitHubClient } from "../../../src/github/create-octokit.js";
import { githubError } from "../../../src/github/github-errors.js";
import { RemoteError } from "../../../src/errors.js";
import type { GitHubSimulator } from "../../harness/github-sim/server.js";
import { OWNER_TOKEN, startSeededSimulator } from "../../harness/sim-world.js";

let sim: GitHubSimulator;
let sent: number;
let octokit: GitHubClient;

beforeEach(async () => {
  sim = await startSeededSimulator();
  sent = 0;
  // Retry waits of 1 ms per second asked, so the test does not sleep for real.
  octokit = createOctokit({
    baseUrl: sim.url,
    token: OWNER_TOKEN,
    retryUnitMs: 1,
    onRequest: () => (sent += 1),
    etagCache: createEtagCache(),
  });
});
afterEach(async () => sim.close());

const getPull = () => octokit.rest.pulls.get({ owner: "octocat", repo: "hello", pull_number: 1 });

describe("createOctokit against the simulator", () => {
  it("retries a 5xx and counts every request sent", async () => {
    sim.faults.serverError({ path: "/repos/octocat/hello/pulls/1", times: 2 });
    expect((await getPull()).data.number).toBe(1);
    expect(sent).toBe(3);
    expect(sim.count("GET", /pulls\/1$/)).toBe(3);
  });

  it("waits out a secondary rate limit as Retry-After asks, then succeeds", async () => {
    sim.faults.secondaryRateLimit({ path: "/repos/octocat/hello/pulls/1", times: 1, retryAfterSeconds: 3 });
    expect((await getPull()).status).toBe(200);
    expect(sim.requests.map((request) => request.status)).toEqual([403, 200]);
  });

  it("answers a repeated GET from its cache when GitHub says 304", async () => {
    const first = await getPull();
    const second = await getPull();
    expect(second.data).toEqual(first.data);
    expect(sim.requests.map((request) => request.status)).toEqual([200, 304]);
    expect(sim.requests[1]?.headers["if-none-match"]).toBe(first.headers.etag);
  });

  it("gives up on a spent primary rate limit that resets later than a minute, with a clear message", async () => {
    sim.rateLimits.set(0, { token: OWNER_TOKEN, resetInSeconds: 3600 });
    const error = await getPull().catch((caught: unknown) => githubError(caught, "fetch the PR"));
    expect(error).toBeInstanceOf(RemoteError);
    expect(String(error)).toMatch(/rate limit for this token is used up \(resets at \d\d:\d\d UTC\)/);
    expect(sent).toBe(1);
  });

  it("reports a GitHub that cannot be reached as a remote error after retries", async () => {
    const unreachable = createOctokit({ baseUrl: "http://127.0.0.1:9", token: "t", retryUnitMs: 1 });
    const error = await unreachable.rest.users.getAuthenticated().then(
      () => undefined,
      (caught: unknown) => githubError(caught, "find the user"),
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect(error?.message).toMatch(/^GitHub could not be reached .* while trying to find the user, after retries$/);
    expect((error as RemoteError | undefined)?.hint).toMatch(/^check the network and NECTR_GITHUB_API_URL/);
  });
});
