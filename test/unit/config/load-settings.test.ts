import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/config/load-settings.js";
import { UsageError } from "../../../src/errors.js";

import { memoryFs } from "../../harness/memory-fs.js";

const home = { NECTR_HOME: "/nectr" };
const load = (env: Record<string, string>, files: Record<string, string> = {}) =>
  loadSettings({ env, homeDir: "/home/u", fs: memoryFs(files).port });

describe("loadSettings", () => {
  it("gives the SPEC's defaults with no file and no variables", () => {
    expect(load(home)).toMatchObject({
      githubApiUrl: "https://api.github.com",
      githubUrl: "https://github.com",
      model: "gpt-4o-mini",
      host: "127.0.0.1",
      port: 8000,
      concurrency: 2,
      githubClientId: undefined,
      openaiBaseUrl: undefined,
      envToken: undefined,
      neo4j: undefined,
      debug: false,
      sources: {},
    });
  });

  it("takes config.json over defaults and the environment over config.json", () => {
    const file = JSON.stringify({ model: "from-file", port: 9000, githubApiUrl: "https://ghe.example.com/api/v3/" });
    const settings = load({ ...home, NECTR_MODEL: "from-env" }, { "/nectr/config.json": file });
    expect(settings).toMatchObject({ model: "from-env", port: 9000, githubApiUrl: "https://ghe.example.com/api/v3" });
    expect(settings.sources).toEqual({ model: "env", port: "file", githubApiUrl: "file" });
  });

  it("derives the web URL from an Enterprise Server API URL when only that is set", () => {
    expect(load({ ...home, NECTR_GITHUB_API_URL: "https://ghe.example.com/api/v3" }).githubUrl).toBe(
      "https://ghe.example.com",
    );
    expect(
      load({
        ...home,
        NECTR_GITHUB_API_URL: "https://ghe.example.com/api/v3",
        NECTR_GITHUB_URL: "https://web.example.com",
      }).githubUrl,
    ).toBe("https://web.example.com");
  });

  it("treats a variable set to an empty string as unset", () => {
    expect(load({ ...home, NECTR_MODEL: "", GH_TOKEN: " " })).toMatchObject({
      model: "gpt-4o-mini",
      envToken: undefined,
    });
  });

  it("picks the token variable in the SPEC's order: GH_TOKEN, GITHUB_TOKEN, GITHUB_PAT", () => {
    expect(load({ ...home, GITHUB_PAT: "c", GITHUB_TOKEN: "b", GH_TOKEN: "a" }).envToken).toEqual({
      variable: "GH_TOKEN",
      value: "a",
    });
    expect(load({ ...home, GITHUB_PAT: "c", GITHUB_TOKEN: "b" }).envToken).toEqual({
      variable: "GITHUB_TOKEN",
      value: "b",
    });
    expect(load({ ...home, GITHUB_PAT: "c" }).envToken).toEqual({ variable: "GITHUB_PAT", value: "c" });
  });

  it("reads the optional backends and secrets from the environment", () => {
    const settings = load({
      ...home,
      NEO4J_URI: "bolt://db:7687",
      NEO4J_USER: "neo",
      NECTR_WEBHOOK_SECRET: "w",
      MEM0_API_KEY: "m",
      NECTR_DEBUG: "1",
    });
    expect(settings).toMatchObject({
      neo4j: { uri: "bolt://db:7687", user: "neo", password: undefined },
      webhookSecret: "w",
      mem0ApiKey: "m",
      debug: true,
    });
    expect(load({ ...home, NECTR_DEBUG: "0" }).debug).toBe(false);
  });

  it("takes a postgres:// NECTR_DATABASE_URL, refuses anything else without echoing it, and leaves SQLite when unset", () => {
    const url = "postgres://nectr:s3cret-pw@db.internal:5432/nectr";
    expect(load({ ...home, NECTR_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(load({ ...home, NECTR_DATABASE_URL: "postgresql://db/nectr" }).databaseUrl).toBe("postgresql://db/nectr");
    expect(load({ ...home, NECTR_DATABASE_URL: "" }).databaseUrl).toBeUndefined();
    for (const bad of ["mysql://root:s3cret-pw@db/nectr", "s3cret-pw", "sqlite:///tmp/x.db"]) {
      expect(() => load({ ...home, NECTR_DATABASE_URL: bad })).toThrow(
        /^NECTR_DATABASE_URL must be a postgres:\/\/ URL$/,
      );
      expect(() => load({ ...home, NECTR_DATABASE_URL: bad })).not.toThrow(/s3cret/);
    }
  });

  it("accepts MCP servers in the shape MCP clients share", () => {
    const mcpServers = {
      linear: { command: "npx", args: ["-y", "some-mcp-server"], env: { KEY: "v" } },
      sentry: { url: "https://mcp.example.com" },
    };
    expect(load(home, { "/nectr/config.json": JSON.stringify({ mcpServers }) }).mcpServers).toEqual(mcpServers);
  });

  const failures: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
      "a bad variable, naming it and the expected form",
      { NECTR_GITHUB_API_URL: "ftp://x" },
      {},
      /^NECTR_GITHUB_API_URL must be an http\(s\) URL/,
    ],
    [
      "a bad key in the file, naming key and file",
      {},
      { "/nectr/config.json": '{"port": "eighty"}' },
      /^"port" in \/nectr\/config.json must be a whole number from 1 to 65535$/,
    ],
    [
      "an unknown key",
      {},
      { "/nectr/config.json": '{"modle": "x"}' },
      /^unknown setting "modle" in \/nectr\/config.json$/,
    ],
    ["a file that is not JSON", {}, { "/nectr/config.json": "{port: 1" }, /^\/nectr\/config.json is not valid JSON$/],
    ["a file that is not an object", {}, { "/nectr/config.json": "[1]" }, /must hold a JSON object$/],
    [
      "a malformed MCP server",
      {},
      { "/nectr/config.json": '{"mcpServers": {"x": {"cmd": "npx"}}}' },
      /^"mcpServers" in .* must be an MCP server/,
    ],
  ];
  it.each(failures)("refuses %s with a usage error", (_name, env, files, message) => {
    let caught: unknown;
    try {
      load({ ...home, ...env }, files);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toMatch(message);
    expect((caught as UsageError).hint).toBeTruthy();
  });

  it("never repeats a rejected secret value in its message", () => {
    expect(() => load({ ...home, OPENAI_BASE_URL: "sk-live-secret-value" })).toThrow(/^(?!.*sk-live-secret-value).*$/);
  });
});
