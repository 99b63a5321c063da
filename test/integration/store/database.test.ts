import { statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../../src/store/migrations.js";
import { openDatabase, schemaVersion } from "../../../src/store/open-database.js";
import { findRepo, listRepos, markRepoInactive, saveConnectedRepo } from "../../../src/store/repos-table.js";
import { removeTempDirs, tempDir } from "../../harness/run-nectr.js";

afterAll(removeTempDirs);

const databaseFile = () => path.join(tempDir(), "data", "nectr.db");

describe("the SQLite database", () => {
  it("is created 0600 in WAL mode with foreign keys on and every migration applied", () => {
    const file = databaseFile();
    const db = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        "events",
        "findings",
        "repos",
        "reviews",
        "graph_pull_requests",
        "graph_touches",
        "memories",
        "memories_fts",
      ]),
    );
    db.close();
  });

  it("upgrades an old schema and keeps its data", () => {
    const file = databaseFile();
    const old = openDatabase(file, MIGRATIONS.slice(0, 1));
    old
      .prepare(
        "INSERT INTO repos (full_name, hook_id, hook_url, sealed_secret, active, connected_by, created_at, updated_at) VALUES ('o/r', 7, 'https://x', 'v1:abc', 1, 'mona', 't0', 't0')",
      )
      .run();
    old.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    expect(findRepo(db, "O/R")).toMatchObject({
      fullName: "o/r",
      hookId: 7,
      sealedSecret: "v1:abc",
      sealedToken: null,
      connectedBy: "mona",
    });
    db.close();
  });

  it("refuses a database from a newer nectr", () => {
    const file = databaseFile();
    openDatabase(file).pragma("user_version = 99");
    expect(() => openDatabase(file)).toThrow(/from a newer nectr \(schema 99/);
  });

  it("keeps one row per repository, updated by a second connect and marked inactive on disconnect", () => {
    const db = openDatabase(databaseFile());
    const repo = {
      fullName: "octo/app",
      hookId: 1,
      hookUrl: "https://a",
      sealedSecret: "v1:s1",
      sealedToken: "v1:t1",
      connectedBy: "octo",
    };
    saveConnectedRepo(db, repo, "2026-01-01T00:00:00Z");
    saveConnectedRepo(db, { ...repo, hookId: 2, sealedSecret: "v1:s2" }, "2026-01-02T00:00:00Z");
    expect(listRepos(db)).toEqual([
      expect.objectContaining({
        fullName: "octo/app",
        hookId: 2,
        sealedSecret: "v1:s2",
        active: true,
        createdAt: "2026-01-01T00:00:00Z",
        lastDeliveryAt: null,
        lastReviewAt: null,
      }),
    ]);
    markRepoInactive(db, "octo/app", "2026-01-03T00:00:00Z");
    expect(findRepo(db, "octo/app")).toMatchObject({ active: false, hookId: 2 });
  });
});
