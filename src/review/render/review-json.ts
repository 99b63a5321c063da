import type { Review } from "../types.js";
import { summaryMarkdown } from "./summary-markdown.js";

export interface PostedIds {
  reviewId: number | null;
  summaryCommentId: number;
}

export interface ReviewRun {
  review: Review;
  githubRequests: number;
  posted: PostedIds | null;
}

/** The one place that knows the SPEC's `--json` document ("A review"). */
export function reviewJson({ review, githubRequests, posted }: ReviewRun) {
  const { info } = review;
  return {
    pr: info.pr ? { owner: info.pr.owner, repo: info.pr.repo, number: info.pr.number, headSha: info.headSha } : null,
    ...(info.pr === undefined && { local: { base: info.baseRef, baseSha: info.baseSha, headSha: info.headSha } }),
    summary: summaryMarkdown(review),
    verdict: review.verdict,
    findings: review.findings.map((finding) => ({
      path: finding.path,
      line: finding.line,
      startLine: finding.startLine,
      side: finding.side,
      // "file": posted as a comment on the file, its code being outside the diff; line numbers the file's lines.
      subjectType: finding.subjectType ?? "line",
      severity: finding.severity,
      rule: finding.rule,
      title: finding.title,
      body: finding.body,
      suggestion: finding.suggestion,
    })),
    stats: {
      files: Math.max(info.changedFiles, review.files.length),
      additions: review.files.reduce((sum, file) => sum + file.additions, 0),
      deletions: review.files.reduce((sum, file) => sum + file.deletions, 0),
      filesReviewed: review.coverage.full.length + review.coverage.clipped.length,
      filesSkipped: review.coverage.skipped,
      githubRequests,
      llm: {
        model: review.llm.model,
        promptTokens: review.llm.promptTokens,
        completionTokens: review.llm.completionTokens,
        costUsd: review.llm.costDollars,
      },
    },
    posted,
  };
}
