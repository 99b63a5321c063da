import { randomBytes } from "node:crypto";
import { UsageError } from "../errors.js";
import type { GitHubClient } from "../github/create-octokit.js";
import { githubError } from "../github/github-errors.js";
import type { PullRequestRef } from "../github/refs.js";
import type { ChangeSource, LlmPort } from "../review/ports.js";
import { REPLY_MARKER } from "../review/render/markers.js";
import { runInReviewThread } from "../review-thread/run-in-review-thread.js";
import type { CliDeps } from "./deps.js";

/** `nectr review REF --ask "…"`: the CLI's `@nectr ask`. Prints the answer; posts it unless --dry-run. */
export async function askAboutPullRequest(
  deps: CliDeps,
  input: {
    source: ChangeSource;
    llm: LlmPort | undefined;
    octokit: GitHubClient | undefined;
    ref: PullRequestRef | undefined;
    question: string;
    dryRun: boolean;
    progress: (step: string) => void;
    timeBoxMs: number;
  },
): Promise<void> {
  const question = input.question.trim();
  if (!question)
    throw new UsageError("--ask needs a question", { hint: 'nectr review OWNER/REPO#N --ask "why is the limit 10?"' });
  if (!input.llm)
    throw new UsageError("answering a question needs an LLM", { hint: "set OPENAI_BASE_URL (and OPENAI_API_KEY)" });
  input.progress(`Reading the change and asking ${input.llm.model}`);
  const { answer } = await runInReviewThread(
    { name: "ask", question, asker: undefined, boundary: randomBytes(8).toString("hex") },
    { source: input.source, llm: input.llm },
    { timeBoxMs: input.timeBoxMs },
  );
  deps.out.line(answer);
  const { octokit, ref } = input;
  if (input.dryRun || !octokit || !ref) return;
  const quoted = question
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  await octokit.rest.issues
    .createComment({
      owner: ref.owner,
      repo: ref.repo,
      issue_number: ref.number,
      body: `Asked with nectr:\n${quoted}\n\n${answer}\n\n${REPLY_MARKER}`,
    })
    .catch((error: unknown) => {
      throw githubError(error, `post the answer on ${ref.owner}/${ref.repo}#${ref.number}`);
    });
}
