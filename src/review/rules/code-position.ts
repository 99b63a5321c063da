import type { LanguageSyntax } from "./file-language.js";

export type CodePosition = "code" | "string" | "comment";

/** Tells, for one line of source, whether an index falls in code, a string literal or a comment. */
export type PositionReader = (index: number) => CodePosition;

// A JSDoc-style continuation line (` * text`, ` */`); the space keeps Go's `*p = 1` as code.
const BLOCK_COMMENT_CONTINUATION = /^\s*\*(?:\s|\/|$)/;

/**
 * A reader for one line of source. It sees this line only: a line in the middle of a multi-line string or block
 * comment reads as code (continuation lines excepted). Ask about indexes in increasing order, the order of a line's
 * matches: it carries on from where it stopped, so a line costs one pass however many matches it has.
 */
export function createPositionReader(text: string, syntax: LanguageSyntax): PositionReader {
  const isContinuation = syntax.blockComments && BLOCK_COMMENT_CONTINUATION.test(text);
  let next = 0;
  let quote: string | null = null;
  let inBlockComment = false;
  let inLineComment = false;
  return (index) => {
    for (; next < index && !isContinuation && !inLineComment; next++) {
      const char = text.charAt(next);
      if (inBlockComment) {
        if (text.startsWith("*/", next)) {
          inBlockComment = false;
          next++;
        }
      } else if (quote !== null) {
        if (char === "\\") next++;
        else if (char === quote) quote = null;
      } else if (syntax.quotes.includes(char)) {
        quote = char;
      } else if (syntax.blockComments && text.startsWith("/*", next)) {
        inBlockComment = true;
        next++;
      } else if (syntax.lineComments.some((opener) => text.startsWith(opener, next))) {
        inLineComment = true;
      }
    }
    if (isContinuation || inLineComment || inBlockComment) return "comment";
    return quote === null ? "code" : "string";
  };
}
