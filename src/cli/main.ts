import { CommanderError, type Command } from "commander";
import { debugEnabled } from "../config/debug-flag.js";
import { UsageError } from "../errors.js";
import { commandNamed } from "./command-index.js";
import { processIo, type CliIo } from "./io.js";
import { createProgram } from "./program.js";
import { reportError } from "./report-error.js";

/** Runs nectr with the arguments after `nectr`; resolves to the exit code. */
export async function run(words: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, named] = words;
  if (first === "help" && named !== undefined && named !== "help" && !named.startsWith("-") && !commandNamed(named)) {
    const unknown = new UsageError(`unknown command '${named}'`, { hint: "run nectr --help" });
    return reportError(unknown, io, debugEnabled(io.env));
  }
  // `nectr help X` is `nectr X --help`; `nectr help` and `nectr help help` are `nectr --help`.
  const argv = first === "help" ? [...words.slice(named === "help" ? 2 : 1), "--help"] : words;
  // Only a command that runs needs settings, the database and the rest: help and version do not.
  const entry = commandNamed(argv[0]);
  const deps = entry ? (await import("./deps.js")).createDeps(io) : undefined;
  const program = await createProgram(io, entry && deps ? { entry, deps } : undefined);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && ["commander.helpDisplayed", "commander.version"].includes(error.code)) {
      return 0;
    }
    // A command group named without a subcommand: commander has shown its help on stderr.
    if (error instanceof CommanderError && error.code === "commander.help") return 2;
    return reportError(asUsageError(error, program, argv), io, debugEnabled(io.env));
  } finally {
    await deps?.close();
  }
}

/** Commander's parse errors are usage errors; the hint names the command's own help. */
function asUsageError(error: unknown, program: Command, argv: readonly string[]): unknown {
  if (!(error instanceof CommanderError)) return error;
  const message = error.message.replace(/^error: /, "");
  return new UsageError(message, { hint: `run ${commandPath(program, argv)} --help`, cause: error });
}

/** The deepest known command named in argv, e.g. "nectr config set". */
function commandPath(program: Command, argv: readonly string[]): string {
  const names = [program.name()];
  let command = program;
  for (const word of argv) {
    const next = command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
    if (!next) break;
    names.push(next.name());
    command = next;
  }
  return names.join(" ");
}
