import { describe, expect, it } from "vitest";
import { createPositionReader } from "../../../../src/review/rules/code-position.js";
import { SYNTAX_OF } from "../../../../src/review/rules/file-language.js";

function positionsOf(text: string, needle: string, language: keyof typeof SYNTAX_OF): string[] {
  const positionAt = createPositionReader(text, SYNTAX_OF[language]);
  const positions: string[] = [];
  for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + 1)) {
    positions.push(positionAt(index));
  }
  return positions;
}

describe("code position", () => {
  it("tells code from string literals, escaped quotes included", () => {
    expect(positionsOf(`f("it's \\"X\\"", 'X'); X; \`X\``, "X", "javascript")).toEqual([
      "string",
      "string",
      "code",
      "string",
    ]);
  });

  it("tells code from line and block comments, and sees code again after a block comment closes", () => {
    expect(positionsOf("X /* X */ X // X", "X", "javascript")).toEqual(["code", "comment", "code", "comment"]);
    expect(positionsOf("X  # X '#' X", "X", "python")).toEqual(["code", "comment", "comment"]);
    expect(positionsOf("X = '#'; X # X // X", "X", "php")).toEqual(["code", "code", "comment", "comment"]);
  });

  it("reads a block comment's continuation line as a comment, but not Go's pointer writes", () => {
    expect(positionsOf(" * X", "X", "javascript")).toEqual(["comment"]);
    expect(positionsOf("*p = X", "X", "go")).toEqual(["code"]);
    expect(positionsOf("* X", "X", "python")).toEqual(["code"]);
  });
});
