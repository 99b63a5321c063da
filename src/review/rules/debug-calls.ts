import type { Language } from "./file-language.js";

export interface DebugCall {
  rule: string;
  /** What the title calls it, e.g. "console.log". */
  name: string;
  /** Global. Look-behinds keep methods and other names out (`logger.print(`, `pprint(`, `$obj->dd(`). */
  pattern: RegExp;
  /** The line holds this statement and nothing else, so deleting the line is an exact fix. */
  wholeLine: RegExp;
  /** Writes program output, which is the point of a command-line script (see debug-leftovers.ts). */
  writesOutput: boolean;
  why: string;
}

// The call with its arguments (up to two levels of nested parentheses), an optional `;`, nothing else. The tail is
// `\s*(?:;\s*)?$`, not `\s*;?\s*$`, whose two `\s*` share the spaces and backtrack quadratically over them.
const END_OF_STATEMENT = String.raw`\s*(?:;\s*)?$`;
function wholeLineCall(callee: string): RegExp {
  return new RegExp(String.raw`^\s*${callee}\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)${END_OF_STATEMENT}`);
}

const OUTPUT_WHY =
  "Debug output left in: it clutters the output and logs and can leak data. Remove it, or use the project's " +
  "logger if the message is meant to stay.";
const BREAKPOINT_WHY =
  "A breakpoint left in stops the program, or hangs the test run, whenever it is reached. Remove it.";
const DUMP_WHY = "A dump left in prints internals to the page (`dd` also ends the request). Remove it.";

function printCall(rule: string, name: string, callee: string, pattern: RegExp): DebugCall {
  return { rule, name, pattern, wholeLine: wholeLineCall(callee), writesOutput: true, why: OUTPUT_WHY };
}

function breakpoint(name: string, pattern: RegExp, wholeLine: RegExp): DebugCall {
  return { rule: "debug/breakpoint", name, pattern, wholeLine, writesOutput: false, why: BREAKPOINT_WHY };
}

// Go is left out: `fmt.Println` is how Go programs write their output, so a leftover cannot be told apart.
// Kotlin is left out for the same reason (`println`).
export const DEBUG_CALLS: ReadonlyMap<Language, readonly DebugCall[]> = new Map<Language, readonly DebugCall[]>([
  [
    "javascript",
    [
      printCall("debug/console-log", "console.log", String.raw`console\.log`, /(?<![\w$.])console\.log\s*\(/g),
      printCall("debug/console-log", "console.debug", String.raw`console\.debug`, /(?<![\w$.])console\.debug\s*\(/g),
      breakpoint("debugger", /(?<![\w$.])debugger\s*(?:;|$)/g, new RegExp(String.raw`^\s*debugger${END_OF_STATEMENT}`)),
    ],
  ],
  [
    "python",
    [
      printCall("debug/print", "print", "print", /(?<![\w.])print\(/g),
      breakpoint("breakpoint()", /(?<![\w.])breakpoint\(\)/g, /^\s*breakpoint\(\)\s*$/),
      breakpoint(
        "pdb.set_trace()",
        /(?<![\w.])(?:i?pdb|pudb)\.set_trace\(\)/g,
        new RegExp(String.raw`^\s*(?:import (?:i?pdb|pudb)\s*;\s*)?(?:i?pdb|pudb)\.set_trace\(\)${END_OF_STATEMENT}`),
      ),
    ],
  ],
  [
    "ruby",
    [
      breakpoint("binding.pry", /(?<![\w.])binding\.(?:pry|irb)\b/g, /^\s*binding\.(?:pry|irb)\s*$/),
      // The debug gem's, Ruby's own debugger since 3.1: `binding.break` (or `binding.b`) and `debugger`.
      breakpoint("binding.break", /(?<![\w.])binding\.(?:break|b)\b/g, /^\s*binding\.(?:break|b)\s*$/),
      breakpoint("debugger", /(?<![\w.:])debugger\b(?![\w:?!])/g, /^\s*debugger\s*$/),
      breakpoint("byebug", /(?<![\w.:])byebug\b(?![\w:?!])/g, /^\s*byebug\s*$/),
    ],
  ],
  [
    "php",
    [
      {
        rule: "debug/dump",
        name: "var_dump",
        pattern: /(?<![\w$>:\\])var_dump\s*\(/g,
        wholeLine: wholeLineCall("var_dump"),
        writesOutput: false,
        why: DUMP_WHY,
      },
      {
        rule: "debug/dump",
        name: "dd",
        pattern: /(?<![\w$>:\\]|function\s+)dd\s*\(/g,
        wholeLine: wholeLineCall("dd"),
        writesOutput: false,
        why: DUMP_WHY,
      },
    ],
  ],
  [
    "java",
    [
      printCall(
        "debug/print",
        "System.out.println",
        String.raw`System\.out\.print(?:ln|f)?`,
        /(?<![\w.])System\.out\.print(?:ln|f)?\s*\(/g,
      ),
    ],
  ],
]);
