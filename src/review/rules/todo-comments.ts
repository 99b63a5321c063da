import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";
import { isProseFile } from "./file-language.js";

// The keyword must come after a comment opener on the same line: `//`, `/*`, `#`, `<!--`, `--` (SQL, Lua), `;`
// (Lisp, INI) at the line start, or a leading `*` of a block comment. This works in any language without knowing
// it; the price is that a keyword after `#` inside a string also counts. In Markdown and other prose `#` is a heading
// and `*` a bullet, so only HTML comments count there.
const COMMENT_OPENER = /\/\/|\/\*|#|<!--|(?:^|\s)--|^\s*;|^\s*\*/;
const PROSE_COMMENT_OPENER = /<!--/;
// Upper case only, as a whole word, and not in `XXX-XXX`-style placeholders: `TODO_LIST`, `todoList` and a
// "todo app" stay quiet. Nor when quoted or a member (`` `TODO` ``, `"# TODO"`, `context.TODO`): a comment that
// names the keyword is not a note of work left.
const KEYWORD = /(?<![-.`'"])\b(TODO|FIXME|XXX|HACK)\b(?![-\w`'"])/;

export const todoCommentsRule: Rule = {
  id: "todo",
  description: "TODO, FIXME, XXX and HACK comments added by the PR",
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const opener = isProseFile(file.path) ? PROSE_COMMENT_OPENER : COMMENT_OPENER;
      for (const { line, text } of addedLines(file)) {
        const keyword = keywordInComment(text, opener);
        if (keyword === null) continue;
        findings.push(
          findingOnAddedLine(file.path, line, {
            severity: "nit",
            rule: "todo/added",
            title: `${keyword} comment added`,
            body: "Work left for later tends to stay there. Finish it in this PR, or open an issue and link it here.",
          }),
        );
      }
    }
    return findings;
  },
};

/** Searches once from the first opener: any keyword after a later opener is after the first one too. */
function keywordInComment(text: string, opener: RegExp): string | null {
  const comment = opener.exec(text);
  if (comment === null) return null;
  return KEYWORD.exec(text.slice(comment.index))?.[1] ?? null;
}
