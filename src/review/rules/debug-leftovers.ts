import type { Finding, ReviewFile } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines, type AddedLine } from "./added-lines.js";
import { createPositionReader } from "./code-position.js";
import { DEBUG_CALLS } from "./debug-calls.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";
import { SYNTAX_OF, languageOf, type Language } from "./file-language.js";
import { matchesIn } from "./regex-matches.js";

// Printing is the job of command-line scripts, examples, the code of docs and benchmarks, so output calls (print,
// console.log) are allowed under these folders and in any file that says it is a program (a `#!` first line, or
// Python's `if __name__ == "__main__":`); breakpoints and dumps are not. Test files are checked like any code: a
// `console.log` or `debugger` left in a test is a leftover too. Calls inside strings and comments are ignored, and
// so are Python doctest lines (`>>> print(r.text)` in a docstring shows output, it does not write any).
const PROGRAM_FOLDERS: ReadonlySet<string> = new Set([
  "bin",
  "scripts",
  "script",
  "tools",
  "examples",
  "example",
  "docs",
  "doc",
  "docs_src",
  "bench",
  "benchmark",
  "benchmarks",
]);
const SHEBANG = /^#!/;
const PYTHON_MAIN_GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;
const DOCTEST_LINE = /^\s*(?:>>>|\.\.\.)\s/;

export const debugLeftoversRule: Rule = {
  id: "debug",
  description: "Debugging statements left on added lines (console.log, print, debugger, pdb, binding.pry, var_dump)",
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const language = languageOf(file.path);
      const calls = language === null ? undefined : DEBUG_CALLS.get(language);
      if (language === null || calls === undefined) continue;
      const syntax = SYNTAX_OF[language];
      const lines = addedLines(file);
      const isProgram = isCommandLineProgram(file, lines, language);
      for (const { line, text } of lines) {
        if (language === "python" && DOCTEST_LINE.test(text)) continue;
        for (const call of calls) {
          if (call.writesOutput && isProgram) continue;
          const positionAt = createPositionReader(text, syntax);
          const inCode = matchesIn(text, call.pattern).some(({ index }) => positionAt(index) === "code");
          if (!inCode) continue;
          findings.push(
            findingOnAddedLine(file.path, line, {
              severity: "warning",
              rule: call.rule,
              title: `\`${call.name}\` left in`,
              body: call.why,
              suggestion: call.wholeLine.test(text) ? "" : null,
            }),
          );
        }
      }
    }
    return findings;
  },
};

function isCommandLineProgram(file: ReviewFile, lines: readonly AddedLine[], language: Language): boolean {
  const segments = file.path.split("/");
  if (segments.at(-1) === "__main__.py" || segments.slice(0, -1).some((folder) => PROGRAM_FOLDERS.has(folder))) {
    return true;
  }
  const text = file.headText ?? lines.map((line) => line.text).join("\n");
  const firstLine = file.headText?.split("\n", 1)[0] ?? lines.find(({ line }) => line === 1)?.text ?? "";
  return SHEBANG.test(firstLine) || (language === "python" && PYTHON_MAIN_GUARD.test(text));
}
