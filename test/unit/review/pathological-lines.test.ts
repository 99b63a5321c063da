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
  // The patterns issue 18 added: JWTs, service keys, bearer tokens, URL passwords, typed and quoted-name
  // assignments, private keys in literals, the runners' test markers, the debug gem, doctests and script guards.
  "JWT segments that never reach a third": framed("", "eyJaaaaaaaaaaaaa.", "!"),
  "a JWT-looking run of dashes": fill("eyJ-"),
  "an OpenAI-looking key with no marker": framed("sk-proj-", "a", ""),
  "Anthropic-looking prefixes back to back": fill("sk-ant-api03-"),
  "a GitLab-looking token with no checksum": framed("glpat-", "a", "."),
  "Google-looking prefixes back to back": fill("AIza"),
  "SendGrid-looking dots": fill("SG.a"),
  "Stripe-looking keys back to back": fill("sk_live_"),
  "bearer and spaces": framed("Bearer", " ", "!"),
  "bearer over and over": fill("Bearer "),
  "URL schemes over and over": fill("a://"),
  "a URL user and a password that never ends": framed("postgres://user:", "a", ""),
  "URL users over and over": fill("a://b:c"),
  "a typed name and spaces": framed("token:", " ", "x"),
  "typed assignments over and over": fill("password: str = "),
  "quoted names and commas": fill('"token", '),
  "a quoted private key header over and over": fill('"-----BEGIN PRIVATE KEY-----'),
  "node:test options that never close": fill('test("",{'),
  "an option object of spaces": framed('test("x", {', " ", "x"),
  "test titles that never close": fill("it(`"),
  "test modifiers back to back": fill("test.describe."),
  "RSpec metadata over and over": fill(", focus: "),
  "RSpec prefixes and spaces": framed("fit", " ", "x"),
  "skip and spaces": framed("skip", " ", "x"),
  "TestNG attributes that never end": framed("@Test(", "a = b, ", ""),
  "pytest marks over and over": fill("marks = ["),
  "debugger over and over": fill("debugger "),
  "quoted keywords": fill("# `TODO` "),
  "a script guard and spaces": framed("if __name__ ==", " ", "x"),
  "doctest prompts": fill(">>> "),
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
