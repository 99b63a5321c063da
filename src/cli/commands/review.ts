import type { Command } from "commander";
import { RemoteError, UsageError } from "../../errors.js";
import { localChangeSource } from "../../git/local-change-source.js";
import { parsePullRequestRef } from "../../github/refs.js";
import type { PostedIds } from "../../review/render/review-json.js";
import { reviewJson } from "../../review/render/review-json.js";
import { terminalText } from "../../review/render/terminal-text.js";
import type { ReviewEstimate } from "../../review/estimate-review.js";
import { bootReviewThread, runInReviewThread } from "../../review-thread/run-in-review-thread.js";
import { repoBudget } from "../../daemon/repo-budget.js";
import { formatDollars } from "../../review/token-price.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { createContextSetup } from "../context-setup.js";
import { createProgress } from "../progress.js";
import { createLlm, reviewLimits } from "../review-setup.js";

interface ReviewOptions {
  local?: boolean;
  base?: string;
  dryRun?: boolean;
  json?: boolean;
  model?: string;
  requireLlm?: boolean;
  estimate?: boolean;
  full?: boolean;
  ask?: string;
}

export function register(program: Command, deps: CliDeps): void {
  program
    .command("review")
    .description(summaryOf("review"))
    .argument("[ref]", "OWNER/REPO#N or https://github.com/OWNER/REPO/pull/N")
    .option("--local", "review this git checkout's changes, with no GitHub")
    .option("--base <ref>", "with --local: the branch to compare with (default: upstream, else main)")
    .option("--dry-run", "print the review, post nothing")
    .option("--json", "print the review as JSON")
    .option("--model <name>", "LLM model (default: NECTR_MODEL)")
    .option("--require-llm", "fail (exit 1) instead of falling back to built-in checks when the LLM fails")
    .option("--estimate", "print what the LLM review would cost, and do nothing else")
    .option("--full", "review the whole PR again, not only what changed since nectr's last review")
    .option(
      "--ask <question>",
      "answer a question about the PR (posted as a comment unless --dry-run), like @nectr ask",
    )
    .action((ref: string | undefined, options: ReviewOptions) => reviewCommand(deps, ref, options));
}

async function reviewCommand(deps: CliDeps, refText: string | undefined, options: ReviewOptions): Promise<void> {
  if (options.local && refText)
    throw new UsageError("give a pull request or --local, not both", { hint: "run nectr review --help" });
  if (!options.local && !refText)
    throw new UsageError("which pull request?", { hint: "run nectr review OWNER/REPO#N, or nectr review --local" });
  if (options.base && !options.local)
    throw new UsageError("--base goes with --local", { hint: "run nectr review --local --base REF" });
  const ref = refText ? parsePullRequestRef(refText) : undefined;
  const local = ref ? undefined : localChangeSource(process.cwd(), options.base);
  // The review thread loads, and git runs, while the settings and the context backends load.
  const thread = options.ask === undefined ? bootReviewThread() : undefined;
  local?.load().catch(() => undefined);
  const settings = deps.settings();
  const llm = createLlm(settings, options.model);
  if (options.requireLlm && !llm)
    throw new UsageError("--require-llm, but no LLM is configured", {
      hint: "set OPENAI_BASE_URL (and OPENAI_API_KEY)",
    });

  const target = ref
    ? await import("../pull-request-target.js").then(({ openPullRequestTarget }) =>
        openPullRequestTarget(deps, settings, ref),
      )
    : undefined;
  const source = target?.source ?? local!;
  const repo = target?.repo;
  const progress = createProgress(deps.io.stderr, deps.io.env);
  const setup = createContextSetup(settings, deps.database, llm, (message) =>
    deps.io.stderr.write(`nectr: warning: ${message}\n`),
  );
  const timeBoxMs = settings.analysisTimeoutSeconds * 1000;
  try {
    // A pull request's repository has its LLM budget of the day, whoever asks; a local change has none.
    const budget = repo ? await repoBudget(deps.database(), repo, settings.llmDailyTokens, source) : undefined;
    const charged = llm && budget ? budget.llm(llm) : llm;
    if (options.ask !== undefined) {
      const spent = budget?.spentReason();
      if (spent) throw new RemoteError(spent, { hint: "ask again tomorrow, or raise NECTR_LLM_DAILY_TOKENS" });
      const { askAboutPullRequest } = await import("../ask-about-pull-request.js");
      await askAboutPullRequest(deps, {
        source,
        llm: charged,
        octokit: target?.octokit,
        ref,
        question: options.ask,
        dryRun: options.dryRun === true,
        progress: progress.step,
        timeBoxMs,
      });
      return;
    }
    const context = setup.gatherer(source, repo, target?.octokit, budget);
    if (options.estimate) {
      const estimate = await runInReviewThread(
        { name: "estimate", limits: reviewLimits(settings, llm) },
        { source, llm: undefined, context, progress: progress.step },
        { timeBoxMs, thread },
      );
      progress.stop();
      if (options.json)
        deps.out.json({ model: llm?.model ?? settings.model, llmConfigured: llm !== undefined, ...estimate });
      else printEstimate(deps, estimate, llm?.model ?? settings.model, llm !== undefined);
      return;
    }
    const basis = repo ? await setup.basisOf(repo, source) : "";
    const review = await runInReviewThread(
      {
        name: "review",
        limits: reviewLimits(settings, llm),
        llmWithheld: budget?.spentReason(),
        learn: repo !== undefined,
      },
      { source, llm: charged, context, focus: target?.focus(options.full === true), progress: progress.step },
      { timeBoxMs, thread },
    );
    if (options.requireLlm && review.llm.status !== "used") {
      throw new RemoteError(`the LLM review did not complete: ${review.llm.problems[0] ?? "no answer"}`, {
        hint: "nothing was posted; try again, or drop --require-llm",
      });
    }
    let posted: PostedIds | null = null;
    if (target && !options.dryRun) {
      progress.step("Posting the review");
      posted = await target.publish(review, basis, setup);
    }
    if (repo) {
      progress.step("Remembering what the review learned");
      await setup.learnFrom(review, repo);
    }
    progress.stop();
    if (options.json) deps.out.json(reviewJson({ review, githubRequests: target?.requests() ?? 0, posted }));
    else deps.out.line(terminalText(review, posted, deps.out.color));
  } finally {
    progress.stop();
    await setup.close();
  }
}

function printEstimate(deps: CliDeps, estimate: ReviewEstimate, model: string, configured: boolean): void {
  const cost =
    estimate.maxCostDollars === null
      ? "no price known for this model (set llmPrice)"
      : `at most ${formatDollars(estimate.maxCostDollars)}`;
  const lines = [
    `${estimate.calls} LLM call${estimate.calls === 1 ? "" : "s"} to ${model}: ${estimate.promptTokens.toLocaleString("en-US")} prompt tokens, at most ${estimate.maxCompletionTokens.toLocaleString("en-US")} completion tokens; ${cost}.`,
    `Files: ${estimate.files.full} in full, ${estimate.files.clipped} clipped, ${estimate.files.skipped} skipped. Nothing was sent to the LLM or posted.`,
  ];
  if (!configured) lines.push("No LLM is configured, so a review now would be the built-in checks alone, at no cost.");
  deps.out.line(lines.join("\n"));
}
