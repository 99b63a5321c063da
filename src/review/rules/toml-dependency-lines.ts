import type { FileLine } from "./added-lines.js";

// No two quantifiers may compete for the same characters (`\[\s*([^\]]+?)\s*\]` backtracks cubically over a
// header of spaces): the name is taken whole and trimmed in code.
const TABLE_HEADER = /^\s*\[\[?([^\]]*)\]/;
const KEY_VALUE = /^\s*["']?[\w.-]+["']?\s*=/;
const ARRAY_VALUE = /^\s*([\w-]+)\s*=\s*\[/;
const QUOTED = /"[^"]*"|'[^']*'/g;

/**
 * Numbers of the lines that declare dependencies in Cargo.toml or pyproject.toml: key lines in any table whose
 * name has a part ending in "dependencies" (`[dependencies]`, `[dev-dependencies]`, `[dependencies.serde]`,
 * `[tool.poetry.group.dev.dependencies]`, `[project.optional-dependencies]`), and the lines of a
 * `dependencies = [...]` array (PEP 621). Each run is read from its start with no table known.
 */
export function tomlDependencyLines(runs: readonly (readonly FileLine[])[]): Set<number> {
  const found = new Set<number>();
  for (const run of runs) {
    let inDependencyTable = false;
    let inDependencyArray = false;
    for (const { line, text } of run) {
      // Strings out, so `"requests[socks]"` neither opens a table nor closes an array.
      const code = text.replace(QUOTED, '""');
      if (inDependencyArray) {
        if (code.trim() !== "" && !code.trim().startsWith("#")) found.add(line);
        if (code.includes("]")) inDependencyArray = false;
        continue;
      }
      const table = TABLE_HEADER.exec(code);
      if (table !== null) {
        inDependencyTable = (table[1] ?? "").split(".").some((part) => part.trim().endsWith("dependencies"));
        continue;
      }
      const array = ARRAY_VALUE.exec(text);
      const declares = inDependencyTable ? KEY_VALUE.test(text) : (array?.[1]?.endsWith("dependencies") ?? false);
      if (!declares) continue;
      found.add(line);
      inDependencyArray = array !== null && !code.slice(code.indexOf("[") + 1).includes("]");
    }
  }
  return found;
}
