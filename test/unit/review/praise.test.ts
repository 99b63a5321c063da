import { describe, expect, it } from "vitest";
import { isPraiseOnly } from "../../../src/review/praise.js";

const finding = (title: string, body = "", severity: "critical" | "warning" | "suggestion" | "nit" = "nit") => ({
  title,
  body,
  severity,
  suggestion: null as string | null,
});

describe("isPraiseOnly", () => {
  it.each([
    ["Nice use of early returns", "This reads well."],
    ["Good test coverage", "The edge cases are all here."],
    ["LGTM", ""],
    ["Well-done refactor", "Much easier to follow now."],
    ["👍 clear naming", ""],
  ])("drops %j", (title, body) => {
    expect(isPraiseOnly(finding(title, body))).toBe(true);
  });

  it.each([
    ["Good idea, but the cache never expires", ""],
    ["Nice helper", "Consider handling the empty list."],
    ["Clean split", "It should also close the file on error."],
    ["Missing null check", ""],
    ["Goodness check is inverted", ""],
  ])("keeps %j: it asks for a change or is not praise", (title, body) => {
    expect(isPraiseOnly(finding(title, body))).toBe(false);
  });

  it("keeps praise-titled findings that carry a suggestion or a heavier severity", () => {
    expect(isPraiseOnly({ ...finding("Nice", "", "nit"), suggestion: "return x;" })).toBe(false);
    expect(isPraiseOnly(finding("Great catch", "", "warning"))).toBe(false);
  });
});
