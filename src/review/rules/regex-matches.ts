/**
 * Every match of a global pattern in `text`, as `text.matchAll(pattern)` gives them but without cloning the
 * RegExp on each call: over hundreds of thousands of lines, most with no match, the clone costs more than the search.
 */
export function matchesIn(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new Error(`matchesIn needs a global pattern: ${String(pattern)}`);
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    matches.push(match);
    if (match[0] === "") pattern.lastIndex++;
  }
  return matches;
}
