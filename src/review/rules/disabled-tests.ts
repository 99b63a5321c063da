import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { createPositionReader } from "./code-position.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";
import { SYNTAX_OF, languageOf, type Language, type LanguageSyntax } from "./file-language.js";
import { matchesIn } from "./regex-matches.js";

interface TestMarker {
  rule: "tests/focused" | "tests/disabled";
  /** Global. */
  pattern: RegExp;
  /** The same call, unfocused (`it.only(` → `it(`): an exact fix. Focused markers only. */
  unfocus?: (marker: string) => string;
}

// Any file of the language is checked, not only files named like tests: these calls exist only in test code, and
// the look-behinds keep `model.fit(` and `obj.xit(` out. Conditional skips (`@pytest.mark.skipif`, Vitest's
// `it.skipIf(`, JUnit's `@DisabledOnOs`) are deliberate guards and are not flagged; Go's `t.Skip(` is, though it is
// sometimes behind `testing.Short()`. A test declared but not written (`it.todo(`) never guarded anything, so it
// is not a disabled one. Each runner's docs give its spellings: Jest's and Vitest's `.only`/`.skip` chains
// (`it.concurrent.skip`, `test.skip.each`), Playwright's `test.describe.only` and `test.fixme`, node:test's
// `{ skip: true }` option, pytest's `pytestmark` and `marks=`, RSpec's `fit`/`xit`, metadata and `skip`/`pending`,
// Minitest's `skip`, TestNG's `@Test(enabled = false)`. Deno's `Deno.test({ only: true, ... })` is not read.
const TEST_FUNCTIONS = "(?:it|test|describe|context|suite|specify)";
const JS_MODIFIERS = String.raw`(?:\.(?:describe|concurrent|sequential|serial|parallel))*`;
const jsChain = (marker: string) =>
  new RegExp(String.raw`(?<![\w$.])${TEST_FUNCTIONS}${JS_MODIFIERS}\.${marker}(?:\.each)?\s*[(\`]`, "g");
// node:test's `test("name", { skip: true }, fn)`: the option in the object right after the name.
const jsOption = (option: string) =>
  new RegExp(
    String.raw`(?<![\w$.])${TEST_FUNCTIONS}\s*\(\s*(?:"[^"]*"|'[^']*'|\`[^\`]*\`)\s*,\s*\{[^{}]*?\b${option}\s*:\s*(?:true\b|["'\`])`,
    "g",
  );
// RSpec's example groups and examples, called with or without parentheses (`fit "works" do`).
const RSPEC_BLOCKS = "(?:describe|context|it|specify|example|scenario|feature)";
const rspecPrefixed = (prefix: string) =>
  new RegExp(String.raw`(?<![\w.:])${prefix}${RSPEC_BLOCKS}(?=\s*\(|\s+["':A-Z])`, "g");
const JUNIT_DISABLED = /@(?:Disabled|Ignore)\b|@Test\s*\(\s*(?:\w+\s*=\s*[\w."]+\s*,\s*){0,5}enabled\s*=\s*false\b/g;
const TEST_MARKERS: ReadonlyMap<Language, readonly TestMarker[]> = new Map<Language, readonly TestMarker[]>([
  [
    "javascript",
    [
      { rule: "tests/focused", pattern: jsChain("only"), unfocus: (marker) => marker.replace(".only", "") },
      {
        rule: "tests/focused",
        pattern: /(?<![\w$.])f(?:it|describe|context)\s*\(/g,
        unfocus: (marker) => marker.slice(1),
      },
      { rule: "tests/focused", pattern: jsOption("only") },
      { rule: "tests/disabled", pattern: jsChain("(?:skip|fixme)") },
      { rule: "tests/disabled", pattern: /(?<![\w$.])x(?:it|test|describe|context|specify)\s*\(/g },
      { rule: "tests/disabled", pattern: jsOption("skip") },
    ],
  ],
  ["java", [{ rule: "tests/disabled", pattern: JUNIT_DISABLED }]],
  ["kotlin", [{ rule: "tests/disabled", pattern: JUNIT_DISABLED }]],
  [
    "python",
    [
      {
        rule: "tests/disabled",
        pattern:
          /(?:@|(?<![\w.])(?:pytestmark|marks)\s*=\s*\[?\s*)(?:(?:pytest\.)?mark\.skip\b|unittest\.skip\b|skip(?=\s*\())/g,
      },
    ],
  ],
  ["go", [{ rule: "tests/disabled", pattern: /(?<![\w.])[tb]\.Skip(?:f|Now)?\(/g }]],
  [
    "ruby",
    [
      { rule: "tests/focused", pattern: rspecPrefixed("f"), unfocus: (marker) => marker.slice(1) },
      { rule: "tests/focused", pattern: /,\s*(?:focus:\s*true\b|:focus\b)/g },
      { rule: "tests/disabled", pattern: rspecPrefixed("x") },
      { rule: "tests/disabled", pattern: /,\s*(?:(?:skip|pending):\s*(?:true\b|["'])|:skip\b)/g },
      // `skip "reason"`, `pending "reason"` or a bare `skip` as the statement of a line, in an example or a test.
      { rule: "tests/disabled", pattern: /^\s*(?:skip|pending)(?=\s*\(|\s+["'])|^\s*skip\s*$/g },
    ],
  ],
]);

const ABOUT: Readonly<Record<TestMarker["rule"], { title: string; body: string }>> = {
  "tests/focused": {
    title: "Focused test added",
    body:
      "A focused test makes the runner skip every other test in its file or suite, so CI passes without running " +
      "them. Remove the focus.",
  },
  "tests/disabled": {
    title: "Test disabled",
    body:
      "A skipped test no longer guards anything, and is easy to forget. Fix it, or delete it and say why in the " +
      "PR; if it must stay skipped, give the reason and an issue link.",
  },
};

export const disabledTestsRule: Rule = {
  id: "tests",
  description:
    "Focused (.only, fit) and skipped (.skip, xit, test.fixme, @Disabled, @pytest.mark.skip, t.Skip, RSpec's skip) tests added by the PR",
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const language = languageOf(file.path);
      const markers = language === null ? undefined : TEST_MARKERS.get(language);
      if (language === null || markers === undefined) continue;
      const syntax = SYNTAX_OF[language];
      for (const { line, text } of addedLines(file)) {
        for (const marker of markers) {
          if (!hasMarkerInCode(text, marker.pattern, syntax)) continue;
          const unfocus = marker.unfocus;
          findings.push(
            findingOnAddedLine(file.path, line, {
              severity: "warning",
              rule: marker.rule,
              ...ABOUT[marker.rule],
              suggestion: unfocus === undefined ? null : replaceInCode(text, marker.pattern, syntax, unfocus),
            }),
          );
        }
      }
    }
    return findings;
  },
};

function hasMarkerInCode(text: string, pattern: RegExp, syntax: LanguageSyntax): boolean {
  const positionAt = createPositionReader(text, syntax);
  return matchesIn(text, pattern).some(({ index }) => positionAt(index) === "code");
}

function replaceInCode(
  text: string,
  pattern: RegExp,
  syntax: LanguageSyntax,
  replace: (marker: string) => string,
): string {
  const positionAt = createPositionReader(text, syntax);
  return text.replace(pattern, (marker: string, index: number) =>
    positionAt(index) === "code" ? replace(marker) : marker,
  );
}
