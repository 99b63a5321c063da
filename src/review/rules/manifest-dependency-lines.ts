import { posix } from "node:path";
import type { ReviewFile } from "../types.js";
import { addedLines, type AddedLine, type FileLine } from "./added-lines.js";
import { jsonEntryLinesUnder } from "./json-dependency-lines.js";
import { tomlDependencyLines } from "./toml-dependency-lines.js";

type DependencyLineFinder = (runs: readonly (readonly FileLine[])[]) => ReadonlySet<number>;

const NPM_DEPENDENCY_KEYS: ReadonlySet<string> = new Set([
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
]);
const COMPOSER_DEPENDENCY_KEYS: ReadonlySet<string> = new Set(["require", "require-dev"]);
const GEM = /^\s*gem\s+["']/;
// `require example.com/mod v1.2.3` or, inside `require (...)`, `example.com/mod v1.2.3 // indirect`.
const GO_REQUIREMENT = /^\s*(?:require\s+)?[\w-]+\.[\w.~/-]+\s+v\d\S*(?:\s+\/\/.*)?\s*$/;

function linesMatching(pattern: RegExp): DependencyLineFinder {
  return (runs) => new Set(runs.flat().flatMap(({ line, text }) => (pattern.test(text) ? [line] : [])));
}

// Simple on purpose: a line counts by its shape and the block it sits in, not by parsing the manifest.
const DEPENDENCY_LINES_IN: ReadonlyMap<string, DependencyLineFinder> = new Map<string, DependencyLineFinder>([
  ["package.json", (runs) => jsonEntryLinesUnder(runs, NPM_DEPENDENCY_KEYS)],
  ["composer.json", (runs) => jsonEntryLinesUnder(runs, COMPOSER_DEPENDENCY_KEYS)],
  ["Cargo.toml", tomlDependencyLines],
  ["pyproject.toml", tomlDependencyLines],
  ["Gemfile", linesMatching(GEM)],
  ["go.mod", linesMatching(GO_REQUIREMENT)],
]);

/**
 * The added lines of a manifest that declare a dependency (a new one, or a changed version). Removed dependencies
 * are not seen: only added lines are.
 */
export function addedDependencyLines(file: ReviewFile): AddedLine[] {
  const findLines = DEPENDENCY_LINES_IN.get(posix.basename(file.path));
  const added = addedLines(file);
  if (findLines === undefined || added.length === 0) return [];
  const declaring = findLines(newFileRuns(file));
  return added.filter(({ line }) => declaring.has(line));
}

/**
 * The new file in runs of consecutive lines: one run of the whole file when its text was fetched (so a line's
 * enclosing block is always known), else one run per hunk.
 */
function newFileRuns(file: ReviewFile): FileLine[][] {
  if (file.headText !== undefined) {
    return [file.headText.split("\n").map((text, index) => ({ line: index + 1, text: text.replace(/\r$/, "") }))];
  }
  return file.hunks.map((hunk) =>
    hunk.lines.flatMap(({ kind, newLine, text }) =>
      kind === "del" || newLine === null ? [] : [{ line: newLine, text }],
    ),
  );
}
