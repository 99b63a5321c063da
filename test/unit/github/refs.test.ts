import { describe, expect, it } from "vitest";
import { parsePullRequestRef } from "../../../src/github/refs.js";
import { UsageError } from "../../../src/errors.js";

describe("parsePullRequestRef", () => {
  it.each([
    ["octo/app#42", { owner: "octo", repo: "app", number: 42 }],
    ["my-org/my.repo_v2#7", { owner: "my-org", repo: "my.repo_v2", number: 7 }],
    ["https://github.com/octo/app/pull/42", { owner: "octo", repo: "app", number: 42 }],
    ["https://github.com/octo/app/pull/42/files", { owner: "octo", repo: "app", number: 42 }],
    ["https://ghe.example.com/octo/app/pull/3", { owner: "octo", repo: "app", number: 3 }],
  ])("reads %s", (input, expected) => {
    expect(parsePullRequestRef(input)).toEqual(expected);
  });

  it.each([
    "foo",
    "octo/app#abc",
    "octo/app#0",
    "octo/app",
    "#4",
    "octo/app#-1",
    "https://github.com/octo/app/issues/4",
    "-bad/app#1",
    "ftp://github.com/o/r/pull/1",
  ])("refuses %s with a usage error", (input) => {
    expect(() => parsePullRequestRef(input)).toThrow(UsageError);
  });
});
