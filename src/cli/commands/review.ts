import type { Command } from "commander";
import { RemoteError, UsageError } from "../../errors.js";
import { localChangeSource, type LocalChange } from "../../git/local-change-source.js";
import { parsePullRequestRef } from "../../github/refs.js";
import type { PostedIds } from "../../review/render/review-json.js";
import { summaryMarkdown } from "../../review/render/summary-markdown.js";
import type { ReviewEstimate } from "../../review/estimate-review.js";
import type { RawChange } from "../../review/ports.js";
import { bootReviewThread, runInReviewThread } from "../../review-thread/run-in-review-thread.js";
import { repoBudget } from "../../daemon/repo-budget.js";
import { formatDollars } from "../../review/token-price.js";
import { summaryOf } from "../command-index.js";
import type { CliDeps } from "../deps.js";
import { createContextSetup } from "../context-setup.js";
import { createProgress } from "../progress.js";
import { createLlm, reviewLimits } from "../review-setup.js";
import { actionsPullRequest, insideGitHubActions, writeActionsResults } from "../github-actions.js";
import { failOnGate, parseFailOn, renderReview, reviewFormatOf, type ReviewFormat } from "../review-output.js";

interface ReviewOptions {
  local?: boolean;
  base?: string;
  staged?: boolean;
  dryRun?: boolean;
  json?: boolean;
  format?: string;
  failOn?: string;
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
    .option("--staged", "with --local: review only what is staged, against HEAD (for a pre-commit hook)")
    .option("--dry-run", "print the review, post nothing")
    .option("--fail-on <severity>", "exit 3 when a finding is at or above it: critical, warning, suggestion or nit")
    .option("--format <format>", "print the review as text, json, sarif (SARIF 2.1.0) or github (Actions annotations)")
    .option("--json", "print the review as JSON (the same as --format json)")
    .option("--model <name>", "LLM model (default: the model setting, else gpt-4o-mini)")
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
  const format = reviewFormatOf(options);
  const failOn = parseFailOn(options.failOn);
  checkUsage(refText, options, format);
  const env = deps.io.env;
  const actions = !refText && !options.local && insideGitHubActions(env) ? await actionsPullRequest(env) : undefined;
  if (!options.local && !refText && !actions)
    throw new UsageError("which pull request?", {
      hint: "run nectr review OWNER/REPO#N, or nectr review --local (inside GitHub Actions the PR is read from the event)",
    });
  const ref = actions?.ref ?? (refText ? parsePullRequestRef(refText) : undefined);
  const change: LocalChange = options.staged ? { staged: true } : { staged: false, base: options.base };
  const local = ref ? undefined : localChangeSource(process.cwd(), change);
  // The review thread loads, and git runs, while the settings and the context backends load.
  const thread = options.ask === undefined ? bootReviewThread() : undefined;
  local?.load().catch(() => undefined);
  const loaded = deps.settings();
  const settings = actions ? { ...loaded, githubApiUrl: actions.apiUrl } : loaded;
  const llm = createLlm(settings, options.model);
  if (options.requireLlm && !llm)
    throw new UsageError("--require-llm, but no LLM is configured", {
      hint: "set OPENAI_BASE_URL (and OPENAI_API_KEY)",
    });

  const target = ref
    ? await import("../pull-request-target.js").then(({ openPullRequestTarget }) =>
        openPullRequestTarget(deps, settings, ref, actions?.token),
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
    const budget = repo
      ? await repoBudget((await deps.database()).store, repo, settings.llmDailyTokens, source)
      : undefined;
    const charged = llm && budget ? budget.llm(llm) : llm;
    if (options.ask !== undefined) {
      const spent = await budget?.spentReason();
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
      if (format === "json")
        deps.out.json({ model: llm?.model ?? settings.model, llmConfigured: llm !== undefined, ...estimate });
      else printEstimate(deps, estimate, llm?.model ?? settings.model, llm !== undefined);
      return;
    }
    if (local && format === "text") {
      const nothing = nothingToReview(await local.load(), options.staged === true);
      if (nothing) {
        deps.io.stderr.write(`nectr: ${nothing}\n`);
        return;
      }
    }
    const basis = repo ? await setup.basisOf(repo, source) : "";
    const review = await runInReviewThread(
      {
        name: "review",
        limits: reviewLimits(settings, llm),
        llmWithheld: await budget?.spentReason(),
        learn: repo !== undefined,
      },
      // A gate judges the whole PR: --fail-on reviews all of it, not only what changed since the last review.
      {
        source,
        llm: charged,
        context,
        focus: target?.focus(options.full === true || failOn !== undefined),
        progress: progress.step,
      },
      { timeBoxMs, thread },
    );
    if (options.requireLlm && review.llm.status !== "used") {
      throw new RemoteError(`the LLM review did not complete: ${review.llm.problemDetails[0] ?? "no answer"}`, {
        hint: "nothing was posted; try again, or drop --require-llm",
      });
    }
    if (review.llm.status === "failed" || review.llm.status === "partial")
      for (const detail of review.llm.problemDetails) deps.io.stderr.write(`nectr: warning: ${detail}\n`);
    let posted: PostedIds | null = null;
    if (actions?.readOnly && !options.dryRun)
      deps.io.stderr.write(
        "nectr: a pull request from a fork: GitHub gives this workflow a read-only token, so nothing is posted; the findings are printed\n",
      );
    if (target && !options.dryRun && !actions?.readOnly) {
      progress.step("Posting the review");
      posted = await target.publish(review, basis, setup);
    }
    if (repo) {
      progress.step("Remembering what the review learned");
      await setup.learnFrom(review, repo);
    }
    progress.stop();
    const printed = await renderReview(
      format,
      { review, githubRequests: target?.requests() ?? 0, posted },
      deps.out.color,
    );
    if (printed !== "") deps.out.line(printed);
    if (insideGitHubActions(env))
      await writeActionsResults(env, {
        verdict: review.verdict,
        findings: review.findings.length,
        summaryMarkdown: summaryMarkdown(review),
      });
    failOnGate(review, failOn);
  } finally {
    progress.stop();
    await setup.close();
  }
}

function checkUsage(refText: string | undefined, options: ReviewOptions, format: ReviewFormat): void {
  if (options.local && refText)
    throw new UsageError("give a pull request or --local, not both", { hint: "run nectr review --help" });
  for (const flag of ["base", "staged"] as const) {
    if (options[flag] && !options.local)
      throw new UsageError(`--${flag} goes with --local`, {
        hint: `run nectr review --local --${flag}${flag === "base" ? " REF" : ""}`,
      });
  }
  if (options.staged && options.base)
    throw new UsageError("--staged compares what is staged with HEAD, so it takes no --base", {
      hint: "drop --base, or drop --staged to compare the working tree with --base",
    });
  const only = options.estimate ? "--estimate" : options.ask !== undefined ? "--ask" : undefined;
  if (only && (options.failOn !== undefined || (format !== "text" && format !== "json")))
    throw new UsageError(`${only} prints text or JSON and gates nothing`, {
      hint: `drop --fail-on and --format ${format}, or drop ${only}`,
    });
}

/** Why a local change has nothing to review, or undefined when it has something. */
function nothingToReview(change: RawChange, staged: boolean): string | undefined {
  if (change.diff.kind !== "unified" || change.diff.text.trim() !== "") return undefined;
  return staged
    ? "nothing to review: nothing is staged"
    : `nothing to review: no changes against ${change.info.baseRef}`;
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
