import type { DiffHunk } from "../diff/types.js";

// The unchanged code a hunk relies on, for the prompt only: the file's imports, and the lines that
// open the blocks each hunk sits in (its function's or class's signature, and the `if` or loop
// around it). Found by indentation, not by parsing: a block's opener is the nearest line above
// that is indented less. That works the same for every language people indent (all of them, in
// practice, and Python and YAML by rule), costs one pass over the lines above a hunk, and ships
// nothing; tree-sitter (web-tree-sitter) would need a WebAssembly grammar per language, loaded
// asynchronously, and would still know nothing of the languages without one. Judged by a parser
// on 1,961 hunks of real JavaScript, it sends the innermost function's or class's signature for
// every one, in 84 µs a hunk (bench/hunk-context.bench.ts).

export interface ContextLine {
  /** The line's number in the file's new text. */
  line: number;
  text: string;
}

export interface HunkContext {
  /** Import lines of the file that no hunk shows. */
  imports: ContextLine[];
  /** For each hunk, the enclosing lines above it, in file order. */
  before: ReadonlyMap<DiffHunk, ContextLine[]>;
}

/** Import, require, use and include lines as the common languages write them. */
const IMPORT_LINE =
  /^\s*(?:import\b|from\s+[\w.]+\s+import\b|(?:const|let|var)\s+[\w${},:][\w${}\s,:]*=\s*require\(|require(?:_relative)?[\s(]|use\s+[\w:\\{]|using\s+[\w.]+\s*;|#include\b|package\s+\w+|export\s+(?:\*|\{[^}]*\})\s+from\b)/;
/** An import whose names continue on the next lines (`import {`, Go's `import (`). */
const OPEN_IMPORT = /[{(]\s*$/;
const CLOSES_IMPORT = /[})]/;
/** A line that only closes brackets (`}`, `});`, `]`) or a Ruby/Lua `end`: it ends a block, it opens none. */
const CLOSER = /^\s*(?:[)\]}]+[;,)]*|end)\s*$/;
const STARTS_WITH_CLOSER = /^\s*[)\]]/;
/**
 * What a line that opens a block looks like: it ends by opening one (`{`, `(`, `:`, `=>`, `do`)
 * or starts with a keyword that does. A line indented less that is neither is the inside of a
 * string or comment written at the margin, and is passed over.
 */
const OPENS_AT_END = /(?:[{([:]|=>|\bdo(?:\s*\|[^|]*\|)?|\bthen)\s*$/;
const OPENS_AT_START =
  /^\s*(?:(?:export|public|private|protected|internal|static|async|abstract|final|override|default|pub)\s+)*(?:def|class|module|function|fn|func|if|elif|elsif|else|for|foreach|while|unless|until|case|when|begin|switch|try|catch|except|finally|with|struct|impl|interface|enum|namespace|trait|object|loop|match|select)\b/;

/** Lines of a file's top read for imports, and how many of them are sent. */
const IMPORT_SCAN_LINES = 300;
const MAX_IMPORT_LINES = 30;
/** How far above a hunk its enclosing lines are looked for, and how many are sent. */
const SCOPE_SCAN_LINES = 10_000;
const MAX_SCOPE_LINES = 8;
/** An opener this close above the hunk comes with every line between, as PR-Agent extends a hunk. */
const WHOLE_GAP_LINES = 8;
/** Context is background: a longer line is cut, so no line of it costs much. */
const MAX_CONTEXT_LINE_CHARS = 300;

export function contextAroundHunks(headText: string, hunks: readonly DiffHunk[]): HunkContext {
  const lines = headText.split("\n");
  const shown = new Set<number>();
  for (const hunk of hunks) for (const line of hunk.lines) if (line.newLine !== null) shown.add(line.newLine);
  const given = new Set<number>();
  const take = (numbers: readonly number[]): ContextLine[] =>
    numbers
      .filter((number) => !shown.has(number) && !given.has(number))
      .map((number) => {
        given.add(number);
        return { line: number, text: clip(lines[number - 1] ?? "") };
      });
  const imports = take(importLines(lines));
  const before = new Map(hunks.map((hunk) => [hunk, take(enclosingLines(lines, hunk))]));
  return { imports, before };
}

/** The context as the prompt shows it: marked apart from the diff's own lines, numbered by the file. */
export function renderContextLines(lines: readonly ContextLine[]): string {
  return lines.map((line) => `~${line.line}: ${line.text}\n`).join("");
}

function importLines(lines: readonly string[]): number[] {
  const found: number[] = [];
  let open = false;
  for (let index = 0; index < Math.min(lines.length, IMPORT_SCAN_LINES); index += 1) {
    const text = lines[index] ?? "";
    if (open) {
      found.push(index + 1);
      if (CLOSES_IMPORT.test(text)) open = false;
    } else if (IMPORT_LINE.test(text)) {
      found.push(index + 1);
      open = OPEN_IMPORT.test(text);
    }
    if (found.length >= MAX_IMPORT_LINES) break;
  }
  return found;
}

/** Line numbers of the lines that open the blocks the hunk starts in, in file order. */
function enclosingLines(lines: readonly string[], hunk: DiffHunk): number[] {
  const first = hunk.lines.find((line) => line.newLine !== null)?.newLine;
  if (first === undefined || first === null) return [];
  // The blocks the hunk starts in: a closing line further down ends one of them, it does not leave the hunk outside.
  const opening = hunk.lines.find(
    (line) => line.newLine !== null && line.text.trim() !== "" && !CLOSER.test(line.text),
  );
  if (opening === undefined) return [];
  let indent = indentOf(opening.text);
  const openers: number[] = [];
  const stop = Math.max(1, first - SCOPE_SCAN_LINES);
  for (let number = first - 1; number >= stop && indent > 0 && openers.length < MAX_SCOPE_LINES; number -= 1) {
    const text = lines[number - 1] ?? "";
    if (text.trim() === "" || CLOSER.test(text)) continue;
    const depth = indentOf(text);
    if (depth >= indent || !(OPENS_AT_END.test(text) || OPENS_AT_START.test(text))) continue;
    openers.push(number);
    indent = depth;
    // `): Promise<void> {` ends a signature written over several lines: its first line names it.
    if (STARTS_WITH_CLOSER.test(text)) {
      const start = signatureStart(lines, number, depth);
      if (start !== undefined) openers.push(start);
    }
  }
  const nearest = openers[0];
  if (nearest !== undefined && first - nearest <= WHOLE_GAP_LINES) {
    const between = Array.from({ length: first - nearest - 1 }, (_, index) => nearest + 1 + index);
    return [...openers.slice(1).reverse(), nearest, ...between];
  }
  return openers.reverse();
}

function signatureStart(lines: readonly string[], from: number, depth: number): number | undefined {
  for (let number = from - 1; number >= Math.max(1, from - 50); number -= 1) {
    const text = lines[number - 1] ?? "";
    if (text.trim() !== "" && indentOf(text) <= depth && !STARTS_WITH_CLOSER.test(text)) return number;
  }
  return undefined;
}

/** Leading whitespace in columns, a tab counting as four. */
function indentOf(text: string): number {
  let columns = 0;
  for (const char of text) {
    if (char === " ") columns += 1;
    else if (char === "\t") columns += 4;
    else break;
  }
  return columns;
}

function clip(text: string): string {
  return text.length <= MAX_CONTEXT_LINE_CHARS ? text : `${text.slice(0, MAX_CONTEXT_LINE_CHARS)} …`;
}
