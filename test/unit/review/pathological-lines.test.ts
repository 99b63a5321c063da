import { countTokens } from "gpt-tokenizer";
import { describe, expect, it } from "vitest";
import { closingIssueRefs } from "../../../src/review/linked-issues.js";
import { linearTokenCounter } from "../../../src/review/linear-token-count.js";
import { parsePrCommand } from "../../../src/review/pr-command.js";
import { runRules } from "../../../src/review/rules/built-in-rules.js";
import { addedFile } from "./rules/review-file.js";

// A pull request is written by a stranger: no line of it may cost more than its length. Each line
// below is 200,000 characters, unclipped, and goes through every built-in rule in a file of every
// kind the rules treat differently, and through the token counter. Before the rules were made
// linear, the first three took 186 s, 9.1 s and 24.6 s; a linear scan of 200,000 characters takes
// a few milliseconds, so the limit leaves room for a slow, busy CI machine and still fails any
// quadratic pattern by orders of magnitude.
const LENGTH = 200_000;
const LIMIT_MS = 1_500;

const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
const framed = (head: string, unit: string, tail: string) => head + fill(unit) + tail;

const PATHOLOGICAL_LINES: Record<string, string> = {
  "a TOML table header of spaces (issue 13)": framed("[", " ", "x"),
  "token= over and over (issue 13)": fill("token="),
  "one 200,000-character run (issue 13)": fill("a"),
  "token= over and over, ending in a character no value holds": framed("", "token=", "!"),
  "a quoted secret value that never closes": framed('password = "', "A1", ""),
  "a debug call followed by spaces and then code": framed("console.log(x)", " ", "x"),
  "a debug call with parentheses that never close": framed("console.log(", "(", ""),
  "a debug call with nested parentheses": framed("print(", "(()", ")"),
  "debugger and spaces": framed("debugger", " ", "x"),
  "a pdb call and spaces": framed("import pdb; pdb.set_trace()", " ", "x"),
  "a go.mod requirement with comment slashes": framed("example.com/mod v1", "//a", "\u2028z"),
  "a go.mod requirement with a long version": framed("example.com/mod v1", "x", " y"),
  "a JSON entry with spaces before the colon": framed('"name"', " ", "x"),
  "a TOML key with spaces before the equals sign": framed("serde", " ", "x"),
  "a Slack-looking token of dashes": framed("xoxb-", "a-", ""),
  "Slack-looking tokens back to back": fill("xoxb-"),
  "an AWS secret name and spaces": framed("aws_secret_access_key", " ", "x"),
  "AWS secret names back to back": fill("aws_secret"),
  "a private key header with many words": framed("-----BEGIN ", "A ", "x"),
  "placeholder brackets": framed("token = ", "<", ""),
  "a comment opener then spaces": framed("#", " ", "TODO"),
  "only spaces": fill(" "),
  "only tabs and spaces": fill("\t "),
  "only punctuation": fill("="),
  "only quotes": fill('"'),
  "quotes of both kinds": fill("'\""),
  backticks: fill("`"),
  "conflict-marker look-alikes": fill("<"),
  "accented letters": fill("é"),
  emoji: fill("😀"),
  digits: fill("1"),
  "mixed case": fill("aZ"),
  // Split, so that no scan for focused tests mistakes this line for one.
  "test markers back to back": fill("it" + ".only("),
  "slashes and stars": fill("/*"),
};

// One file per way the rules read a file: by language, by manifest, by prose.
const PATHS = [
  "Cargo.toml",
  "pyproject.toml",
  "package.json",
  "composer.json",
  "go.mod",
  "Gemfile",
  "src/app.ts",
  "app/main.py",
  "lib/app.rb",
  "web/index.php",
  "cmd/main.go",
  "src/Main.java",
  "src/Main.kt",
  "README.md",
  "config/settings.yml",
  ".env",
];

function millisecondsOf(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe("a pathological line costs no more than its length", () => {
  for (const [name, line] of Object.entries(PATHOLOGICAL_LINES)) {
    it(`in every built-in rule: ${name}`, () => {
      const slow = PATHS.map((path) => ({
        path,
        ms: millisecondsOf(() => runRules([addedFile(path, [line])]).findings),
      }));
      expect(slow.filter(({ ms }) => ms > LIMIT_MS)).toEqual([]);
    });

    it(`in the token counter: ${name}`, () => {
      const count = linearTokenCounter(countTokens);
      expect(millisecondsOf(() => count(line))).toBeLessThan(LIMIT_MS);
    });

    it(`in a PR body's closing-issue references and a comment's @nectr command: ${name}`, () => {
      const body = `fix ${line}\nFixes ${line}\n@nectr ${line}`;
      expect(millisecondsOf(() => closingIssueRefs(body, { owner: "o", repo: "r" }))).toBeLessThan(LIMIT_MS);
      expect(millisecondsOf(() => parsePrCommand(body))).toBeLessThan(LIMIT_MS);
    });
  }
});

describe("the linear token counter", () => {
  it("counts ordinary text exactly as the tokenizer does", () => {
    const text = "export function add(a: number, b: number): number {\n  return a + b;\n}\n".repeat(50);
    expect(linearTokenCounter(countTokens)(text)).toBe(countTokens(text));
  });

  it("counts a long run in slices, within a few percent of the tokenizer", () => {
    const run = "const key = '" + "q".repeat(5_000) + "';";
    const exact = countTokens(run);
    const counted = linearTokenCounter(countTokens)(run);
    expect(counted).toBeGreaterThanOrEqual(exact);
    expect(counted).toBeLessThan(exact * 1.1 + 10);
  });
});
