import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sealSecret } from "../../../src/auth/seal.js";
import { webhookSecretForHook } from "../../../src/daemon/webhook-secrets.js";
import { openDatabase } from "../../../src/store/open-database.js";
import { sqliteStore } from "../../../src/store/sqlite-store.js";
import { saveConnectedRepo } from "../../../src/store/repos-table.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("the secret a delivery must be signed with", () => {
  const key = randomBytes(32);
  const db = openDatabase(path.join(tempDir(), "nectr.db"));
  const { repos } = sqliteStore(db, "nectr.db");
  saveConnectedRepo(
    db,
    {
      fullName: "octocat/hello",
      hookId: 42,
      hookUrl: "https://nectr.example.com/api/v1/webhooks/github",
      sealedSecret: sealSecret("hook-secret", key),
      sealedToken: null,
      connectedBy: "octocat",
    },
    "2026-12-03T00:00:00Z",
  );
  const secretFor = (hookId: string | undefined, app?: { secret: string | undefined; fromApp: boolean }) =>
    webhookSecretForHook(repos, key, hookId, "global-secret", app);

  it("is the hook's own for a connected repo's hook, and vouches for that repo only", async () => {
    expect(await secretFor("42")).toEqual({ secret: "hook-secret", repo: "octocat/hello" });
  });

  it("is the app's for a delivery of the app's webhook, else the global secret", async () => {
    expect(await secretFor("7", { secret: "app-secret", fromApp: true })).toEqual({
      secret: "app-secret",
      repo: undefined,
    });
    expect(await secretFor("7", { secret: "app-secret", fromApp: false })).toEqual({
      secret: "global-secret",
      repo: undefined,
    });
    // An app set up through the environment has no stored secret: NECTR_WEBHOOK_SECRET is its secret then.
    expect(await secretFor("7", { secret: undefined, fromApp: true })).toEqual({
      secret: "global-secret",
      repo: undefined,
    });
  });

  it("is none at all when nothing is known: the delivery is refused", async () => {
    expect(
      await webhookSecretForHook(repos, key, "7", undefined, { secret: undefined, fromApp: true }),
    ).toBeUndefined();
    expect(await webhookSecretForHook(repos, key, undefined, undefined)).toBeUndefined();
  });
});
