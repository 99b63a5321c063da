const LINE_FEED = "\n";
const CARRIAGE_RETURN = 13;

/**
 * Reads a diff text one line at a time, each line without its `\n` or `\r\n` ending. A line
 * becomes a string only when asked for: most of a large diff is hunk lines, and each of those
 * needs one string, its text after the marker. (Splitting the whole text up front made a string
 * per line and then another without the marker: twice the strings for the garbage collector to
 * copy, as they live as long as the parse.)
 */
export class LineReader {
  readonly #text: string;
  // The current line is #text from #start to #end; the next one starts at #next.
  #start = 0;
  #end = 0;
  #next = 0;
  #lineNumber = 0;

  /** Starts on the text's first line. */
  constructor(text: string) {
    this.#text = text;
    this.advance();
  }

  /** Past the last line; a final `\n` starts no line. */
  get done(): boolean {
    return this.#start >= this.#text.length;
  }

  /** The current line's number, 1-based. */
  get lineNumber(): number {
    return this.#lineNumber;
  }

  advance(): void {
    const start = this.#next;
    const feed = this.#text.indexOf(LINE_FEED, start);
    const end = feed === -1 ? this.#text.length : feed;
    this.#start = start;
    this.#end = end > start && this.#text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
    this.#next = end + 1;
    this.#lineNumber += 1;
  }

  line(): string {
    return this.#text.slice(this.#start, this.#end);
  }

  /** Whether the current line starts with `prefix`; matched in the text, so `prefix` holds no `\n` or `\r`. */
  startsWith(prefix: string): boolean {
    return this.#text.startsWith(prefix, this.#start);
  }

  /** Whether the line after the current one starts with `prefix`, which holds no `\n` or `\r`. */
  nextStartsWith(prefix: string): boolean {
    return this.#text.startsWith(prefix, this.#next);
  }

  /** The line's first character, a hunk line's marker; "" for an empty line. */
  marker(): string {
    return this.#start < this.#end ? (this.#text[this.#start] ?? "") : "";
  }

  /** The line after its first character: a hunk line's text without its marker. */
  afterMarker(): string {
    return this.#start < this.#end ? this.#text.slice(this.#start + 1, this.#end) : "";
  }
}
