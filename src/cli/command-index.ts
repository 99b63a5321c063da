import type { Command } from "commander";
import type { CliDeps } from "./deps.js";

// Every command, by name, with what the top-level help says of it. A command's module (options,
// arguments, the action and all it imports) is loaded only when that command runs, so `nectr
// --help` and `nectr --version` load commander and little else.

export interface CommandModule {
  register(program: Command, deps: CliDeps): void;
}

export interface CommandEntry {
  name: string;
  /** Its arguments as the top-level help shows them, e.g. "[ref]". */
  args: string;
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "login",
    args: "",
    summary: "log in to GitHub with the OAuth device flow and store the token",
    load: () => import("./commands/login.js"),
  },
  {
    name: "logout",
    args: "",
    summary: "forget the stored GitHub token (keychain and file)",
    load: () => import("./commands/logout.js"),
  },
  {
    name: "auth",
    args: "",
    summary: "show and print the GitHub login nectr uses",
    load: () => import("./commands/auth.js"),
  },
  {
    name: "connect",
    args: "[repo]",
    summary: "install a webhook on a repository so nectr serve reviews its pull requests",
    load: () => import("./commands/connect.js"),
  },
  {
    name: "disconnect",
    args: "<repo>",
    summary: "delete a repository's webhook and stop reviewing it (its history is kept)",
    load: () => import("./commands/disconnect.js"),
  },
  {
    name: "repos",
    args: "",
    summary: "connected repositories: webhook, URL, active, last delivery, last review",
    load: () => import("./commands/repos.js"),
  },
  {
    name: "review",
    args: "[ref]",
    summary: "review a pull request (OWNER/REPO#N or a PR URL), or local changes with --local",
    load: () => import("./commands/review.js"),
  },
  {
    name: "serve",
    args: "",
    summary: "run the daemon: receive webhooks, store them, and review pull requests from a durable queue",
    load: () => import("./commands/serve.js"),
  },
  {
    name: "events",
    args: "",
    summary: "recent webhook deliveries and what became of them",
    load: () => import("./commands/events.js"),
  },
  {
    name: "memory",
    args: "",
    summary: "what reviews of a repository know: rules you add, lessons nectr learned",
    load: () => import("./commands/memory.js"),
  },
  {
    name: "doctor",
    args: "",
    summary: "check every part nectr uses, and say how to fix what is missing",
    load: () => import("./commands/doctor.js"),
  },
  {
    name: "config",
    args: "",
    summary: "show and change settings in config.json",
    load: () => import("./commands/config.js"),
  },
];

export function commandNamed(name: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.name === name);
}

/** The summary a command's own module gives its `.description()`, the same as the top-level help's. */
export function summaryOf(name: string): string {
  return commandNamed(name)?.summary ?? "";
}
