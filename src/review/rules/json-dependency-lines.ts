import type { FileLine } from "./added-lines.js";

// `"name": "version"`: an entry with a string value, not a nested object or the block's own opening line.
const STRING_ENTRY = /^\s*"[^"]+"\s*:\s*"/;

/**
 * Numbers of the lines that are string entries directly inside an object under one of `keys`
 * (`"dependencies": { "lodash": "^4.17.21" }`). Each run is read from its start with no enclosing object known,
 * so without the whole file only objects whose opening line shows in the run are seen.
 */
export function jsonEntryLinesUnder(runs: readonly (readonly FileLine[])[], keys: ReadonlySet<string>): Set<number> {
  const found = new Set<number>();
  for (const run of runs) {
    const openObjects: string[] = [];
    for (const { line, text } of run) {
      const innermost = openObjects.at(-1);
      if (innermost !== undefined && keys.has(innermost) && STRING_ENTRY.test(text)) found.add(line);
      followBraces(text, openObjects);
    }
  }
  return found;
}

/** Pushes the key of each object opened on the line ("" when unnamed) and pops each one closed. */
function followBraces(text: string, openObjects: string[]): void {
  let stringStart = -1;
  let lastString = "";
  let key: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (stringStart >= 0) {
      if (char === "\\") i++;
      else if (char === '"') {
        lastString = text.slice(stringStart + 1, i);
        stringStart = -1;
      }
    } else if (char === '"') stringStart = i;
    else if (char === ":") key = lastString;
    else if (char === "{") {
      openObjects.push(key ?? "");
      key = null;
    } else if (char === "}") openObjects.pop();
    else if (char === "," || char === "[") key = null;
  }
}
