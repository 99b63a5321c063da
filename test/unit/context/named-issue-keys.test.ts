import { describe, expect, it } from "vitest";
import { namedIssueKeys } from "../../../src/context/mcp/named-issue-keys.js";

const keysOf = (pr: { title?: string; body?: string; branch?: string }) =>
  namedIssueKeys({ title: "", body: "", branch: "", ...pr }).map((key) => key.text);

describe("the issue keys a PR names", () => {
  it("finds tracker keys and #N in the title and body, in order, each once", () => {
    expect(keysOf({ title: "Fix ENG-42 (#12)", body: "Also ENG-42 and OPS-7.\nSee #3." })).toEqual([
      "ENG-42",
      "#12",
      "OPS-7",
      "#3",
    ]);
    expect(namedIssueKeys({ title: "#12", body: "", branch: "" })).toEqual([{ text: "#12", number: 12 }]);
  });

  it("reads a key from a lower-case branch name, written as trackers write it", () => {
    expect(keysOf({ branch: "monalisa/eng-42-fix-checkout" })).toEqual(["ENG-42"]);
    expect(keysOf({ branch: "fix-checkout" })).toEqual([]);
  });

  it("leaves out what only looks like a key: HTML entities, URL fragments, lower-case words in prose", () => {
    expect(keysOf({ body: "a&#39;b http://x.io/#12 utf-8 eng-42" })).toEqual([]);
  });

  it("looks up at most five keys, whatever the PR names", () => {
    const body = Array.from({ length: 50 }, (_, index) => `KEY-${index + 1}`).join(" ");
    expect(keysOf({ body })).toEqual(["KEY-1", "KEY-2", "KEY-3", "KEY-4", "KEY-5"]);
  });
});
