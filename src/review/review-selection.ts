import picomatch from "picomatch";
import { fileKind, SKIPPED_KIND_REASONS } from "../diff/file-kind.js";
import { atOrAbove, type RepoConfig } from "./repo-config.js";
import { SEVERITIES, type PlacedFinding, type ReviewFile } from "./types.js";

export interface FileSelection {
  reviewable: ReviewFile[];
  skipped: { path: string; reason: string }[];
}

/**
 * Which files the review reads: not binary, lock, generated or vendored, not unreadable, and
 * inside .nectr.yml's include globs and outside its exclude globs. The rest are named with why.
 */
export function selectFiles(
  files: readonly ReviewFile[],
  unreadable: readonly { path: string; reason: string }[],
  config: RepoConfig,
): FileSelection {
  const unreadablePaths = new Set(unreadable.map((entry) => entry.path));
  const included = config.include.length > 0 ? picomatch(config.include, { dot: true }) : () => true;
  const excluded = config.exclude.length > 0 ? picomatch(config.exclude, { dot: true }) : () => false;
  const selection: FileSelection = { reviewable: [], skipped: [...unreadable] };
  for (const file of files) {
    if (unreadablePaths.has(file.path)) continue;
    const reason =
      SKIPPED_KIND_REASONS[fileKind(file.path, file.binary)] ??
      (!included(file.path) || excluded(file.path) ? "excluded by .nectr.yml" : undefined);
    if (reason) selection.skipped.push({ path: file.path, reason });
    else selection.reviewable.push(file);
  }
  return selection;
}

/** The findings posted inline: at or above the threshold, most severe first, at most the cap. */
export function chooseInline(findings: readonly PlacedFinding[], config: RepoConfig): PlacedFinding[] {
  return findings
    .filter((finding) => atOrAbove(finding.severity, config.severityThreshold))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .slice(0, config.maxInlineComments);
}
