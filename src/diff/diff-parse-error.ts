/** Diff text that cannot be read; `lineNumber` is 1-based, counted in the text given to the parser. */
export class DiffParseError extends Error {
  readonly lineNumber: number;

  constructor(lineNumber: number, problem: string) {
    super(`diff line ${lineNumber}: ${problem}`);
    this.name = "DiffParseError";
    this.lineNumber = lineNumber;
  }
}

const EXCERPT_LENGTH = 60;

/** A line quoted for an error message, cut short so a huge line does not flood the terminal. */
export function excerpt(line: string): string {
  return JSON.stringify(line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line);
}
