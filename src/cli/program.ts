import { Command } from "commander";
import { version } from "../version.js";
import { COMMANDS, PROGRAM_EXAMPLES, type CommandEntry, type Example } from "./command-index.js";
import type { CliDeps } from "./deps.js";
import type { CliIo } from "./io.js";

/**
 * The program: every command, the invoked one in full (its module loaded, given `deps`, its help
 * with examples), the rest as names and summaries for the help. With no command named, only the
 * names and summaries.
 */
export async function createProgram(
  io: CliIo,
  invoked: { entry: CommandEntry; deps: CliDeps } | undefined,
): Promise<Command> {
  const program = new Command("nectr")
    .description("AI pull-request reviewer for GitHub that you host yourself")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    // Listed in the help; main.ts turns `nectr help X` into `nectr X --help`.
    .helpCommand("help [command]", "show help for a command")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are reported once, on one line, by report-error.ts.
      outputError: () => {},
    })
    .addHelpText("after", examplesText(PROGRAM_EXAMPLES));
  for (const entry of COMMANDS) {
    if (entry === invoked?.entry) {
      (await entry.load()).register(program, invoked.deps);
      const command = program.commands.find((known) => known.name() === entry.name);
      if (command) addExamples(command, `nectr ${entry.name}`, entry.examples);
    } else program.command(`${entry.name} ${entry.args}`.trim()).description(entry.summary);
  }
  return program;
}

/** Gives a command's help, and each of its subcommands', the examples that run it. */
function addExamples(command: Command, path: string, examples: readonly Example[]): void {
  const own = examples.filter((example) => ` ${example.run.replace(/[()]/g, " ")} `.includes(` ${path} `));
  if (own.length > 0) command.addHelpText("after", examplesText(own));
  for (const sub of command.commands) addExamples(sub, `${path} ${sub.name()}`, examples);
}

function examplesText(examples: readonly Example[]): string {
  return `\nExamples:\n${examples.map((example) => `  # ${example.does}\n  $ ${example.run}`).join("\n\n")}`;
}
