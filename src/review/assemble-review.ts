import { lineMapForFile } from "../diff/line-map.js";
import type { ClippedLine } from "./clip-long-lines.js";
import { costInDollars, type TokenPrice } from "./token-price.js";
import { findingCode, findingFingerprint, findingLines, normaliseCode } from "./fingerprint.js";
import { MAX_FINDINGS_PER_CALL, severer, type LlmReviewResult } from "./llm-review.js";
import type { LlmPort } from "./ports.js";
import type { Finding, LlmRun, Note, PlacedFinding, ReviewFile, Verdict } from "./types.js";

// The parts of a Review computed from the checks' and the model's raw results.

/**
 * Every finding is checked against the diff's line map: one GitHub would refuse becomes a note.
 * `clipped` are the lines the review read only in part: no replacement is suggested for them.
 */
export function keepPlaceable(
  findings: readonly Finding[],
  files: readonly ReviewFile[],
  clipped: readonly ClippedLine[],
): { findings: PlacedFinding[]; notes: Note[] } {
  const clippedAt = new Set(clipped.map((entry) => `${entry.path}\u0000${entry.side}\u0000${entry.line}`));
  const touchesClippedLine = (finding: Finding) => {
    for (let line = finding.startLine ?? finding.line; line <= finding.line; line += 1)
      if (clippedAt.has(`${finding.path}\u0000${finding.side}\u0000${line}`)) return true;
    return false;
  };
  const byPath = new Map(files.map((file) => [file.path, file]));
  const maps = new Map(files.map((file) => [file.path, lineMapForFile(file)]));
  const seen = new Set<string>();
  const result: { findings: PlacedFinding[]; notes: Note[] } = { findings: [], notes: [] };
  for (const finding of findings) {
    const key = `${finding.path}\u0000${finding.side}\u0000${finding.line}\u0000${finding.rule}\u0000${finding.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const map = maps.get(finding.path);
    const file = byPath.get(finding.path);
    const fits =
      finding.subjectType === "file"
        ? isInText(file?.headText, finding.startLine ?? finding.line, finding.line)
        : map !== undefined &&
          (finding.startLine === null
            ? map.canComment(finding.side, finding.line)
            : map.canCommentRange(finding.side, finding.startLine, finding.line));
    if (fits)
      result.findings.push({
        ...finding,
        // A replacement for a line nectr read only in part would cut the rest of it off.
        suggestion: touchesClippedLine(finding) ? null : changingSuggestion(finding, file),
        fingerprint: findingFingerprint(finding, file),
        code: findingCode(finding, file),
      });
    else
      result.notes.push({
        path: finding.path,
        severity: finding.severity,
        rule: finding.rule,
        title: finding.title,
        body: finding.body,
      });
  }
  return result;
}

function isInText(text: string | undefined, first: number, last: number): boolean {
  if (text === undefined || first < 1 || last < first) return false;
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1 && lines < last; at = text.indexOf("\n", at + 1)) lines += 1;
  return last <= lines;
}

/**
 * A suggestion replaces exactly the finding's lines on GitHub, so one is kept only on a diff line
 * and only when it changes them: an identical one offers nothing to commit. An empty one deletes
 * the lines, which only a built-in check means (a line that is a debug call and nothing else);
 * from the model it is an answer with no replacement in it.
 */
function changingSuggestion(finding: Finding, file: ReviewFile | undefined): string | null {
  if (finding.suggestion === null || finding.subjectType === "file" || finding.side !== "RIGHT") return null;
  const replacement = finding.suggestion.replace(/\n$/, "");
  if (replacement.trim() === "" && finding.rule === "llm") return null;
  return replacement === findingLines(finding, file).join("\n") ? null : finding.suggestion;
}

/**
 * Critical findings always mean request_changes. Approval comes only from a model that read the
 * whole change and found nothing above a nit; built-in checks alone never approve.
 */
export function verdictOf(
  findings: readonly Finding[],
  llmVerdict: Verdict | undefined,
  status: LlmRun["status"],
): Verdict {
  if (findings.some((finding) => finding.severity === "critical")) return "request_changes";
  const serious = findings.some((finding) => finding.severity === "warning" || finding.severity === "suggestion");
  const fromModel = status === "used" && llmVerdict ? llmVerdict : "comment";
  return serious ? severer(fromModel, "comment") : fromModel;
}

export function llmRun(
  llm: LlmPort | undefined,
  result: LlmReviewResult | undefined,
  price: TokenPrice | undefined,
  withheld: string | undefined,
): LlmRun {
  if (llm && withheld) {
    return {
      status: "withheld",
      model: llm.model,
      promptTokens: 0,
      completionTokens: 0,
      calls: 0,
      problems: [withheld],
      problemDetails: [withheld],
      costDollars: null,
    };
  }
  if (!llm || !result) {
    return {
      status: "not-configured",
      model: null,
      promptTokens: 0,
      completionTokens: 0,
      calls: 0,
      problems: [],
      problemDetails: [],
      costDollars: null,
    };
  }
  const failed = result.failures.length;
  const status = failed === 0 ? "used" : failed === result.calls ? "failed" : "partial";
  const dropped = [
    ...(result.dropped > 0
      ? [`${result.dropped} findings beyond ${MAX_FINDINGS_PER_CALL} per call were left out`]
      : []),
    ...(result.unplaced > 0
      ? [
          `${result.unplaced} finding${result.unplaced === 1 ? "" : "s"} quoted code that is in none of the changed files, and ${result.unplaced === 1 ? "was" : "were"} left out`,
        ]
      : []),
  ];
  const costDollars = price ? costInDollars(price, result.usage.promptTokens, result.usage.completionTokens) : null;
  return {
    status,
    model: llm.model,
    ...result.usage,
    calls: result.calls,
    problems: [...result.failures, ...dropped],
    problemDetails: [...result.failureDetails, ...dropped],
    costDollars,
  };
}

/** Where a finding's code can still be: the new side of the file's diff, and its whole new text when read. */
export function newSideLines(file: ReviewFile): Set<string> {
  const lines = new Set(
    file.hunks
      .flatMap((hunk) => hunk.lines)
      .filter((line) => line.newLine !== null)
      .map((line) => normaliseCode(line.text)),
  );
  for (const line of file.headText?.split("\n") ?? []) lines.add(normaliseCode(line));
  return lines;
}
