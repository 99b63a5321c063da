import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { createPositionReader } from "./code-position.js";
import { DEBUG_CALLS } from "./debug-calls.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";
import { SYNTAX_OF, languageOf } from "./file-language.js";
import { matchesIn } from "./regex-matches.js";

// Printing is the job of command-line scripts and examples, so output calls (print, console.log) are allowed
// under these folders; breakpoints and dumps are not. Test files are checked like any code: a `console.log` or
// `debugger` left in a test is a leftover too. Calls inside strings and comments are ignored.
const PROGRAM_FOLDERS: ReadonlySet<string> = new Set(["bin", "scripts", "script", "tools", "examples", "example"]);

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
      const isProgram = isCommandLineProgram(file.path);
      for (const { line, text } of addedLines(file)) {
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

function isCommandLineProgram(path: string): boolean {
  const segments = path.split("/");
  return segments.at(-1) === "__main__.py" || segments.slice(0, -1).some((folder) => PROGRAM_FOLDERS.has(folder));
}
