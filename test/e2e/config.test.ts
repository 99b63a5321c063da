import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, runNectr, tempDir } from "../harness/run-nectr.js";

afterAll(removeTempDirs);

describe("nectr config", () => {
  it("writes config.json with mode 0600, and lists each setting with its source", async () => {
    const home = tempDir();
    expect((await runNectr(["config", "set", "model", "llama3.1"], { home })).code).toBe(0);
    expect((await runNectr(["config", "set", "port", "9001"], { home })).code).toBe(0);
    const file = path.join(home, "config.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ model: "llama3.1", port: 9001 });

    const listed = await runNectr(["config", "list", "--json"], { home, env: { NECTR_MODEL: "from-env" } });
    expect(listed.code).toBe(0);
    const settings = JSON.parse(listed.stdout).settings as { key: string; value: unknown; source: string }[];
    expect(settings.find((row) => row.key === "model")).toEqual({ key: "model", value: "from-env", source: "env" });
    expect(settings.find((row) => row.key === "port")).toEqual({ key: "port", value: 9001, source: "file" });
    expect(settings.find((row) => row.key === "host")).toEqual({ key: "host", value: "127.0.0.1", source: "default" });
    expect(listed.stderr).toBe("");

    expect(await runNectr(["config", "get", "port"], { home })).toMatchObject({ code: 0, stdout: "9001\n" });
  });

  it("refuses a bad value with exit 2, naming the key, its allowed values and a good one, and leaves the file as it was", async () => {
    const home = tempDir();
    await runNectr(["config", "set", "port", "9001"], { home });
    for (const value of ["http", "0", "1e3", " 8000", "80.0e0"]) {
      const run = await runNectr(["config", "set", "port", value], { home });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("nectr: port must be a whole number from 1 to 65535 — e.g. nectr config set port 8000\n");
    }
    expect(JSON.parse(readFileSync(path.join(home, "config.json"), "utf8"))).toEqual({ port: 9001 });
    expect((await runNectr(["config", "set", "reviewDrafts", "yes"], { home })).stderr).toBe(
      "nectr: reviewDrafts must be true or false — e.g. nectr config set reviewDrafts true\n",
    );
  });

  it("names each URL setting and a URL that fits it, in the environment and in config set", async () => {
    const wrong = [
      ["OPENAI_BASE_URL", "http://localhost:11434/v1"],
      ["NECTR_GITHUB_URL", "https://github.com"],
      ["NECTR_GITHUB_API_URL", "https://api.github.com"],
    ];
    for (const [variable, example] of wrong) {
      const run = await runNectr(["config", "list"], { env: { [variable ?? ""]: "localhost" } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^nectr: ${variable} must be an http\\(s\\) URL, like ${example}.* — e\\.g\\. ${variable}=${example}, or unset it\n$`,
        ),
      );
    }
    const publicUrl = await runNectr(["config", "set", "publicUrl", "nectr.example.com"]);
    expect(publicUrl.stderr).toBe(
      "nectr: publicUrl must be an http(s) URL, like https://nectr.example.com — e.g. nectr config set publicUrl https://nectr.example.com\n",
    );
    const openaiBaseUrl = await runNectr(["config", "set", "openaiBaseUrl", "localhost:11434"]);
    expect(openaiBaseUrl.stderr).toMatch(
      /^nectr: openaiBaseUrl must be an http\(s\) URL, like http:\/\/localhost:11434\/v1 — /,
    );
  });

  it("reports a broken config.json in one line, and still lets it be fixed with config set", async () => {
    const home = tempDir();
    writeFileSync(path.join(home, "config.json"), '{"port": 0}');
    const broken = await runNectr(["config", "list"], { home });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(
      /^nectr: "port" in .*config\.json must be a whole number from 1 to 65535 — run nectr config set port 8000, or fix the file\n$/,
    );
    expect((await runNectr(["config", "set", "port", "8080"], { home })).code).toBe(0);
    expect((await runNectr(["config", "list"], { home })).code).toBe(0);
  });
});
