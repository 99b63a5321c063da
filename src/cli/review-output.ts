import type { ChalkInstance } from "chalk";
import { GateError, UsageError } from "../errors.js";
import { reviewJson, type ReviewRun } from "../review/render/review-json.js";
import { terminalText } from "../review/render/terminal-text.js";
import { atOrAbove } from "../review/repo-config.js";
import { SEVERITIES, type Review, type Severity } from "../review/types.js";
import { version } from "../version.js";

export const REVIEW_FORMATS = ["text", "json", "sarif", "github"] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** `--format`, with `--json` as another name for `--format json`. */
export function reviewFormatOf(options: { format?: string; json?: boolean }): ReviewFormat {
  const format = options.format === undefined ? undefined : REVIEW_FORMATS.find((name) => name === options.format);
  if (options.format !== undefined && !format)
    throw new UsageError(`--format must be one of ${REVIEW_FORMATS.join(", ")}, not "${options.format}"`, {
      hint: "e.g. --format sarif > nectr.sarif",
    });
  if (options.json && format && format !== "json")
    throw new UsageError(`--json and --format ${format} ask for two formats`, {
      hint: "keep one: --json is --format json",
    });
  return options.json ? "json" : (format ?? "text");
}

/** The review as the format prints it: what stdout carries, and nothing else. */
export async function renderReview(format: ReviewFormat, run: ReviewRun, color: ChalkInstance): Promise<string> {
  switch (format) {
    case "text":
      return terminalText(run.review, run.posted, color);
    case "json":
      return JSON.stringify(reviewJson(run), null, 2);
    case "sarif": {
      const { sarifLog } = await import("../review/render/sarif.js");
      return JSON.stringify(sarifLog(run.review, { version }), null, 2);
    }
    case "github": {
      const { workflowCommands } = await import("../review/render/workflow-commands.js");
      return workflowCommands(run.review);
    }
  }
}

export function parseFailOn(text: string | undefined): Severity | undefined {
  if (text === undefined) return undefined;
  const severity = SEVERITIES.find((name) => name === text);
  if (!severity)
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, not "${text}"`, {
      hint: "e.g. --fail-on critical fails only on critical findings",
    });
  return severity;
}

/** `--fail-on`: the review's findings at or above the threshold make the command exit 3. */
export function failOnGate(review: Review, failOn: Severity | undefined): void {
  if (!failOn) return;
  const failing = review.findings.filter((finding) => atOrAbove(finding.severity, failOn)).length;
  if (failing === 0) return;
  throw new GateError(`${failing} finding${failing === 1 ? "" : "s"} at or above ${failOn} (--fail-on ${failOn})`, {
    hint: "fix them and run again; the review lists each one",
  });
}
