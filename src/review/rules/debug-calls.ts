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

// Go is left out: `fmt.Println` is how Go programs write their output, so a leftover cannot be told apart.
// Kotlin is left out for the same reason (`println`).
export const DEBUG_CALLS: ReadonlyMap<Language, readonly DebugCall[]> = new Map<Language, readonly DebugCall[]>([
  [
    "javascript",
    [
      printCall("debug/console-log", "console.log", String.raw`console\.log`, /(?<![\w$.])console\.log\s*\(/g),
      printCall("debug/console-log", "console.debug", String.raw`console\.debug`, /(?<![\w$.])console\.debug\s*\(/g),
      {
        rule: "debug/breakpoint",
        name: "debugger",
        pattern: /(?<![\w$.])debugger\s*(?:;|$)/g,
        wholeLine: new RegExp(String.raw`^\s*debugger${END_OF_STATEMENT}`),
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
    ],
  ],
  [
    "python",
    [
      printCall("debug/print", "print", "print", /(?<![\w.])print\(/g),
      {
        rule: "debug/breakpoint",
        name: "breakpoint()",
        pattern: /(?<![\w.])breakpoint\(\)/g,
        wholeLine: /^\s*breakpoint\(\)\s*$/,
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
      {
        rule: "debug/breakpoint",
        name: "pdb.set_trace()",
        pattern: /(?<![\w.])(?:i?pdb|pudb)\.set_trace\(\)/g,
        wholeLine: new RegExp(
          String.raw`^\s*(?:import (?:i?pdb|pudb)\s*;\s*)?(?:i?pdb|pudb)\.set_trace\(\)${END_OF_STATEMENT}`,
        ),
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
    ],
  ],
  [
    "ruby",
    [
      {
        rule: "debug/breakpoint",
        name: "binding.pry",
        pattern: /(?<![\w.])binding\.(?:pry|irb)\b/g,
        wholeLine: /^\s*binding\.(?:pry|irb)\s*$/,
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
      // The debug gem's, Ruby's own debugger since 3.1: `binding.break` (or `binding.b`) and `debugger`.
      {
        rule: "debug/breakpoint",
        name: "binding.break",
        pattern: /(?<![\w.])binding\.(?:break|b)\b/g,
        wholeLine: /^\s*binding\.(?:break|b)\s*$/,
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
      {
        rule: "debug/breakpoint",
        name: "debugger",
        pattern: /(?<![\w.:])debugger\b(?![\w:?!])/g,
        wholeLine: /^\s*debugger\s*$/,
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
      {
        rule: "debug/breakpoint",
        name: "byebug",
        pattern: /(?<![\w.:])byebug\b(?![\w:?!])/g,
        wholeLine: /^\s*byebug\s*$/,
        writesOutput: false,
        why: BREAKPOINT_WHY,
      },
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
