import { Command } from "commander";
import { version } from "../version.js";
import { COMMANDS, type CommandEntry } from "./command-index.js";
import type { CliDeps } from "./deps.js";
import type { CliIo } from "./io.js";

/**
 * The program: every command, the invoked one in full (its module loaded, given `deps`), the rest
 * as names and summaries for the help. With no command named, only the names and summaries.
 */
export async function createProgram(
  io: CliIo,
  invoked: { entry: CommandEntry; deps: CliDeps } | undefined,
): Promise<Command> {
  const program = new Command("nectr")
    .description("AI pull-request reviewer for GitHub that you host yourself")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are reported once, on one line, by report-error.ts.
      outputError: () => {},
    });
  for (const entry of COMMANDS) {
    if (entry === invoked?.entry) (await entry.load()).register(program, invoked.deps);
    else program.command(`${entry.name} ${entry.args}`.trim()).description(entry.summary);
  }
  return program;
}
