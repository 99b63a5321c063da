import { readFileSync } from "node:fs";
import path from "node:path";
import { AsyncEntry } from "@napi-rs/keyring";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitHubSimulator } from "../harness/github-sim/server.js";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

// Needs a Secret Service: .ci/run provides one (.ci/with-secret-service.sh, gnome-keyring in a
// private D-Bus session). Without a session bus there is no keychain to test, and the file
// fallback is what test/e2e/auth.test.ts covers.
const bus = process.env.DBUS_SESSION_BUS_ADDRESS;

let sim: GitHubSimulator;
let home: string;

beforeEach(async () => {
  sim = await GitHubSimulator.start();
  sim.state.addUser("octocat", { token: "gho_keychain_test_token" });
  home = tempDir();
});
afterEach(async () => sim.close());
afterAll(removeTempDirs);

const nectr = (args: string[], stdin?: string) =>
  runNectr(args, { home, stdin, env: { NECTR_GITHUB_API_URL: sim.url, DBUS_SESSION_BUS_ADDRESS: bus ?? "" } });

describe.runIf(bus)("the OS keychain (a real Secret Service)", () => {
  it("keeps the token in the keychain, not in hosts.json, and forgets it on logout", async () => {
    const host = new URL(sim.url).host;
    const login = await nectr(["login", "--with-token"], "gho_keychain_test_token");
    expect(login).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(readFileSync(path.join(home, "hosts.json"), "utf8"))).toEqual({ [host]: { user: "octocat" } });
    const entry = new AsyncEntry("nectr", host, { linux: { store: "secret-service" } });
    expect(await entry.getPassword()).toBe("gho_keychain_test_token");
    expect(JSON.parse((await nectr(["auth", "status", "--json"])).stdout).source).toBe("keychain");
    expect((await nectr(["logout"])).code).toBe(0);
    expect(await entry.getPassword()).toBeNull();
  });
});
