import type { Command } from "commander";
import type { CliDeps } from "./deps.js";

// Every command, by name, with what the top-level help says of it. A command's module (options,
// arguments, the action and all it imports) is loaded only when that command runs, so `nectr
// --help` and `nectr --version` load commander and little else.

export interface CommandModule {
  register(program: Command, deps: CliDeps): void;
}

/** A command line a user may copy, and what it does; shown under "Examples:" in the help. */
export interface Example {
  run: string;
  does: string;
}

export interface CommandEntry {
  name: string;
  /** Its arguments as the top-level help shows them, e.g. "[ref]". */
  args: string;
  summary: string;
  /** For the command and its subcommands: each subcommand's help shows the ones that run it. */
  examples: readonly Example[];
  load(): Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "login",
    args: "",
    summary: "log in to GitHub with the OAuth device flow and store the token",
    examples: [
      { run: "nectr login", does: "log in with GitHub's device flow: it prints a code to enter in the browser" },
      { run: 'echo "$TOKEN" | nectr login --with-token', does: "store a token you already have" },
      { run: "nectr login --hostname github.example.com", does: "log in to a GitHub Enterprise Server" },
    ],
    load: () => import("./commands/login.js"),
  },
  {
    name: "logout",
    args: "",
    summary: "forget the stored GitHub token (keychain and file)",
    examples: [
      { run: "nectr logout", does: "forget the token stored for github.com" },
      { run: "nectr logout --hostname github.example.com", does: "forget the one for a GitHub Enterprise Server" },
    ],
    load: () => import("./commands/logout.js"),
  },
  {
    name: "auth",
    args: "",
    summary: "show and print the GitHub login nectr uses",
    examples: [
      { run: "nectr auth status", does: "who is logged in, and whether the token's scopes are enough" },
      { run: "nectr auth status --json", does: "the same, for a script" },
      {
        run: 'curl -H "Authorization: Bearer $(nectr auth token)" https://api.github.com/user',
        does: "use nectr's token in a script",
      },
    ],
    load: () => import("./commands/auth.js"),
  },
  {
    name: "connect",
    args: "[repo]",
    summary: "install a webhook on a repository so nectr serve reviews its pull requests",
    examples: [
      {
        run: "nectr connect octo/app --url https://nectr.example.com",
        does: "send octo/app's pull requests to the nectr serve GitHub reaches there",
      },
      {
        run: "nectr connect octo/app --smee https://smee.io/abc123",
        does: "through a smee.io channel, for a nectr serve GitHub cannot reach",
      },
      { run: "nectr connect", does: "on a terminal: pick the repository from a list" },
    ],
    load: () => import("./commands/connect.js"),
  },
  {
    name: "disconnect",
    args: "<repo>",
    summary: "delete a repository's webhook and stop reviewing it (its history is kept)",
    examples: [
      { run: "nectr disconnect octo/app", does: "delete octo/app's webhook; its reviews and deliveries are kept" },
    ],
    load: () => import("./commands/disconnect.js"),
  },
  {
    name: "repos",
    args: "",
    summary: "connected repositories: webhook, URL, active, last delivery, last review",
    examples: [
      { run: "nectr repos", does: "the connected repositories and when each last had a delivery and a review" },
      { run: "nectr repos --json", does: "the same, for a script" },
    ],
    load: () => import("./commands/repos.js"),
  },
  {
    name: "review",
    args: "[ref]",
    summary: "review a pull request (OWNER/REPO#N or a PR URL), or local changes with --local",
    examples: [
      { run: "nectr review octo/app#42", does: "review pull request 42 of octo/app, and post the review on it" },
      {
        run: "nectr review https://github.com/octo/app/pull/42 --dry-run",
        does: "print the review of a PR named by its URL, and post nothing",
      },
      {
        run: "nectr review --local --fail-on critical",
        does: "review this checkout's changes; exit 3 if a critical finding remains",
      },
      { run: "nectr review --local --staged", does: "review only what is staged (for a pre-commit hook)" },
      { run: "nectr review --local --format sarif > nectr.sarif", does: "write SARIF for GitHub code scanning" },
      {
        run: "nectr review",
        does: "inside GitHub Actions: review the workflow's pull request (read from GITHUB_EVENT_PATH)",
      },
    ],
    load: () => import("./commands/review.js"),
  },
  {
    name: "app",
    args: "",
    summary: "run as a GitHub App: its bot posts the reviews, with short-lived installation tokens",
    examples: [
      {
        run: "nectr app create --url https://nectr.example.com",
        does: "create nectr's app on GitHub, from a local page",
      },
      { run: "nectr app use --app-id 123456 --private-key app.pem", does: "run as an app you already have" },
      { run: "nectr app status", does: "the app, its installations and their repositories" },
    ],
    load: () => import("./commands/app.js"),
  },
  {
    name: "serve",
    args: "",
    summary: "run the daemon: receive webhooks, store them, and review pull requests from a durable queue",
    examples: [
      { run: "nectr serve", does: "take webhooks on 127.0.0.1:8000, and review two pull requests at a time" },
      {
        run: "nectr serve --host 0.0.0.0 --port 8080 --concurrency 4",
        does: "listen on every interface, port 8080, four reviews at once",
      },
      { run: "nectr serve --smee https://smee.io/abc123", does: "also take deliveries from a smee.io channel" },
      {
        run: "nectr serve --print-systemd-unit > ~/.config/systemd/user/nectr.service",
        does: "run it as a systemd user service",
      },
    ],
    load: () => import("./commands/serve.js"),
  },
  {
    name: "events",
    args: "",
    summary: "recent webhook deliveries and what became of them",
    examples: [
      { run: "nectr events", does: "the 20 latest webhook deliveries and what became of them" },
      { run: "nectr events --limit 100 --json", does: "the 100 latest, for a script" },
    ],
    load: () => import("./commands/events.js"),
  },
  {
    name: "memory",
    args: "",
    summary: "what reviews of a repository know: rules you add, lessons nectr learned",
    examples: [
      {
        run: 'nectr memory add octo/app "money is always integer cents"',
        does: "a rule every review of octo/app must know",
      },
      { run: "nectr memory list octo/app", does: "what reviews of octo/app remember, with ids" },
      { run: "nectr memory delete octo/app 12", does: "forget memory 12 of octo/app" },
    ],
    load: () => import("./commands/memory.js"),
  },
  {
    name: "doctor",
    args: "",
    summary: "check every part nectr uses, and say how to fix what is missing",
    examples: [
      {
        run: "nectr doctor",
        does: "check the token, database, LLM endpoint and the rest, and say how to fix what fails",
      },
      { run: "nectr doctor --json", does: "the same, for a script" },
    ],
    load: () => import("./commands/doctor.js"),
  },
  {
    name: "config",
    args: "",
    summary: "show and change settings in config.json",
    examples: [
      { run: "nectr config list", does: "every setting, its value, and where it comes from" },
      { run: "nectr config get model", does: "print one setting" },
      { run: "nectr config set model llama3.1", does: "use another LLM model" },
      { run: "nectr config set port 8000", does: "the port nectr serve listens on" },
      {
        run: "nectr config set publicUrl https://nectr.example.com",
        does: "where GitHub reaches nectr serve, for nectr connect",
      },
    ],
    load: () => import("./commands/config.js"),
  },
];

/** For `nectr --help`: the first steps. */
export const PROGRAM_EXAMPLES: readonly Example[] = [
  { run: "nectr login", does: "log in to GitHub" },
  { run: "nectr review octo/app#42", does: "review a pull request, and post the review on it" },
  { run: "nectr review --local", does: "review this checkout's changes, with no GitHub" },
  { run: "nectr help review", does: "every option of one command, with examples" },
];

export function commandNamed(name: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.name === name);
}

/** The summary a command's own module gives its `.description()`, the same as the top-level help's. */
export function summaryOf(name: string): string {
  return commandNamed(name)?.summary ?? "";
}
