import type { Finding } from "../types.js";
import type { Rule } from "./types.js";
import { addedLines } from "./added-lines.js";
import { findingOnAddedLine } from "./finding-on-added-line.js";

// git writes its markers 7 characters wide at the start of a line: `<<<<<<< ours`, `||||||| base` (diff3),
// `=======`, `>>>>>>> theirs`.
const SIDE_MARKER = /^(?:<{7}|\|{7}|>{7})(?: |$)/;
const SEPARATOR = /^={7}$/;

// A lone `=======` also underlines a Markdown or reStructuredText heading, so it counts only in a file that has
// an added `<<<<<<<`, `|||||||` or `>>>>>>>` marker as well.
export const conflictMarkersRule: Rule = {
  id: "merge",
  description: "Merge-conflict markers left on added lines",
  check(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const lines = addedLines(file);
      const hasSideMarker = lines.some(({ text }) => SIDE_MARKER.test(text));
      for (const { line, text } of lines) {
        if (!SIDE_MARKER.test(text) && !(hasSideMarker && SEPARATOR.test(text))) continue;
        findings.push(
          findingOnAddedLine(file.path, line, {
            severity: "critical",
            rule: "merge/conflict-marker",
            title: `Merge-conflict marker \`${text.slice(0, 7)}\` added`,
            body:
              "A merge conflict was left unresolved: this file will not compile or parse as it is. " +
              "Resolve the conflict, keeping the intended side, and remove the markers.",
          }),
        );
      }
    }
    return findings;
  },
};
