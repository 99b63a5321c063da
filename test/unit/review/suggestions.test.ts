import { describe, expect, it } from "vitest";
import { keepPlaceable } from "../../../src/review/assemble-review.js";
import type { Finding } from "../../../src/review/types.js";
import { reviewFile } from "./rules/review-file.js";

const file = reviewFile("src/a.ts", [" const a = 1;", "+const b = a * 60;", " export { a, b };"], {
  headText: "const a = 1;\nconst b = a * 60;\nexport { a, b };\n",
});
const finding = (overrides: Partial<Finding>): Finding => ({
  path: "src/a.ts",
  line: 2,
  startLine: null,
  side: "RIGHT",
  severity: "suggestion",
  rule: "llm",
  title: "Name the magic number",
  body: "Why.",
  suggestion: null,
  ...overrides,
});
const kept = (overrides: Partial<Finding>) => keepPlaceable([finding(overrides)], [file], []).findings[0]?.suggestion;

describe("suggestions, which GitHub applies over exactly the finding's lines", () => {
  it("are kept when they change those lines", () => {
    expect(kept({ suggestion: "const b = a * SECONDS_PER_MINUTE;" })).toBe("const b = a * SECONDS_PER_MINUTE;");
    // Only whitespace differs: still a change GitHub would commit.
    expect(kept({ suggestion: "  const b = a * 60;" })).toBe("  const b = a * 60;");
  });

  it("are left out when they change nothing, or when the model's block is empty", () => {
    expect(kept({ suggestion: "const b = a * 60;" })).toBeNull();
    expect(kept({ suggestion: "const b = a * 60;\n" })).toBeNull();
    expect(kept({ suggestion: "" })).toBeNull();
    expect(kept({ suggestion: "  \n" })).toBeNull();
  });

  it("may be empty from a built-in check, which deletes a line that is only a debug call", () => {
    expect(kept({ rule: "debug/console-log", suggestion: "" })).toBe("");
  });

  it("never ride on a comment on a whole file, which GitHub cannot apply", () => {
    expect(kept({ line: 1, subjectType: "file", suggestion: "const a = 2;" })).toBeNull();
  });
});
