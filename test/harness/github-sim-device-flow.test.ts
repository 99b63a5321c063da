import { describe, expect, it } from "vitest";
import { useSeededSimulator } from "./sim-world.js";

const world = useSeededSimulator();

describe("GitHub simulator: OAuth device flow", () => {
  const post = (path: string, form: Record<string, string>) =>
    world.api("POST", path, { body: form, accept: "application/json", token: null });

  it("answers pending, then slow_down with a longer interval, then a working token", async () => {
    world.sim.deviceFlow.script = ["authorization_pending", "slow_down"];
    const code = await post("/login/device/code", {
      client_id: "sim-client-id",
      scope: "repo admin:repo_hook read:user",
    });
    expect(code.body).toMatchObject({
      verification_uri: `${world.sim.url}/login/device`,
      interval: 5,
      expires_in: 900,
    });
    expect(code.body.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    const poll = {
      client_id: "sim-client-id",
      device_code: code.body.device_code,
      grant_type: "urn:ietf:params:oauth:grant-type:device_code",
    };
    expect((await post("/login/oauth/access_token", poll)).body.error).toBe("authorization_pending");
    expect((await post("/login/oauth/access_token", poll)).body).toMatchObject({ error: "slow_down", interval: 10 });
    const granted = await post("/login/oauth/access_token", poll);
    expect(granted.body).toMatchObject({ token_type: "bearer", scope: "repo,admin:repo_hook,read:user" });
    const me = await world.api("GET", "/user", { token: granted.body.access_token });
    expect(me.body.login).toBe("octocat");
    expect(me.headers.get("x-oauth-scopes")).toBe("repo, admin:repo_hook, read:user");
  });

  it("ends with expired_token or access_denied, and refuses an unknown client id", async () => {
    for (const outcome of ["expired_token", "access_denied"] as const) {
      world.sim.deviceFlow.script = [outcome];
      const code = await post("/login/device/code", { client_id: "sim-client-id" });
      const poll = {
        client_id: "sim-client-id",
        device_code: code.body.device_code,
        grant_type: "urn:ietf:params:oauth:grant-type:device_code",
      };
      expect((await post("/login/oauth/access_token", poll)).body.error).toBe(outcome);
      expect((await post("/login/oauth/access_token", poll)).body.error).toBe("expired_token");
    }
    expect((await post("/login/device/code", { client_id: "unknown" })).status).toBe(404);
    expect(world.sim.deviceFlow.issuedTokens).toEqual([]);
  });
});
