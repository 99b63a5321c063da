import { describe, expect, it } from "vitest";
import { OWNER_TOKEN, useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

describe("GitHub simulator: auth, rate limits, caching and faults", () => {
  it("answers 401 without a token or with an unknown one", async () => {
    const none = await world.api("GET", "/user", { token: null });
    expect(none.status).toBe(401);
    expect(none.body.message).toBe("Requires authentication");
    expect((await world.api("GET", "/user", { token: "gho_wrong" })).body.message).toBe("Bad credentials");
  });

  it("sends rate-limit and OAuth-scope headers, and 403 once the limit is spent", async () => {
    const first = await world.api("GET", "/user");
    expect(first.headers.get("x-oauth-scopes")).toBe("repo, admin:repo_hook, read:user");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("4999");
    world.sim.rateLimits.set(0, { token: OWNER_TOKEN, resource: "core" });
    const spent = await world.api("GET", "/user");
    expect(spent.status).toBe(403);
    expect(spent.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("answers 304 to a repeated GET with the ETag it gave, without spending rate limit", async () => {
    const first = await world.api("GET", "/repos/octocat/hello/pulls/1");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    const second = await world.api("GET", "/repos/octocat/hello/pulls/1", { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect(second.text).toBe("");
    expect(second.headers.get("x-ratelimit-remaining")).toBe(first.headers.get("x-ratelimit-remaining"));
    world.sim.state.pushToPullRequest("octocat/hello", 1, { "README.md": "changed\n" });
    expect(
      (await world.api("GET", "/repos/octocat/hello/pulls/1", { headers: { "if-none-match": etag } })).status,
    ).toBe(200);
  });

  it("injects 5xx, secondary rate limits with Retry-After, and slow answers", async () => {
    world.sim.faults.serverError({ path: "/user", times: 2, status: 503 });
    expect((await fetch(`${world.sim.url}/user`)).status).toBe(503);
    expect((await fetch(`${world.sim.url}/user`)).status).toBe(503);
    expect((await world.api("GET", "/user")).status).toBe(200);

    world.sim.faults.secondaryRateLimit({ method: "POST", times: 1, retryAfterSeconds: 7 });
    const limited = await fetch(`${world.sim.url}/repos/octocat/hello/issues/1/comments`, {
      method: "POST",
      body: "{}",
    });
    expect(limited.status).toBe(403);
    expect(limited.headers.get("retry-after")).toBe("7");

    world.sim.faults.add({ path: /^\/repos\//, delayMs: 300, times: 1 });
    const started = Date.now();
    await world.api("GET", "/repos/octocat/hello");
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("records every request so tests can count them", async () => {
    await world.api("GET", "/repos/octocat/hello/pulls/1");
    await world.api("GET", "/repos/octocat/hello/pulls/1/files");
    expect(world.sim.count("GET", /^\/repos\/octocat\/hello\/pulls\/1/)).toBe(2);
    expect(world.sim.requests.at(-1)).toMatchObject({
      method: "GET",
      path: "/repos/octocat/hello/pulls/1/files",
      status: 200,
    });
  });
});
