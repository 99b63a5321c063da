import { appendFile, readFile } from "node:fs/promises";
import { AuthError, UsageError } from "../errors.js";
import { parsePullRequestRef, type PullRequestRef } from "../github/refs.js";

type Env = Readonly<Record<string, string | undefined>>;

const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

/** The pull request a GitHub Actions run is about, and what the run may do with it. */
export interface ActionsPullRequest {
  ref: PullRequestRef;
  /** The workflow's GITHUB_TOKEN: in Actions nectr uses it and nothing stored. */
  token: string;
  apiUrl: string;
  /**
   * A `pull_request` run for a fork's PR: GitHub gives it a read-only token, so posting would be
   * refused (403). nectr reviews and prints, and posts nothing.
   */
  readOnly: boolean;
}

export function insideGitHubActions(env: Env): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/** Reads the PR from the event GitHub Actions wrote at GITHUB_EVENT_PATH. */
export async function actionsPullRequest(env: Env): Promise<ActionsPullRequest> {
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  if (!PULL_REQUEST_EVENTS.includes(eventName))
    throw new UsageError(`this workflow ran for a "${eventName || "unknown"}" event, not a pull request`, {
      hint: "run nectr on: pull_request or pull_request_target, or pass OWNER/REPO#N",
    });
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const ref = parsePullRequestRef(`${event.repository}#${event.number}`);
  const token = env.GITHUB_TOKEN;
  if (!token)
    throw new AuthError("GITHUB_TOKEN is not set in this step", {
      hint: "add env: GITHUB_TOKEN: ${{ github.token }} to the step (the nectr action does this)",
    });
  return {
    ref,
    token,
    apiUrl: apiUrlOf(env.GITHUB_API_URL),
    readOnly: eventName === "pull_request" && event.fromFork,
  };
}

interface PullRequestEvent {
  repository: string;
  number: number;
  fromFork: boolean;
}

async function readEvent(eventPath: string | undefined): Promise<PullRequestEvent> {
  if (!eventPath)
    throw new UsageError("GITHUB_EVENT_PATH is not set", { hint: "run nectr review inside a GitHub Actions job" });
  const text = await readFile(eventPath, "utf8").catch((error: unknown) => {
    throw new UsageError(`cannot read the workflow's event at ${eventPath}`, {
      hint: "check GITHUB_EVENT_PATH",
      cause: error,
    });
  });
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the workflow's event at ${eventPath} is not JSON`, {
      hint: "check GITHUB_EVENT_PATH",
      cause: error,
    });
  }
  const pull = field(event, "pull_request");
  const repository = field(field(event, "repository"), "full_name");
  const number = field(pull, "number");
  if (typeof repository !== "string" || typeof number !== "number")
    throw new UsageError(`the workflow's event at ${eventPath} names no pull request`, {
      hint: "run nectr on: pull_request or pull_request_target",
    });
  const baseRepo = field(field(field(pull, "base"), "repo"), "full_name");
  // A fork deleted since the PR was opened has no head repository: it is still not this one.
  const headRepo = field(field(field(pull, "head"), "repo"), "full_name");
  return { repository, number, fromFork: headRepo !== (baseRepo ?? repository) };
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function apiUrlOf(text: string | undefined): string {
  const url = text || "https://api.github.com";
  if (!/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url))
    throw new UsageError(`GITHUB_API_URL is not an http(s) URL: "${url}"`, {
      hint: "leave GITHUB_API_URL as GitHub Actions sets it",
    });
  return url.replace(/\/+$/, "");
}

/** The step's outputs (`verdict`, `findings`) and its job summary, when Actions gave the files for them. */
export async function writeActionsResults(
  env: Env,
  result: { verdict: string; findings: number; summaryMarkdown: string },
): Promise<void> {
  if (env.GITHUB_OUTPUT)
    await appendFile(env.GITHUB_OUTPUT, `verdict=${result.verdict}\nfindings=${result.findings}\n`);
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${result.summaryMarkdown}\n`);
}
