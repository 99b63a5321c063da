import { Command } from "commander";
import { version } from "../version.js";
import { registerAuth } from "./commands/auth.js";
import { registerConfig } from "./commands/config.js";
import { registerConnect } from "./commands/connect.js";
import { registerDisconnect } from "./commands/disconnect.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerEvents } from "./commands/events.js";
import { registerMemory } from "./commands/memory.js";
import { registerRepos } from "./commands/repos.js";
import { registerServe } from "./commands/serve.js";
import { registerLogin } from "./commands/login.js";
import { registerLogout } from "./commands/logout.js";
import { registerReview } from "./commands/review.js";
import type { CliDeps } from "./deps.js";

export function createProgram(deps: CliDeps): Command {
  const program = new Command("nectr")
    .description("AI pull-request reviewer for GitHub that you host yourself")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.io.stdout.write(text),
      writeErr: (text) => deps.io.stderr.write(text),
      // Errors are reported once, on one line, by report-error.ts.
      outputError: () => {},
    });

  registerLogin(program, deps);
  registerLogout(program, deps);
  registerAuth(program, deps);
  registerConnect(program, deps);
  registerDisconnect(program, deps);
  registerRepos(program, deps);
  registerReview(program, deps);
  registerServe(program, deps);
  registerEvents(program, deps);
  registerMemory(program, deps);
  registerDoctor(program, deps);
  registerConfig(program, deps);
  return program;
}
