import { clipTextLines } from "./clip-long-lines.js";
import type { ChangeSource, FileText } from "./ports.js";
import { textKey } from "./ports.js";
import { maskFileText, type SecretMask } from "./secret-masks.js";
import type { ReviewFile } from "./types.js";

/**
 * A text longer than this is not read whole for context: a file this big is data or generated,
 * and its hunks alone are what the model gets.
 */
const MAX_HEAD_TEXT_CHARS = 2_000_000;

/**
 * The files the model reads, each with its whole new text, read in one round trip and masked and
 * clipped as the diff is: the prompt's context around the hunks comes from it, and a finding about
 * code outside the hunks is found in it.
 */
export async function withHeadTexts(
  source: ChangeSource,
  files: readonly ReviewFile[],
  masks: readonly SecretMask[],
): Promise<ReviewFile[]> {
  const unread = (file: ReviewFile) => file.headText === undefined && !file.binary && file.newPath !== null;
  // An added file's diff is its whole text, already masked and clipped: nothing to read.
  const wanted = files.filter((file) => unread(file) && file.status !== "added");
  // Context is extra: texts that cannot be read now leave the review to the hunks, never failing it.
  const texts =
    wanted.length === 0
      ? new Map<string, FileText>()
      : await source
          .readTexts(wanted.map((file) => ({ path: file.newPath ?? file.path, at: "head" })))
          .catch(() => new Map<string, FileText>());
  return files.map((file) => {
    if (!unread(file)) return file;
    if (file.status === "added") return { ...file, headText: textOfHunks(file) };
    const read = texts.get(textKey({ path: file.newPath ?? file.path, at: "head" }));
    if (!read || read.truncated || read.text.length > MAX_HEAD_TEXT_CHARS) return file;
    return { ...file, headText: clipTextLines(maskFileText(read.text, masks)) };
  });
}

function textOfHunks(file: ReviewFile): string {
  const lines = file.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.newLine !== null));
  return lines.map((line) => line.text).join("\n");
}
