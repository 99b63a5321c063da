import { describe, expect, it } from "vitest";
import { parsePatch } from "../../../src/diff/parse-patch.js";
import { anchorQuote, anchorQuoteInText } from "../../../src/review/anchor-quote.js";

const hunks = parsePatch(
  [
    "@@ -1,4 +1,6 @@",
    " function total(items) {",
    "-  let sum = 0;",
    "+  let sum = 0",
    "+  for (const item of items) sum += item.price;",
    "+  console.log(sum);",
    "   return sum;",
    " }",
    "@@ -20,2 +22,3 @@",
    " export const a = 1;",
    "+export const b = 2;",
    " export const c = 3;",
  ].join("\n"),
);

describe("anchorQuote", () => {
  it("finds a one-line quote on an added line, ignoring whitespace differences", () => {
    expect(anchorQuote(hunks, "console.log( sum );".replace("( sum )", "(sum)"))).toEqual({
      line: 4,
      startLine: null,
      wholeLines: true,
    });
    expect(anchorQuote(hunks, "   console.log(sum);  ")).toEqual({ line: 4, startLine: null, wholeLines: true });
  });

  it("gives a range for a quote of consecutive lines", () => {
    expect(anchorQuote(hunks, "let sum = 0\nfor (const item of items) sum += item.price;")).toEqual({
      line: 3,
      startLine: 2,
      wholeLines: true,
    });
  });

  it("places a quote in the second hunk by the new file's numbering", () => {
    expect(anchorQuote(hunks, "export const b = 2;")).toEqual({ line: 23, startLine: null, wholeLines: true });
  });

  it("matches a long part of a line, but not a short one", () => {
    expect(anchorQuote(hunks, "sum += item.price")).toEqual({ line: 3, startLine: null, wholeLines: false });
    expect(anchorQuote(hunks, "sum")).toBeUndefined();
  });

  it("refuses quotes that are not on the new side of the diff", () => {
    expect(anchorQuote(hunks, "let sum = 0;")).toBeUndefined();
    expect(anchorQuote(hunks, "export const z = 26;")).toBeUndefined();
    expect(anchorQuote(hunks, "")).toBeUndefined();
    expect(anchorQuote(hunks, "return sum;\nexport const a = 1;")).toBeUndefined();
  });

  it("prefers an added line to an identical context line", () => {
    const twice = parsePatch("@@ -1,2 +1,3 @@\n retry();\n+retry();\n done();");
    expect(anchorQuote(twice, "retry();")).toEqual({ line: 2, startLine: null, wholeLines: true });
  });

  it("finds a quote in a whole file's text, for code outside the diff, by the file's own line numbers", () => {
    const text = "import x from 'x';\n\nfunction f() {\n  return x;\n}\n";
    expect(anchorQuoteInText(text, "function f() {\n  return x;")).toEqual({ line: 4, startLine: 3, wholeLines: true });
    expect(anchorQuoteInText(text, "import x from")).toEqual({ line: 1, startLine: null, wholeLines: false });
    expect(anchorQuoteInText(text, "return y;")).toBeUndefined();
  });
});
