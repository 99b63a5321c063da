import { randomBytes } from "node:crypto";
import { z } from "zod";
import { githubError } from "../github/github-errors.js";
import { commandAnswer } from "../github/command-answer.js";
import { canWrite } from "../github/permissions.js";
import { pullRequestSource } from "../github/pull-request-source.js";
import { runInReviewThread } from "../review-thread/run-in-review-thread.js";
import { parsePrCommand } from "../review/pr-command.js";
import type { EventRecord } from "../store/events-table.js";
import { spendDay } from "../store/llm-spend-table.js";
import { repoBudget } from "./repo-budget.js";
import { jobClient, type ReviewJobContext } from "./review-job.js";
import type { JobOutcome } from "./worker-pool.js";

const commentPayload = z.object({
  repository: z.object({ full_name: z.string() }),
  issue: z.object({ number: z.number().int().positive() }),
  comment: z.object({
    id: z.number().int().positive(),
    body: z.string().nullable(),
    user: z.object({ login: z.string(), type: z.string().optional() }),
  }),
});

/**
 * `@nectr review`, `@nectr ask …` and `@nectr ignore` from PR comments. Only users who may push
 * to the repo can command; anyone else gets no answer at all. The comment is untrusted: a
 * question reaches the model fenced as data. Each person's asks and reviews of the day are
 * counted: past `commandsPerAuthorPerDay` they get no LLM, and the answer says why.
 */
export function createCommandJobRunner(
  context: ReviewJobContext,
  review: (job: EventRecord, llmWithheld?: string) => Promise<JobOutcome>,
) {
  return async (job: EventRecord & { payload: string }): Promise<JobOutcome> => {
    const parsed = commentPayload.safeParse(JSON.parse(job.payload));
    const command = parsed.success ? parsePrCommand(parsed.data.comment.body ?? "") : undefined;
    if (!parsed.success || !command) return "skipped";
    const { repository, issue, comment } = parsed.data;
    const [owner, repo] = repository.full_name.split("/");
    if (!owner || !repo) return "skipped";
    const ref = { owner, repo, number: issue.number };
    // A bot's comment is never a command: not nectr's own summary delivered back, nor another app's.
    if (comment.user.type === "Bot") return "skipped";
    const { octokit, bot } = await jobClient(context, repository.full_name, job.installationId);
    if (!(await canWrite(octokit, ref, comment.user.login))) return "skipped";
    const ours = commandAnswer(octokit, ref, comment.id, comment.user.login, bot);
    // Run again after a restart, a command nectr already answered is done: never two answers.
    if (await ours.answered()) return "done";
    const reply = (body: string) => ours.post(body);

    if (command.kind === "ignore") {
      await context.store.pulls.ignore(repository.full_name, ref.number, comment.user.login, new Date().toISOString());
      await reply(`nectr will leave this pull request alone. \`@nectr review\` brings it back.`);
      return "done";
    }
    const uses = await context.store.pulls.countCommand(repository.full_name, comment.user.login, spendDay(new Date()));
    const overLimit =
      uses > context.commandsPerAuthorPerDay
        ? `@${comment.user.login} has given the ${context.commandsPerAuthorPerDay} @nectr commands one person may give in ${repository.full_name} today (UTC)`
        : undefined;
    if (command.kind === "review") {
      await context.store.pulls.unignore(repository.full_name, ref.number);
      const pull = await octokit.rest.pulls.get({ owner, repo, pull_number: ref.number }).catch((error: unknown) => {
        throw githubError(error, `read ${repository.full_name}#${ref.number}`);
      });
      const head = pull.data.head.sha;
      const basis = await context.context.basisOf(repository.full_name, pullRequestSource(octokit, ref));
      if ((await context.store.reviews.basesAt(repository.full_name, ref.number, head))[0] === basis) {
        await reply(
          `@${comment.user.login} nectr's review of ${head.slice(0, 7)} is current: nothing it depends on (the code, \`.nectr.yml\`, the review memory, the model) changed since. Push a commit, or change one of those, and ask again.`,
        );
        return "done";
      }
      return review(
        { ...job, action: "opened", repo: repository.full_name, prNumber: ref.number, headSha: head },
        overLimit,
      );
    }
    if (!context.llm) {
      await reply(`@${comment.user.login} nectr has no LLM configured here, so it cannot answer questions.`);
      return "done";
    }
    const source = pullRequestSource(octokit, ref);
    const budget = await repoBudget(context.store, repository.full_name, context.llmDailyTokens, source);
    const withheld = overLimit ?? (await budget.spentReason());
    if (withheld) {
      await reply(`nectr cannot answer this one: ${withheld}. Ask again tomorrow.`);
      return "done";
    }
    const asked = await runInReviewThread(
      {
        name: "ask",
        question: command.question,
        asker: comment.user.login,
        boundary: randomBytes(8).toString("hex"),
      },
      { source, llm: budget.llm(context.llm) },
      { timeBoxMs: context.analysisTimeBoxMs },
    ).catch(async (error: unknown) => {
      if (await budget.spentReason()) return undefined;
      throw error;
    });
    if (!asked) {
      await reply(
        `nectr cannot answer this one: ${(await budget.spentReason()) ?? "the LLM budget is spent"}. Ask again tomorrow.`,
      );
      return "done";
    }
    const { answer } = asked;
    const quoted = command.question
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n");
    await reply(`@${comment.user.login} asked:\n${quoted}\n\n${answer}`);
    return "done";
  };
}
