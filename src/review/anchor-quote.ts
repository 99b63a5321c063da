import type { DiffHunk } from "../diff/types.js";

export interface Anchor {
  line: number;
  startLine: number | null;
}

interface RightLine {
  line: number;
  text: string;
  added: boolean;
}

/** Quotes shorter than this must match a whole line; longer ones may match inside a line. */
const MIN_PARTIAL_QUOTE = 12;
/**
 * The model's answer is as hostile as the PR it read: a quote is compared at every line of a file, so a longer one
 * (no finding needs it) is not placed, which keeps placing a finding linear in the file's length.
 */
const MAX_QUOTE_LINES = 50;

/**
 * Where a model's quote sits on the RIGHT side of the diff, found by nectr rather than taken
 * from the model: consecutive added or context lines of one hunk whose text matches the quote
 * (whitespace-insensitive). Matches that touch added lines win. Undefined when nothing matches.
 */
export function anchorQuote(hunks: readonly DiffHunk[], quote: string): Anchor | undefined {
  const wanted = quote
    .split("\n")
    .map(normalise)
    .filter((line, index, all) => line !== "" || (index > 0 && index < all.length - 1));
  if (wanted.length === 0 || wanted.length > MAX_QUOTE_LINES) return undefined;
  let best: { anchor: Anchor; added: boolean } | undefined;
  for (const hunk of hunks) {
    const lines: RightLine[] = hunk.lines
      .filter((line) => line.newLine !== null)
      .map((line) => ({ line: line.newLine ?? 0, text: normalise(line.text), added: line.kind === "add" }));
    for (let start = 0; start + wanted.length <= lines.length; start += 1) {
      const window = lines.slice(start, start + wanted.length);
      if (!window.every((line, index) => matches(line.text, wanted[index] ?? "", wanted.length === 1))) continue;
      const first = window[0];
      const last = window.at(-1);
      if (!first || !last) continue;
      const added = window.some((line) => line.added);
      const anchor = { line: last.line, startLine: window.length > 1 ? first.line : null };
      if (!best || (added && !best.added)) best = { anchor, added };
      if (added) return anchor;
    }
  }
  return best?.anchor;
}

function matches(line: string, wanted: string, single: boolean): boolean {
  if (line === wanted) return true;
  return single && wanted.length >= MIN_PARTIAL_QUOTE && line.includes(wanted);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
