import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deviceFlowLogin, type DeviceFlowOptions } from "../../../src/auth/device-flow.js";
import { AuthError, RemoteError } from "../../../src/errors.js";
import { GitHubSimulator } from "../../harness/github-sim/server.js";

let sim: GitHubSimulator;
let waits: number[];
let clock: number;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat");
  waits = [];
  clock = 0;
});
afterEach(async () => sim.close());

// A fake clock: the flow's waits are recorded and advance time, so nothing sleeps for real.
const login = (overrides: Partial<DeviceFlowOptions> = {}) =>
  deviceFlowLogin({
    webUrl: sim.url,
    clientId: "sim-client-id",
    onCode: () => {},
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
      clock += milliseconds;
    },
    now: () => clock,
    ...overrides,
  });

describe("device flow against GitHub's endpoints", () => {
  it("polls at GitHub's interval, adds 5 s for every later poll after slow_down, and returns the token", async () => {
    sim.deviceFlow.script = ["authorization_pending", "authorization_pending", "slow_down", "authorization_pending"];
    let shown = "";
    const result = await login({ onCode: (code) => (shown = `${code.userCode} ${code.verificationUri}`) });
    expect(shown).toMatch(new RegExp(`^[A-Z]{4}-[A-Z]{4} ${sim.url}/login/device$`));
    expect(waits).toEqual([5000, 5000, 5000, 10000, 10000]);
    expect(sim.state.tokens.get(result.token)?.scopes).toEqual(["repo", "admin:repo_hook", "read:user"]);
    expect(sim.state.tokens.get(result.token)?.login).toBe("octocat");
  });

  it("stops on expired_token and access_denied with an auth error", async () => {
    sim.deviceFlow.script = ["expired_token"];
    const expired = await login().catch((caught: unknown) => caught);
    expect(expired).toBeInstanceOf(AuthError);
    expect(String(expired)).toContain("the one-time code expired before it was entered");
    sim.deviceFlow.script = ["authorization_pending", "access_denied"];
    await expect(login()).rejects.toThrow(/the authorization was denied on GitHub/);
    expect(sim.deviceFlow.issuedTokens).toEqual([]);
  });

  it("gives up when the code's lifetime runs out while still pending", async () => {
    sim.deviceFlow.expiresIn = 12;
    sim.deviceFlow.script = Array(10).fill("authorization_pending");
    await expect(login()).rejects.toThrow(/expired before it was entered/);
    expect(waits).toEqual([5000, 5000, 5000]);
  });

  it("names a client id GitHub does not know, and an unreachable GitHub", async () => {
    await expect(login({ clientId: "nope" })).rejects.toThrow(/GitHub does not know the OAuth app client id "nope"/);
    const error = await login({ webUrl: "http://127.0.0.1:9" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RemoteError);
    expect(String(error)).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});
