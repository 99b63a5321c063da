// How often the indentation heuristic of src/review/hunk-context.ts names the function or class a
// hunk sits in, against a real parser (acorn) as the judge, on real JavaScript from node_modules,
// and what it costs per hunk.
// Run: node --import ./bench/resolve-ts-imports.ts bench/hunk-context.bench.ts
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parse, type Node } from "acorn";
import { parsePatch } from "../src/diff/parse-patch.js";
import { contextAroundHunks } from "../src/review/hunk-context.js";
import { runHeader } from "./run-header.js";

/** Hand-written libraries (not bundles or minified builds), each a directory of plain .js files. */
const SOURCES = [
  "commander/lib",
  "pino/lib",
  "express/lib",
  "router/lib",
  "body-parser/lib",
  "send",
  "qs/lib",
  "yaml/dist/compose",
  "yaml/dist/doc",
];
/** Every this-many-th line is the changed line of one sample hunk. */
const STRIDE = 5;

interface Scope {
  start: number;
  end: number;
  /** The line of the node's first token: its signature's first line. */
  line: number;
}

const SCOPE_TYPES = new Set([
  "FunctionDeclaration",
  "FunctionExpression",
  "ArrowFunctionExpression",
  "ClassDeclaration",
  "ClassExpression",
  "MethodDefinition",
]);

function scopesOf(program: Node): Scope[] {
  const scopes: Scope[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== "object" || value === null) return;
    const node = value as Node & { loc?: { start: { line: number }; end: { line: number } } };
    if (typeof node.type === "string" && SCOPE_TYPES.has(node.type) && node.loc)
      scopes.push({ start: node.loc.start.line, end: node.loc.end.line, line: node.loc.start.line });
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child);
  };
  visit(program);
  return scopes;
}

/** A three-line hunk changing line `at` (1-based), as git cuts one. */
function hunkAt(lines: readonly string[], at: number) {
  const text = (line: number) => lines[line - 1] ?? "";
  const patch = `@@ -${at - 1},3 +${at - 1},3 @@\n ${text(at - 1)}\n-${text(at)}\n+${text(at)} // changed\n ${text(at + 1)}`;
  return parsePatch(patch);
}

let samples = 0;
let named = 0;
let contextLines = 0;
let elapsed = 0;
let lineCount = 0;
const files = SOURCES.flatMap((directory) => {
  const full = path.join("node_modules", directory);
  return readdirSync(full)
    .filter((name) => name.endsWith(".js"))
    .map((name) => path.join(full, name));
});
for (const file of files) {
  const text = readFileSync(file, "utf8");
  let program: Node;
  try {
    program = parse(text, { ecmaVersion: "latest", sourceType: "script", locations: true, allowHashBang: true });
  } catch {
    program = parse(text, { ecmaVersion: "latest", sourceType: "module", locations: true, allowHashBang: true });
  }
  const scopes = scopesOf(program);
  const lines = text.split("\n");
  lineCount += lines.length;
  for (let at = 2; at < lines.length; at += STRIDE) {
    // The judge: the innermost scope holding the changed line, whose signature is above the hunk.
    const inner = scopes.filter((scope) => scope.start < at - 1 && scope.end > at).sort((a, b) => b.start - a.start)[0];
    if (!inner || (lines[at - 1] ?? "").trim() === "") continue;
    const hunks = hunkAt(lines, at);
    const started = performance.now();
    const context = contextAroundHunks(text, hunks);
    elapsed += performance.now() - started;
    const before = context.before.get(hunks[0]!) ?? [];
    samples += 1;
    contextLines += before.length;
    if (before.some((line) => line.line === inner.line)) named += 1;
  }
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
console.log(runHeader().join("\n"));
console.log(`corpus: ${files.length} files, ${lineCount.toLocaleString("en-US")} lines (${SOURCES.join(", ")})`);
console.log(`hunks inside a function or class: ${samples.toLocaleString("en-US")}`);
console.log(`signature of the innermost one sent as context: ${named} (${percent(named, samples)})`);
console.log(`context lines per hunk: ${(contextLines / samples).toFixed(1)}`);
console.log(`time per hunk (the whole file's context): ${((elapsed / samples) * 1000).toFixed(0)} µs`);
