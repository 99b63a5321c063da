import { sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SimApp } from "./github-sim/model.js";
import { OWNER_TOKEN, useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

/** An app's JWT as its key signs it: RS256 over `{iat, exp, iss}`, as GitHub's docs describe. */
function appJwt(app: Pick<SimApp, "id" | "privateKeyPem">, claims: { iat?: number; exp?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, iss: app.id, ...claims })}`;
  return `${unsigned}.${sign("sha256", Buffer.from(unsigned), app.privateKeyPem).toString("base64url")}`;
}

function installedApp() {
  const app = world.sim.state.apps.add({ slug: "nectr-test", owner: "octocat" });
  const installation = world.sim.state.apps.install(app, "octocat", ["octocat/hello"]);
  return { app, installation };
}

describe("GitHub simulator: GitHub Apps", () => {
  it("answers an app's JWT with the app and its installations, and mints an hour's installation token", async () => {
    const { app, installation } = installedApp();
    const jwt = appJwt(app);
    const shown = await world.api("GET", "/app", { token: jwt });
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: app.id, slug: "nectr-test", permissions: { pull_requests: "write" } });
    const listed = await world.api("GET", "/app/installations", { token: jwt });
    expect(listed.body.map((each: { id: number }) => each.id)).toEqual([installation.id]);
    expect((await world.api("GET", "/repos/octocat/hello/installation", { token: jwt })).body.id).toBe(installation.id);

    const minted = await world.api("POST", `/app/installations/${installation.id}/access_tokens`, { token: jwt });
    expect(minted.status).toBe(201);
    const expiresInMs = Date.parse(minted.body.expires_at) - Date.now();
    expect(expiresInMs).toBeGreaterThan(59 * 60 * 1000);
    expect(expiresInMs).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(world.sim.state.apps.minted).toHaveLength(1);

    const token = minted.body.token as string;
    const repos = await world.api("GET", "/installation/repositories", { token });
    expect(repos.body.repositories.map((repo: { full_name: string }) => repo.full_name)).toEqual(["octocat/hello"]);
    expect((await world.api("GET", "/repos/octocat/hello/pulls/1", { token })).status).toBe(200);
    const comment = await world.api("POST", "/repos/octocat/hello/issues/1/comments", { token, body: { body: "hi" } });
    expect(comment.body.user).toMatchObject({ login: "nectr-test[bot]", type: "Bot" });
    // An installation token may not ask who it is.
    expect((await world.api("GET", "/user", { token })).status).toBe(403);
  });

  it("refuses a JWT signed by another key, expired, too long-lived, issued in the future, or a token in its place", async () => {
    const { app } = installedApp();
    const other = world.sim.state.apps.add({ slug: "other-app", owner: "octocat" });
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      appJwt({ id: app.id, privateKeyPem: other.privateKeyPem }),
      appJwt(app, { iat: now - 700, exp: now - 10 }),
      appJwt(app, { iat: now, exp: now + 3600 }),
      appJwt(app, { iat: now + 600, exp: now + 900 }),
      "not.a.jwt",
      OWNER_TOKEN,
    ];
    // Plain requests: GitHub's description documents no 401 answer for GET /app to check them against.
    const status = (token?: string) =>
      fetch(`${world.sim.url}/app`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(
        (response) => response.status,
      );
    for (const token of refused) expect(await status(token), token).toBe(401);
    expect(await status()).toBe(401);
  });

  it("mints nothing for a suspended installation, or another app's", async () => {
    const { app, installation } = installedApp();
    const other = world.sim.state.apps.add({ slug: "other-app", owner: "octocat" });
    const path = `/app/installations/${installation.id}/access_tokens`;
    expect((await world.api("POST", path, { token: appJwt(other) })).status).toBe(404);
    installation.suspendedAt = world.sim.state.now();
    expect((await world.api("POST", path, { token: appJwt(app) })).status).toBe(403);
    expect(world.sim.state.apps.minted).toEqual([]);
  });

  it("runs the manifest flow: the form sends the browser back with a code, which converts once into the app and its secrets", async () => {
    world.sim.state.apps.browserUser = "octocat";
    const manifest = {
      name: "nectr reviewer",
      url: "https://nectr.example.com",
      hook_attributes: { url: "https://nectr.example.com/api/v1/webhooks/github" },
      redirect_url: "http://127.0.0.1:9999/done",
      default_permissions: { pull_requests: "write", contents: "read" },
      default_events: ["pull_request", "issue_comment"],
    };
    const form = await fetch(`${world.sim.url}/settings/apps/new?state=xyz`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ manifest: JSON.stringify(manifest) }),
      redirect: "manual",
    });
    expect(form.status).toBe(302);
    const back = new URL(form.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe("http://127.0.0.1:9999/done");
    expect(back.searchParams.get("state")).toBe("xyz");
    const code = back.searchParams.get("code") ?? "";

    const converted = await world.api("POST", `/app-manifests/${code}/conversions`, { token: null });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ slug: "nectr-reviewer", events: manifest.default_events });
    expect(converted.body.pem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(converted.body.webhook_secret).toEqual(expect.any(String));
    const app = world.sim.state.apps.apps.get(converted.body.id)!;
    expect(
      (await world.api("GET", "/app", { token: appJwt({ id: app.id, privateKeyPem: converted.body.pem }) })).status,
    ).toBe(200);
    expect((await world.api("POST", `/app-manifests/${code}/conversions`, { token: null })).status).toBe(404);
  });
});
