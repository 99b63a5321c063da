import type { DiffHunk } from "../diff/types.js";

export interface Anchor {
  line: number;
  startLine: number | null;
  /** The quote is the whole of those lines, not a part of one: only then may a suggestion replace them. */
  wholeLines: boolean;
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
  const wanted = quotedLines(quote);
  if (!wanted) return undefined;
  let best: Anchor | undefined;
  for (const hunk of hunks) {
    const lines: RightLine[] = hunk.lines
      .filter((line) => line.newLine !== null)
      .map((line) => ({ line: line.newLine ?? 0, text: normalise(line.text), added: line.kind === "add" }));
    const found = findIn(lines, wanted);
    if (found?.added) return found.anchor;
    best ??= found?.anchor;
  }
  return best;
}

/** Where the quote sits in a file's text (lines counted from 1), for a finding about code outside the diff. */
export function anchorQuoteInText(text: string, quote: string): Anchor | undefined {
  const wanted = quotedLines(quote);
  if (!wanted) return undefined;
  const lines = text.split("\n").map((line, index) => ({ line: index + 1, text: normalise(line), added: false }));
  return findIn(lines, wanted)?.anchor;
}

function quotedLines(quote: string): string[] | undefined {
  const wanted = quote
    .split("\n")
    .map(normalise)
    .filter((line, index, all) => line !== "" || (index > 0 && index < all.length - 1));
  return wanted.length === 0 || wanted.length > MAX_QUOTE_LINES ? undefined : wanted;
}

/** The first window of `lines` matching `wanted`, preferring one that touches an added line. */
function findIn(
  lines: readonly RightLine[],
  wanted: readonly string[],
): { anchor: Anchor; added: boolean } | undefined {
  let best: { anchor: Anchor; added: boolean } | undefined;
  for (let start = 0; start + wanted.length <= lines.length; start += 1) {
    const window = lines.slice(start, start + wanted.length);
    if (!window.every((line, index) => matches(line.text, wanted[index] ?? "", wanted.length === 1))) continue;
    const first = window[0];
    const last = window.at(-1);
    if (!first || !last) continue;
    const added = window.some((line) => line.added);
    const wholeLines = window.every((line, index) => line.text === wanted[index]);
    const anchor = { line: last.line, startLine: window.length > 1 ? first.line : null, wholeLines };
    if (!best || (added && !best.added)) best = { anchor, added };
    if (added) return best;
  }
  return best;
}

function matches(line: string, wanted: string, single: boolean): boolean {
  if (line === wanted) return true;
  return single && wanted.length >= MIN_PARTIAL_QUOTE && line.includes(wanted);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
