import { diffTexts } from "../diff/diff-texts.js";
import { UNLIMITED_TIME, type ChangedFile, type ChangeSource, type TextRequest, type TimeBox } from "./ports.js";
import { textKey } from "./ports.js";
import type { ReviewFile } from "./types.js";

export interface CompletedFiles {
  files: ReviewFile[];
  /** Files whose diff could not be rebuilt (GitHub truncated the text too). */
  unreadable: { path: string; reason: string }[];
}

/**
 * Turns the source's files into ReviewFiles. A file whose patch GitHub left out gets its hunks
 * rebuilt from the base and head texts, read in one round trip for all such files, within what is
 * left of the time box.
 */
export async function completeFiles(
  source: ChangeSource,
  changed: readonly ChangedFile[],
  time: TimeBox = UNLIMITED_TIME,
): Promise<CompletedFiles> {
  const missing = changed.filter((file) => file.patchMissing);
  const requests: TextRequest[] = missing.flatMap((file) => [
    ...(file.newPath ? [{ path: file.newPath, at: "head" as const }] : []),
    ...(file.oldPath ? [{ path: file.oldPath, at: "base" as const }] : []),
  ]);
  const texts = requests.length > 0 ? await source.readTexts(requests) : new Map();
  const unreadable: CompletedFiles["unreadable"] = [];
  const files = changed.map((file): ReviewFile => {
    if (!file.patchMissing) return { ...file, headText: undefined };
    const head = file.newPath ? texts.get(textKey({ path: file.newPath, at: "head" })) : { text: "", truncated: false };
    const base = file.oldPath ? texts.get(textKey({ path: file.oldPath, at: "base" })) : { text: "", truncated: false };
    if (!head || !base || head.truncated || base.truncated) {
      unreadable.push({ path: file.path, reason: "diff too large for GitHub's API" });
      return { ...file, hunks: [], headText: undefined };
    }
    const hunks = diffTexts(base.text, head.text, Math.max(0, time.remainingMs()));
    if (!hunks) {
      unreadable.push({ path: file.path, reason: "its diff could not be rebuilt within the review's time box" });
      return { ...file, hunks: [], headText: undefined };
    }
    return { ...file, hunks, headText: file.newPath ? head.text : undefined };
  });
  return { files, unreadable };
}
