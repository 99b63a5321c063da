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
// the look-behinds keep `model.fit(` and `obj.xit(` out. Conditional skips (`@pytest.mark.skipif`) are deliberate
// guards and are not flagged; Go's `t.Skip(` is, though it is sometimes behind `testing.Short()`.
const TEST_FUNCTIONS = "(?:it|test|describe|context|suite|specify)";
const TEST_MARKERS: ReadonlyMap<Language, readonly TestMarker[]> = new Map<Language, readonly TestMarker[]>([
  [
    "javascript",
    [
      {
        rule: "tests/focused",
        pattern: new RegExp(String.raw`(?<![\w$.])${TEST_FUNCTIONS}\.only\s*\(`, "g"),
        unfocus: (marker) => marker.replace(/\.only\s*\(/, "("),
      },
      {
        rule: "tests/focused",
        pattern: /(?<![\w$.])f(?:it|describe|context)\s*\(/g,
        unfocus: (marker) => marker.slice(1),
      },
      { rule: "tests/disabled", pattern: new RegExp(String.raw`(?<![\w$.])${TEST_FUNCTIONS}\.skip\s*\(`, "g") },
      { rule: "tests/disabled", pattern: /(?<![\w$.])x(?:it|test|describe|context|specify)\s*\(/g },
    ],
  ],
  ["java", [{ rule: "tests/disabled", pattern: /@(?:Disabled|Ignore)\b/g }]],
  ["kotlin", [{ rule: "tests/disabled", pattern: /@(?:Disabled|Ignore)\b/g }]],
  ["python", [{ rule: "tests/disabled", pattern: /@(?:pytest\.mark\.skip|unittest\.skip)\b/g }]],
  ["go", [{ rule: "tests/disabled", pattern: /(?<![\w.])t\.Skip(?:f|Now)?\(/g }]],
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
    "Focused (.only, fit) and skipped (.skip, xit, @Disabled, @pytest.mark.skip, t.Skip) tests added by the PR",
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
