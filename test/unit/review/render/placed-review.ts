import { keepPlaceable, llmRun, newSideLines, verdictOf } from "../../../../src/review/assemble-review.js";
import { EMPTY_CONTEXT } from "../../../../src/review/review-context.js";
import type { Finding, Review, ReviewFile } from "../../../../src/review/types.js";
import { changeInfo } from "../../../harness/in-memory-change-source.js";

/**
 * A review of these files with no LLM, its findings placed on the diff (fingerprints and all) as
 * the pipeline places them: what a renderer is given. A finding GitHub would refuse becomes a note.
 */
export function placedReview(files: readonly ReviewFile[], findings: readonly Finding[]): Review {
  const placed = keepPlaceable(findings, files, []);
  const llm = llmRun(undefined, undefined, undefined, undefined);
  return {
    info: changeInfo({ changedFiles: files.length }),
    overview: "",
    keyChanges: [],
    verdict: verdictOf(placed.findings, undefined, llm.status),
    findings: placed.findings,
    inline: placed.findings,
    notes: placed.notes,
    context: EMPTY_CONTEXT,
    files: files.map(({ path, status, additions, deletions }) => ({ path, status, additions, deletions })),
    diffLines: new Map(files.map((file) => [file.path, newSideLines(file)])),
    coverage: {
      full: files.map((file) => file.path),
      clipped: [],
      skipped: [],
      unchanged: [],
      unlisted: 0,
      longLines: [],
      unchecked: [],
    },
    pass: undefined,
    llm,
    learnings: [],
  };
}
