import { describe, expect, it } from "vitest";
import { GitHubOpenApi } from "./openapi.js";

describe("OpenAPI check of the simulator's answers", () => {
  const openapi = GitHubOpenApi.load();

  it("finds the documented path template, literal segments first", () => {
    expect(openapi.templateFor("/repos/o/r/pulls/1/files")).toBe("/repos/{owner}/{repo}/pulls/{pull_number}/files");
    expect(openapi.templateFor("/repos/o/r/contents/a/b/c.ts")).toBe("/repos/{owner}/{repo}/contents/{path}");
    expect(openapi.templateFor("/repos/o/r/issues/comments/5")).toBe(
      "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    );
  });

  it("reports an answer that breaks the schema", () => {
    expect(openapi.validate("GET", "/repos/o/r/pulls/1", 200, { number: "one" })).not.toEqual([]);
    expect(openapi.validate("GET", "/repos/o/r/pulls/1/files", 200, [{ filename: "a" }])).not.toEqual([]);
    expect(openapi.validate("GET", "/nowhere", 200, {})).toEqual(["no documented path for /nowhere"]);
  });
});
